using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Trust;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class ClusterTests(SystemFixture fixture)
{
    [Fact]
    public async Task Two_silo_processes_form_one_cluster_and_both_host_grains_a_client_reaches()
    {
        Assert.Equal(2L, await fixture.System.Database.Scalar<long>("SELECT count(*) FROM orleansmembershiptable WHERE status = 3"));

        // One client per silo, each entering the cluster through that silo's gateway port with the installation's certificate,
        // signed as the operator's tooling.
        var clients = new List<DirectClient>();
        CallerAssertion.Attach(CallerAssertion.Sign(Caller.Platform("cluster test"), 0, DateTimeOffset.UtcNow.AddMinutes(5), Installation.OperatorKeys));
        try
        {
            foreach (var silo in fixture.System.Silos)
            {
                clients.Add(await DirectClient.Connect(fixture.System, silo.GatewayPort, Installation.GatewayCertificates()));
            }

            // A stateless worker always runs on the silo that received the call: two answers, two silos.
            var identities = await Task.WhenAll(clients.Select(c => c.Cluster.GetGrain<IHealthGrain>(0).Ping()));
            Assert.Equal(2, identities.Distinct().Count());

            // One stateful grain answers the same through either silo: the silos route to each other.
            var views = await Task.WhenAll(clients.Select(c => c.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Chaoyang)).Get()));
            Assert.All(views, v => Assert.True(v.IsOk));
            Assert.Equal(views[0].Value!.Revision, views[1].Value!.Revision);
        }
        finally
        {
            CallerAssertion.Attach(null);
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
