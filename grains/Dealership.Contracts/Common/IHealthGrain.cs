namespace Dealership.Contracts.Common;

/// <summary>Answers readiness probes: if this answers, the cluster can run grains.</summary>
[Alias("IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<string> Ping();
}
