using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dealership.Gateway.Health;

/// <summary>Ready means a grain answers: the gateway is connected to the cluster and a silo can run grains.</summary>
public sealed class GrainHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            RequestContext.Clear();
            Caller.Set(Caller.Platform("health"));
            var silo = await cluster.GetGrain<IHealthGrain>(0).Ping().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"answered by {silo}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("no grain answered", ex is TimeoutException ? null : ex);
        }
        finally
        {
            Caller.Set(null);
        }
    }
}
