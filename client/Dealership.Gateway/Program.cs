using System.Text.Json.Serialization;
using Dealership.Gateway;
using Dealership.Gateway.Apis;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Demo;
using Dealership.Gateway.Errors;
using Dealership.Gateway.Feed;
using Dealership.Gateway.Health;
using Dealership.Gateway.OpenApi;
using Dealership.Schema;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Scalar.AspNetCore;

// `--seed-demo` loads the demo dealer group once the cluster answers (./run.sh passes it).
var seedDemo = args.Contains("--seed-demo");
args = [.. args.Where(a => a != "--seed-demo")];
// Rooted at the build output (appsettings.json, wwwroot), whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var orleans = builder.Configuration.GetSection("Orleans").Get<GatewaySettings>() ?? new GatewaySettings();
var auth = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
auth.Validate();
var connectionString = DatabaseStartup.ConnectionString(builder.Configuration);
await DatabaseStartup.MigrateWhenReachableAsync(connectionString, TimeSpan.FromSeconds(60), Console.WriteLine);

builder.UseOrleansClient(client =>
{
    client.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = orleans.ClusterId;
        o.ServiceId = orleans.ServiceId;
    });
    client.UseAdoNetClustering(o =>
    {
        o.Invariant = "Npgsql";
        o.ConnectionString = connectionString;
    });
    client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
    // The gateway may start before any silo: keep trying rather than failing start-up.
    client.UseConnectionRetryFilter(async (_, cancellationToken) =>
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return true;
    });
    client.AddActivityPropagation();
});

builder.Services.Configure<AuthSettings>(builder.Configuration.GetSection("Auth"));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<TokenService>();
builder.Services.AddSingleton<StaffStandingCache>();
builder.Services.AddSingleton<StoreDirectory>();
builder.Services.AddSingleton<StoreFeedHub>();
builder.Services.AddSingleton<DemoSeeder>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreFeedHub>());

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = TokenService.StaffAudience,
        IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(auth.SigningKey)),
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = StaffClaims.Name,
        RoleClaimType = StaffClaims.Role,
    };
    // A refused token gets a ProblemDetails body, like every other error.
    o.Events = new JwtBearerEvents
    {
        OnChallenge = async context =>
        {
            context.HandleResponse();
            await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "A valid Bearer token is required; get one from POST /api/auth/token.",
                extensions: new Dictionary<string, object?> { ["code"] = "unauthorized" }).ExecuteAsync(context.HttpContext);
        },
    };
});
builder.Services.AddAuthorization();

builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<StoreTimeConverter>();
builder.Services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>()
    .Configure<StoreTimeConverter>((o, converter) => o.SerializerOptions.Converters.Add(converter));
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 256 * 1024);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier;
    c.ProblemDetails.Extensions.TryAdd("code", c.ProblemDetails.Status switch
    {
        404 => "not-found",
        405 => "method-not-allowed",
        415 => "unsupported-media-type",
        _ => "error",
    });
});
builder.Services.AddExceptionHandler<GatewayExceptionHandler>();
builder.Services.AddOpenApi(o =>
{
    o.AddOperationTransformer<RolesTransformer>();
    o.AddOperationTransformer<DeprecationTransformer>();
});
builder.Services.AddHealthChecks().AddCheck<GrainHealthCheck>("grains", tags: ["ready"]);

builder.Services.AddOpenTelemetry()
    .ConfigureResource(r => r.AddService("dealership-gateway"))
    .WithTracing(t =>
    {
        t.AddAspNetCoreInstrumentation().AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddNpgsql();
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
        m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter("Microsoft.Orleans").AddNpgsqlInstrumentation()
            .AddPrometheusExporter();
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            m.AddOtlpExporter();
        }
    });

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseMiddleware<CallerMiddleware>();
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint("/metrics");

app.MapAuthApi();
app.MapStoresApi();
app.MapStaffApi();
app.MapConsultantsApi();
app.MapVehiclesApi();
app.MapPartsApi();
app.MapShipmentsApi();
app.MapTransfersApi();
app.MapEventsApi();
app.MapShowroomRegisterApi();
app.MapProspectsApi();
app.MapTestDrivesApi();
app.MapDealsApi();
app.MapDealMoneyApi();
app.MapDeliveryApi();
app.MapTasksApi();
app.MapSalesNumbersApi();
app.MapStockApi();
app.MapWeeklyReportsApi();
app.MapOemOrdersApi();

if (seedDemo)
{
    app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
    {
        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        var log = app.Services.GetRequiredService<ILogger<DemoSeeder>>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await seeder.Seed(app.Lifetime.ApplicationStopping);
                Console.WriteLine("DEMO-SEEDED");
                return;
            }
            catch (Exception ex) when (attempt < 60 && !app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                log.LogInformation("Demo seeding waits for the cluster ({Message})", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Demo seeding failed");
                return;
            }
        }
    }));
}

app.Run();

/// <summary>Exposed for WebApplicationFactory in tests.</summary>
public partial class Program;
