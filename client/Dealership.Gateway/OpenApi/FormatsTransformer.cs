using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Gives money and time their formats, so a generated client types them right. Amounts are <c>decimal</c> (CNY, exact), which
/// the generator writes as a double: they are <c>format: decimal</c>. Times are written by the store-time converter (ISO 8601
/// with the store's offset); the generator, seeing a custom converter, gives them a format but no type: they are strings,
/// or null where the field may be empty.
/// </summary>
public sealed class FormatsTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonPropertyInfo?.PropertyType ?? context.JsonTypeInfo.Type;
        var nullable = Nullable.GetUnderlyingType(type) is not null;
        if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(decimal))
        {
            schema.Format = "decimal";
        }
        else if (schema.Format == "date-time" && schema.Type is null)
        {
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
