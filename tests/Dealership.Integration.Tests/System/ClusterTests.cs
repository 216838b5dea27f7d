using System.Net;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class ClusterTests(SystemFixture fixture)
{
    [Fact]
    public async Task Two_silo_processes_form_one_cluster_and_both_host_grains_a_client_reaches()
    {
        Assert.Equal(2L, await fixture.System.Database.Scalar<long>("SELECT count(*) FROM orleansmembershiptable WHERE status = 3"));

        // One client per silo, each entering the cluster through that silo's gateway port.
        var hosts = fixture.System.Silos.Select(silo => Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "dealership-" + fixture.System.Database.Name;
                    o.ServiceId = "dealership";
                });
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, silo.GatewayPort));
            })
            .Build()).ToList();
        Caller.Set(Caller.Platform("cluster test"));
        try
        {
            foreach (var host in hosts)
            {
                await host.StartAsync();
            }

            var clients = hosts.Select(h => h.Services.GetRequiredService<IClusterClient>()).ToList();

            // A stateless worker always runs on the silo that received the call: two answers, two silos.
            var identities = await Task.WhenAll(clients.Select(c => c.GetGrain<IHealthGrain>(0).Ping()));
            Assert.Equal(2, identities.Distinct().Count());

            // One stateful grain answers the same through either silo: the silos route to each other.
            var views = await Task.WhenAll(clients.Select(c => c.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Chaoyang)).Get()));
            Assert.All(views, v => Assert.True(v.IsOk));
            Assert.Equal(views[0].Value!.Revision, views[1].Value!.Revision);
        }
        finally
        {
            Caller.Set(null);
            foreach (var host in hosts)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }
    }
}
