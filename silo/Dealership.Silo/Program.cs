using System.Net;
using Orleans.Configuration;
using Dealership.Grains;
using Dealership.Grains.Trust;
using Dealership.Schema;
using Dealership.Silo;
using Dealership.Trust;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

if (CertificatesCommand.Matches(args))
{
    return CertificatesCommand.Run(args);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddSecretsDirectory();
var settings = builder.Configuration.GetSection("Orleans").Get<SiloSettings>() ?? new SiloSettings();
var connectionString = DatabaseStartup.ConnectionString(builder.Configuration);
var trust = TrustSettings.Read(builder.Configuration);
var certificates = trust.Certificates([settings.ListenAddress, settings.AdvertisedAddress]);
var callers = CallerVerification.From(trust);
var sealKeys = trust.SealKeys();

await DatabaseStartup.MigrateWhenReachableAsync(connectionString, TimeSpan.FromSeconds(60), Console.WriteLine);

// Orleans' graceful shutdown hands activations over and leaves the cluster cleanly; give it time, within the silo's deadline.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownDeadline.Graceful);
builder.Services.AddSingleton(new Dealership.Grains.Targets.RollupSwitch(builder.Configuration.GetValue("Rollup:Enabled", true)));

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = settings.ClusterId;
        o.ServiceId = settings.ServiceId;
    });
    silo.Configure<EndpointOptions>(o =>
    {
        o.AdvertisedIPAddress = settings.AdvertisedAddress;
        o.SiloPort = settings.SiloPort;
        o.GatewayPort = settings.GatewayPort;
        o.SiloListeningEndpoint = new IPEndPoint(settings.ListenAddress, settings.SiloPort);
        o.GatewayListeningEndpoint = new IPEndPoint(settings.ListenAddress, settings.GatewayPort);
    });
    if (certificates is not null)
    {
        // Only processes holding a certificate from the installation's authority can join or call the cluster.
        var tls = new ClusterTls(certificates, TimeProvider.System);
        silo.UseTls(tls.Configure);
        builder.Services.AddSingleton(tls);
        builder.Services.AddHostedService<ClusterTlsLogging>();
    }

    silo.UseAdoNetClustering(o =>
    {
        o.Invariant = "Npgsql";
        o.ConnectionString = connectionString;
    });
    silo.UseAdoNetReminderService(o =>
    {
        o.Invariant = "Npgsql";
        o.ConnectionString = connectionString;
    });
    silo.AddDealershipGrains(connectionString, callers, sealKeys,
        builder.Configuration.GetSection(Dealership.Grains.Partners.WebhookSettings.Section).Get<Dealership.Grains.Partners.WebhookSettings>(), certificates);
    silo.AddActivityPropagation();
});

builder.Services.AddOpenTelemetry()
    .ConfigureResource(r => r.AddService("dealership-silo", serviceInstanceId: $"{Environment.MachineName}:{settings.SiloPort}"))
    .WithTracing(t =>
    {
        t.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddNpgsql();
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            t.AddOtlpExporter();
        }

        // Telemetry:Console=true prints every span to standard output (for a quick look, and for the trace test).
        if (builder.Configuration.GetValue("Telemetry:Console", false))
        {
            t.AddConsoleExporter();
        }
    })
    .WithMetrics(m =>
    {
        m.AddMeter("Microsoft.Orleans").AddRuntimeInstrumentation().AddNpgsqlInstrumentation();
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            m.AddOtlpExporter();
        }
    });

var host = builder.Build();
ShutdownDeadline.Watch(host, connectionString);
await host.RunAsync();
return 0;
