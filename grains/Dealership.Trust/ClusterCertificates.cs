using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dealership.Trust;

/// <summary>
/// The installation's certificates: its own certificate authority (CA), and this process's certificate issued by it. A peer
/// (silo or gateway) is accepted only with a certificate the same CA issued, valid now, for cluster use; names and addresses
/// are not checked, since silos are reached by the address they advertise.
/// </summary>
public sealed class ClusterCertificates(X509Certificate2 authority, X509Certificate2 own)
{
    /// <summary>Health turns to "degraded" this long before a certificate expires.</summary>
    public static readonly TimeSpan WarnBeforeExpiry = TimeSpan.FromDays(30);

    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public X509Certificate2 Authority { get; } = authority;

    public X509Certificate2 Own { get; } = own;

    /// <summary>When the first of the two certificates expires.</summary>
    public DateTimeOffset Expires => new[] { Authority.NotAfter, Own.NotAfter }.Min();

    /// <summary>Reads the CA certificate and this process's certificate and private key (PEM files).</summary>
    public static ClusterCertificates Load(string authorityPath, string certificatePath, string keyPath)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(authorityPath);
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

        // Export and re-import: an ephemeral PEM key cannot be used by TLS on every platform.
        var own = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        return new ClusterCertificates(authority, own);
    }

    /// <summary>Null when <paramref name="peer"/> may join or call the cluster; otherwise why not (safe to log).</summary>
    public string? Refusal(X509Certificate2 peer, DateTimeOffset now)
    {
        if (now < peer.NotBefore || now > peer.NotAfter)
        {
            return $"certificate '{peer.Subject}' is not valid now (valid {peer.NotBefore:u} to {peer.NotAfter:u})";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(peer) || chain.ChainElements[^1].Certificate.Thumbprint != Authority.Thumbprint)
        {
            return $"certificate '{peer.Subject}' was not issued by this installation's authority";
        }

        return null;
    }

    /// <summary>A new certificate authority for an installation.</summary>
    public static X509Certificate2 CreateAuthority(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>A certificate for one silo or gateway, issued by <paramref name="authority"/>, good for both ends of a connection.</summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, string name, IEnumerable<string> hosts, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuth), new Oid(ClientAuth)], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var notAfterWithinAuthority = notAfter > authority.NotAfter ? new DateTimeOffset(authority.NotAfter) : notAfter;
        using var issued = request.Create(authority, notBefore, notAfterWithinAuthority, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes a certificate and, if it has one, its private key as PEM; the key file is readable by its owner only.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string? keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        if (keyPath is null)
        {
            return;
        }

        var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no EC private key.");
        File.WriteAllText(keyPath, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
