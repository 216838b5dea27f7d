using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>Endpoint metadata: the request body is a form (application/x-www-form-urlencoded) with the fields of <see cref="Fields"/>.</summary>
public sealed record TakesForm(Type Fields);

/// <summary>
/// Declares a form request body (OAuth 2's token request). Declared here rather than with ASP.NET's <c>Accepts</c>, whose routing
/// would answer any other content type with a bare 415 before the endpoint can answer as RFC 6749 asks (400 invalid_request).
/// </summary>
public sealed class FormBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<TakesForm>().LastOrDefault() is { } form)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/x-www-form-urlencoded"] = new() { Schema = await context.GetOrCreateSchemaAsync(form.Fields, null, cancellationToken) },
                },
            };
        }
    }
}
