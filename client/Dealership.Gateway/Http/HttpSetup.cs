using System.Text.Json.Serialization;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Http;

/// <summary>
/// How the gateway speaks HTTP: JSON with enum names and strict numbers, times in the store's own offset, bodies of at most
/// 256 KiB, and every error as an RFC 9457 ProblemDetails with a stable code and a trace id.
/// </summary>
public static class HttpSetup
{
    public static WebApplicationBuilder AddHttpConventions(this WebApplicationBuilder builder)
    {
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
                413 => "too-large",
                415 => "unsupported-media-type",
                _ => "error",
            });
        });
        builder.Services.AddExceptionHandler<GatewayExceptionHandler>();
        return builder;
    }
}
