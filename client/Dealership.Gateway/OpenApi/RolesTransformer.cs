using System.Text.Json.Nodes;
using Dealership.Gateway.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Publishes each operation's admitted roles as <c>x-roles</c>, so that clients (and the endpoint harness)
/// can read who may call what.
/// </summary>
public sealed class RolesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AllowedRoles>().LastOrDefault() is { } allowed)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            var roles = new JsonArray(allowed.Roles.Select(r => (JsonNode)JsonValue.Create(r.ToString())!).ToArray());
            operation.Extensions["x-roles"] = new JsonNodeExtension(roles);
        }

        return Task.CompletedTask;
    }
}
