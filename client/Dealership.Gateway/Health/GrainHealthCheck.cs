using Dealership.Contracts.Common;
using Dealership.Gateway.Auth;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dealership.Gateway.Health;

/// <summary>Ready means a grain answers: the gateway is connected to the cluster and a silo can run grains.</summary>
public sealed class GrainHealthCheck(IClusterClient cluster, ClusterCallers callers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            RequestContext.Clear();
            var silo = await callers.AsGateway("health", () => cluster.GetGrain<IHealthGrain>(0).Ping()).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"answered by {silo}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("no grain answered", ex is TimeoutException ? null : ex);
        }
    }
}
