using Dealership.Contracts.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Dealership.Grains.Tests.Storage;

/// <summary>
/// A database failure reaches the gateway wrapped, as Orleans' storage bridge (a state read) or the grain storage (a write cut
/// off) raise it: whether it is transient must survive the wire, or the gateway answers 500 where 503 is due.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DatabaseFailureCrossingTests(ClusterFixture fixture)
{
    [Fact]
    public void A_transient_failure_inside_a_storage_error_or_an_inconsistent_state_stays_transient_across_the_wire()
    {
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        Exception[] sent =
        [
            new OrleansException("Error from storage provider during ReadStateAsync", new DatabaseFailedException("gone", transient: true)),
            new InconsistentStateException("outcome unknown", "3", "unknown", new DatabaseFailedException("gone", transient: true)),
            new DatabaseFailedException("refused", transient: false),
        ];

        var received = sent.Select(e => serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(e))!).ToList();

        Assert.True(Assert.IsType<DatabaseFailedException>(received[0].InnerException).Transient);
        Assert.True(Assert.IsType<DatabaseFailedException>(Assert.IsType<InconsistentStateException>(received[1]).InnerException).Transient);
        Assert.False(Assert.IsType<DatabaseFailedException>(received[2]).Transient);
    }
}
