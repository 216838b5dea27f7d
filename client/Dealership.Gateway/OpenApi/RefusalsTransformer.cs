using Dealership.Gateway.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Lists the refusals every guarded operation can answer, as ProblemDetails: 401 when it needs a credential (see
/// <see cref="SecurityTransformer"/>), 403 when it admits only some roles within the caller's scope (<see cref="Access"/>).
/// Added here rather than with ProducesProblem, which would hide the success response the handler's return type implies.
/// </summary>
public sealed class RefusalsTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        if (operation.Security is { Count: > 0 } && !operation.Responses.ContainsKey("401"))
        {
            operation.Responses["401"] = await Problem("No valid credential: missing, expired, or revoked since it was issued.", context, cancellationToken);
        }

        if (metadata.OfType<AllowedRoles>().Any() && !operation.Responses.ContainsKey("403"))
        {
            operation.Responses["403"] = await Problem("The store or group is outside the caller's scope, or their role may not do this.",
                context, cancellationToken);
        }

        // Staff requests count against their token's limit, sign-in against its username's and address's (RateLimitSetup).
        if ((metadata.OfType<AllowedRoles>().Any() || context.Description.RelativePath == "api/auth/token") && !operation.Responses.ContainsKey("429"))
        {
            var tooMany = await Problem("The caller's rate limit is spent (code rate-limited): wait the seconds in Retry-After. Every answer carries " +
                "RateLimit-Policy, RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.", context, cancellationToken);
            tooMany.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
            operation.Responses["429"] = tooMany;
        }
    }

    private static async Task<OpenApiResponse> Problem(string description, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(nameof(ProblemDetails)) != true)
        {
            document.AddComponent(nameof(ProblemDetails), await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        }

        return new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
            },
        };
    }
}
