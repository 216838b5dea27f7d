using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>An old path kept for clients of an earlier release; marked deprecated in the document, with its successor named.</summary>
/// <param name="Method">The successor's HTTP method.</param>
/// <param name="Successor">The path that replaces it, with the same route parameters ("/api/stores/{storeId}/showroom-register").</param>
/// <param name="Since">When it was deprecated (the release that renamed it).</param>
public sealed record DeprecatedAlias(string Method, string Successor, DateTimeOffset Since);

public static class DeprecatedAliases
{
    /// <summary>
    /// Marks an old path: the document says so, and every answer carries <c>Deprecation</c> (RFC 9745, the date it was
    /// deprecated) and a <c>Link</c> to its successor, so a client's logs show it before the path is retired.
    /// </summary>
    public static RouteHandlerBuilder DeprecatedFor(this RouteHandlerBuilder route, string method, string successor, DateTimeOffset since) =>
        route.WithMetadata(new DeprecatedAlias(method, successor, since)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var path = successor;
            foreach (var (name, value) in http.Request.RouteValues)
            {
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value?.ToString() ?? ""), StringComparison.Ordinal);
            }

            http.Response.Headers["Deprecation"] = $"@{since.ToUnixTimeSeconds()}";
            http.Response.Headers.Append("Link", $"<{path}>; rel=\"successor-version\"");
            return await next(context);
        });
}

/// <summary>Marks operations carrying <see cref="DeprecatedAlias"/> as deprecated.</summary>
public sealed class DeprecationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DeprecatedAlias>().LastOrDefault() is { } alias)
        {
            operation.Deprecated = true;
            operation.Description = $"Deprecated since {alias.Since:yyyy-MM-dd}: use {alias.Method} {alias.Successor}. " +
                "Answers carry `Deprecation` and a `Link` to the successor; kept until the API's change policy retires it.";
        }

        return Task.CompletedTask;
    }
}
