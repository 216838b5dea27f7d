using Orleans.Configuration;
using Dealership.Grains;
using Dealership.Schema;
using Dealership.Silo;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

var builder = Host.CreateApplicationBuilder(args);
var settings = builder.Configuration.GetSection("Orleans").Get<SiloSettings>() ?? new SiloSettings();
var connectionString = DatabaseStartup.ConnectionString(builder.Configuration);

await DatabaseStartup.MigrateWhenReachableAsync(connectionString, TimeSpan.FromSeconds(60), Console.WriteLine);

// Orleans' graceful shutdown hands activations over and leaves the cluster cleanly; give it time.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = settings.ClusterId;
        o.ServiceId = settings.ServiceId;
    });
    silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
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
    silo.AddDealershipGrains(connectionString);
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

await builder.Build().RunAsync();
