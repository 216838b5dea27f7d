using Dealership.Gateway.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Version 2's document: every person field (<see cref="StaffRef.IsPersonField"/>) is a <c>StaffRef</c>, as version 2's
/// answers write it. The schemas are generated from the shared records, where a person is the audit name's text.
/// </summary>
public sealed class PersonsTransformer : IOpenApiDocumentTransformer
{
    private const string Component = nameof(StaffRef);

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            foreach (var (name, property) in schema.Properties?.ToArray() ?? [])
            {
                // A time (a string with a format, e.g. signBy as date-time) is not a person, whatever its name.
                if (property is OpenApiSchema { Type: { } type, Format: null } && (type & ~JsonSchemaType.Null) == JsonSchemaType.String
                    && StaffRef.IsPersonField(name, typeof(string)))
                {
                    IOpenApiSchema person = new OpenApiSchemaReference(Component, document);
                    schema.Properties![name] = (type & JsonSchemaType.Null) == 0
                        ? person
                        : new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, person] };
                    changed = true;
                }
            }
        }

        if (changed)
        {
            document.AddComponent(Component, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "A person named in a resource: the member of staff who acted and their name as it was then.",
                Required = new HashSet<string> { "staffId", "name" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["staffId"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String | JsonSchemaType.Null,
                        Description = "Who acted (a member of staff, or the gateway or operator identity); null for what the system did by itself.",
                    },
                    ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Their display name when they acted (\"system\" for the system)." },
                },
            });
        }

        return Task.CompletedTask;
    }
}
