using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dealership.Gateway.Health;

/// <summary>Health (live, ready: a grain answered), traces through HTTP, Orleans and SQL, and metrics for Prometheus and OTLP.</summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddHealthAndTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<GrainHealthCheck>("grains", tags: ["ready"])
            .AddCheck<CertificateHealthCheck>("certificates", tags: ["ready"]);
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("dealership-gateway"))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation().AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddNpgsql();
                if (otlp)
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
                m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter("Microsoft.Orleans").AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        return builder;
    }

    public static WebApplication MapHealthAndMetrics(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
