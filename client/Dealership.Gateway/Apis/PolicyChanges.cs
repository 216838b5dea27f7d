using System.Text.Json;
using Dealership.Contracts.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>
/// <c>PUT /policies</c> changes the fields it sends and keeps the others: a manager raising one limit must not silently
/// reset the VAT rate or the discount limits to their defaults.
/// </summary>
public static class PolicyChanges
{
    private static readonly System.Reflection.PropertyInfo[] Fields = typeof(StorePolicies).GetProperties()
        .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.DeclaringType == typeof(StorePolicies))
        .ToArray();

    /// <summary>Lets the handler read the body again after binding (only for policy updates; bodies are at most 256 KiB).</summary>
    public static IApplicationBuilder UseBufferedPolicyBodies(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPut(context.Request.Method) && context.Request.Path.Value?.EndsWith("/policies", StringComparison.Ordinal) == true)
            {
                context.Request.EnableBuffering();
            }

            await next(context);
        });

    /// <summary>The top-level field names the request body carried (JSON names, as sent).</summary>
    public static async Task<HashSet<string>> Sent(HttpRequest request)
    {
        request.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(request.Body);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
    }

    /// <summary><paramref name="sent"/>'s fields from <paramref name="requested"/>, every other field from <paramref name="current"/>.</summary>
    public static StorePolicies Merge(StorePolicies current, StorePolicies requested, IReadOnlySet<string> sent)
    {
        var merged = requested with { };
        foreach (var field in Fields.Where(f => !sent.Contains(JsonNamingPolicy.CamelCase.ConvertName(f.Name))))
        {
            field.SetValue(merged, field.GetValue(current));
        }

        return merged;
    }
}
