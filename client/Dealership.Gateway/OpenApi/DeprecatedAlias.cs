using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>An old path kept for clients of an earlier release; marked deprecated in the document, with its successor named.</summary>
public sealed record DeprecatedAlias(string Successor);

/// <summary>Marks operations carrying <see cref="DeprecatedAlias"/> as deprecated.</summary>
public sealed class DeprecationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DeprecatedAlias>().LastOrDefault() is { } alias)
        {
            operation.Deprecated = true;
            operation.Description = $"Deprecated: use {alias.Successor}. Kept until the API's change policy retires it.";
        }

        return Task.CompletedTask;
    }
}
