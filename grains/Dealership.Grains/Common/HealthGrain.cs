using Dealership.Contracts.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Common;

[StatelessWorker]
public sealed class HealthGrain : Grain, IHealthGrain
{
    public Task<string> Ping() => Task.FromResult(RuntimeIdentity);
}
