using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dealership.Trust;

/// <summary>Gives cluster TLS its logger once the host is built, and says at start when a certificate expires soon.</summary>
public sealed class ClusterTlsLogging(ClusterTls tls, ILogger<ClusterTls> logger, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        tls.Logger = logger;
        var left = tls.Certificates.Expires - time.GetUtcNow();
        if (left < ClusterCertificates.WarnBeforeExpiry)
        {
            logger.LogWarning("A cluster certificate expires on {Expires:u} ({Days:N0} days): issue new ones (see the README, 'Certificates and keys')",
                tls.Certificates.Expires, left.TotalDays);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
