using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Connections.Security;

namespace Dealership.Trust;

/// <summary>
/// Mutual TLS on every cluster connection: each end presents its certificate and accepts only one issued by the
/// installation's authority. A refused connection is logged with the reason and never reaches a grain.
/// </summary>
public sealed class ClusterTls(ClusterCertificates certificates, TimeProvider time)
{
    /// <summary>The name a connecting end asks for (SNI); certificates are checked by issuer, not by name.</summary>
    public const string TargetHost = "dealership-cluster";

    /// <summary>Set once the host has a logger (TLS options are built before the host is).</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    public ClusterCertificates Certificates => certificates;

    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = certificates.Own;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) => Accept(certificate);
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = TargetHost;
    }

    private bool Accept(System.Security.Cryptography.X509Certificates.X509Certificate2 peer)
    {
        if (certificates.Refusal(peer, time.GetUtcNow()) is not { } reason)
        {
            return true;
        }

        Logger.LogWarning("Refused a cluster connection: {Reason}", reason);
        return false;
    }
}
