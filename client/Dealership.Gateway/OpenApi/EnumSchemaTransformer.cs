using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// An enum met first as a nullable field (<c>LostReason?</c>) is written as a shared schema whose values include null, and each
/// nullable use then offers null twice (<c>oneOf: [null, $ref]</c>), which JSON Schema's oneOf refuses. The shared enum lists
/// its values only; a nullable use says null itself, and is typed a string as every enum is written.
/// </summary>
public sealed class EnumSchemaTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Enum is { Count: > 0 } values)
            {
                schema.Enum = [.. values.Where(v => v is not null)];
                schema.Type = JsonSchemaType.String;
            }
        }

        return Task.CompletedTask;
    }
}
