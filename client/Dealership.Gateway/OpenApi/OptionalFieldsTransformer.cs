using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Marks a field required exactly when the API requires it. The generator calls every constructor parameter of a record
/// required; a field that may be null (<c>string?</c>, <c>TradeIn?</c>) may also be left out, unless it carries
/// <see cref="RequiredAttribute"/> — the nullable fields the gateway refuses without (it answers 400 naming them). A field with a
/// <see cref="System.ComponentModel.DefaultValueAttribute"/> may be left out too: its default is what the API then takes.
/// </summary>
public sealed class OptionalFieldsTransformer : IOpenApiSchemaTransformer
{
    private static readonly NullabilityInfoContext Nullability = new();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Required is not { Count: > 0 } required || context.JsonTypeInfo.Properties.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (required.Contains(property.Name) && property.AttributeProvider is PropertyInfo member && MayBeLeftOut(member))
            {
                required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    private static bool MayBeLeftOut(PropertyInfo member)
    {
        if (member.GetCustomAttribute<RequiredAttribute>() is not null)
        {
            return false;
        }

        return member.GetCustomAttribute<System.ComponentModel.DefaultValueAttribute>() is not null
            || Nullable.GetUnderlyingType(member.PropertyType) is not null || Nullability.Create(member).ReadState == NullabilityState.Nullable;
    }
}
