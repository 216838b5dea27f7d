using System.Security.Cryptography.X509Certificates;
using Dealership.Trust;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dealership.Gateway.Health;

/// <summary>
/// The certificates this gateway relies on (the cluster's, and Kestrel's HTTPS certificate if it has one): degraded 30 days
/// before the first expires, so there is time to renew; unhealthy once one has expired.
/// </summary>
public sealed class CertificateHealthCheck(IServiceProvider services, IConfiguration configuration, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var expiries = new List<(string Name, DateTimeOffset Expires)>();
        if (services.GetService<ClusterTls>() is { } tls)
        {
            expiries.Add(("cluster certificate", tls.Certificates.Expires));
        }

        if (configuration["Kestrel:Certificates:Default:Path"] is { Length: > 0 } path && File.Exists(path))
        {
            using var https = X509CertificateLoader.LoadCertificateFromFile(path);
            expiries.Add(("HTTPS certificate", https.NotAfter));
        }

        if (expiries.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no certificates in use"));
        }

        var (name, expires) = expiries.MinBy(e => e.Expires);
        var left = expires - time.GetUtcNow();
        var data = expiries.ToDictionary(e => e.Name, e => (object)e.Expires.ToString("u"));
        return Task.FromResult(left <= TimeSpan.Zero
            ? HealthCheckResult.Unhealthy($"the {name} expired on {expires:u}", data: data)
            : left < ClusterCertificates.WarnBeforeExpiry
                ? HealthCheckResult.Degraded($"the {name} expires on {expires:u}, in {left.TotalDays:N0} days: renew it (README, 'Certificates and keys')", data: data)
                : HealthCheckResult.Healthy($"the first certificate to expire is the {name}, on {expires:u}", data: data));
    }
}
