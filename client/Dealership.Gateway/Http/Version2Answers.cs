using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Dealership.Gateway.Http;

/// <summary>
/// Answers a version 2 request in version 2's shapes while the handlers stay shared: results write JSON with the options
/// their request's services give, so a version 2 request gets services whose JSON options write persons as objects; and a
/// <c>Location</c> a shared handler spelled as a version 1 path is given back as the version 2 path.
/// </summary>
public static class Version2Answers
{
    public static WebApplicationBuilder AddApiVersions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Version2Json>();
        return builder;
    }

    public static WebApplication UseApiVersions(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (ApiVersions.Of(http.Request) == ApiVersion.V2)
            {
                var json = http.RequestServices.GetRequiredService<Version2Json>();
                http.RequestServices = new Version2Services(http.RequestServices, json.Options);
                http.Response.OnStarting(() =>
                {
                    if (http.Response.Headers.Location.ToString() is { Length: > 0 } location)
                    {
                        http.Response.Headers.Location = ApiVersions.Path(http.Request, location);
                    }

                    return Task.CompletedTask;
                });
            }

            await next(http);
        });
        return app;
    }

    /// <summary>The gateway's JSON options, with persons written as <see cref="StaffRef"/>.</summary>
    private sealed class Version2Json(IOptions<JsonOptions> v1)
    {
        public IOptions<JsonOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(Build(v1.Value));

        private static JsonOptions Build(JsonOptions v1)
        {
            // JsonOptions' serializer options cannot be replaced, only filled: copy what the gateway sets on version 1's.
            var (from, v2) = (v1.SerializerOptions, new JsonOptions());
            var to = v2.SerializerOptions;
            foreach (var converter in from.Converters)
            {
                to.Converters.Add(converter);
            }

            to.PropertyNamingPolicy = from.PropertyNamingPolicy;
            to.DictionaryKeyPolicy = from.DictionaryKeyPolicy;
            to.NumberHandling = from.NumberHandling;
            to.DefaultIgnoreCondition = from.DefaultIgnoreCondition;
            to.Encoder = from.Encoder;
            to.TypeInfoResolver = (from.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(StaffRef.WritePersonsAsObjects);
            return v2;
        }
    }

    /// <summary>The request's own services, but for the JSON options.</summary>
    private sealed class Version2Services(IServiceProvider inner, IOptions<JsonOptions> json) : IServiceProvider, IKeyedServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IOptions<JsonOptions>) ? json : inner.GetService(serviceType);

        public object? GetKeyedService(Type serviceType, object? serviceKey) =>
            inner is IKeyedServiceProvider keyed ? keyed.GetKeyedService(serviceType, serviceKey) : null;

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
            inner is IKeyedServiceProvider keyed
                ? keyed.GetRequiredKeyedService(serviceType, serviceKey)
                : throw new InvalidOperationException($"No keyed service for {serviceType}.");
    }
}
