using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>Endpoint metadata: the request body is a file of one of <see cref="MediaTypes"/>, read by the handler as it streams in.</summary>
public sealed record UploadsFile(IReadOnlyList<string> MediaTypes);

/// <summary>
/// Declares a file upload's request body (binary, in each media type it takes). Declared here rather than with ASP.NET's
/// <c>Accepts</c>, which would refuse another content type with a 415 before the caller's token and role are checked.
/// </summary>
public sealed class FileUploadTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<UploadsFile>().LastOrDefault() is { } upload)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The file, as the request body.",
                Content = upload.MediaTypes.ToDictionary(t => t,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
            };
        }

        return Task.CompletedTask;
    }
}
