using System.Net;
using Dealership.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>
/// An Orleans client that enters the test system through one silo's gateway port, as the operator's tooling would, or an
/// intruder on the store's network: with the installation's certificate, another one, or none.
/// </summary>
public sealed class DirectClient : IAsyncDisposable
{
    private readonly IHost host;

    private DirectClient(IHost host) => this.host = host;

    public IClusterClient Cluster => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects, or throws if the silo does not let this client in (it tries once).</summary>
    /// <param name="trustAnySilo">Skip checking the silo's certificate, as an intruder's client would.</param>
    public static async Task<DirectClient> Connect(DealershipSystem system, int gatewayPort, ClusterCertificates? certificates, bool trustAnySilo = false)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "dealership-" + system.Database.Name;
                    o.ServiceId = "dealership";
                });
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
                client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
                if (certificates is not null)
                {
                    client.UseTls(options =>
                    {
                        new ClusterTls(certificates, TimeProvider.System).Configure(options);
                        if (trustAnySilo)
                        {
                            options.AllowAnyRemoteCertificate();
                        }
                    });
                }
            })
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StartAsync(timeout.Token);
            return new DirectClient(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
