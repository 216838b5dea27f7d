using Dealership.Gateway.Auth;
using Dealership.Trust;
using Orleans.Configuration;

namespace Dealership.Gateway.Setup;

/// <summary>
/// The gateway as an Orleans client of the silos it finds in the membership table: over mutual TLS with the installation's
/// certificates, every call carrying a caller signed with the key the silos hold.
/// </summary>
public static class ClusterSetup
{
    public const string ConnectionStringName = "Dealership";

    public static WebApplicationBuilder AddDealershipCluster(this WebApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection("Orleans").Get<GatewaySettings>() ?? new GatewaySettings();
        var trust = TrustSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(new ClusterCallers(trust.CallerKeys(), TimeProvider.System));

        // Silos are found in the membership table; with security off they must all be on this machine (loopback benchmarks).
        var certificates = trust.Certificates([System.Net.IPAddress.Loopback]);
        ClusterTls? tls = certificates is null ? null : new ClusterTls(certificates, TimeProvider.System);
        if (tls is not null)
        {
            builder.Services.AddSingleton(tls);
            builder.Services.AddHostedService<ClusterTlsLogging>();
        }

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__Dealership (e.g. Host=127.0.0.1;Port=5432;Database=dealership;Username=dealership;Password=...).");
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = orleans.ClusterId;
                o.ServiceId = orleans.ServiceId;
            });

            // The gateway reads only the membership table, to find silos; the silos own the schema and everything else.
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));

            // The gateway may start before any silo (or before the silos have created the tables): keep trying rather than failing.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
            client.AddActivityPropagation();
            if (tls is not null)
            {
                client.UseTls(tls.Configure);
            }
        });
        return builder;
    }
}
