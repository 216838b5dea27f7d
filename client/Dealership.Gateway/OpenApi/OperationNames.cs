using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// An operation of version 2 keeps version 1's operation id (each document is a client's whole API), but an endpoint name
/// must be unique in the gateway: version 2's endpoints carry the name as <see cref="OperationName"/> instead.
/// </summary>
public sealed record OperationName(string Id);

public static class OperationNames
{
    public static void KeepAsOperationId(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault() is { } name)
        {
            endpoint.Metadata.Add(new OperationName(name.EndpointName));
            foreach (var duplicate in endpoint.Metadata.Where(m => m is IEndpointNameMetadata or IRouteNameMetadata).ToList())
            {
                endpoint.Metadata.Remove(duplicate);
            }
        }
    }
}

/// <summary>Writes <see cref="OperationName"/> as the operation's id.</summary>
public sealed class OperationIdTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OperationName>().LastOrDefault() is { } name)
        {
            operation.OperationId = name.Id;
        }

        return Task.CompletedTask;
    }
}
