using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Lists every refusal an operation can answer, each an <see cref="ProblemSchema"/> with the codes it can carry: 400 when it takes
/// input, 401 when it needs a credential (<see cref="SecurityTransformer"/>), 403 when it admits only some roles, 404 when its path
/// names a record, 409 and 422 as the endpoint declares (<see cref="ResponseMetadata"/>), 413 and 415 for a body, 429 for the
/// rate limits, 503 when the cluster did not answer in time. A 201 carries its <c>Location</c>.
/// </summary>
public sealed class ResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var description = context.Description;
        operation.Responses ??= [];
        if (operation.Responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse)
        {
            createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            createdResponse.Headers["Location"] = new OpenApiHeader
            {
                Description = "Where the created record can be read.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            };
        }

        var hasBody = operation.RequestBody is not null;
        var takesInput = hasBody || description.ParameterDescriptions.Any(p => p.Source.Id is "Query")
            || metadata.OfType<HonoursIdempotencyKey>().Any() || metadata.OfType<ValidatesPath>().Any();
        var hasRecordInPath = description.ParameterDescriptions.Any(p => p.Source.Id is "Path");
        var refusals = metadata.OfType<Refusals>().ToList();

        // Declared refusals first: an operation's own 401 (sign-in) replaces the shared one.
        foreach (var refusal in refusals.GroupBy(r => r.Status))
        {
            var codes = refusal.SelectMany(r => r.Codes).Distinct().ToArray();
            Add(refusal.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), Why(refusal.Key) + ": " +
                string.Join(", ", codes.Select(c => $"`{c}`")) + ".", codes, true, shared: null);
        }

        Add("400", "The input is invalid: each bad field is named under `errors` (code invalid-input).", ["invalid-input"], takesInput,
            shared: "InvalidInputProblem");
        Add("401", "No valid credential: missing, expired, or revoked since it was issued.", ["unauthorized", "token-revoked"],
            operation.Security is { Count: > 0 }, shared: "UnauthorizedProblem");
        var partners = SecurityTransformer.PartnerArea(context) is not null;
        Add("403", partners
                ? "The store or group is outside the caller's scope, or their role may not do this (code forbidden); or a partner's token " +
                    "lacks the scope the operation needs (code insufficient-scope, the scope named in `scope`)."
                : "The store or group is outside the caller's scope, or their role may not do this (code forbidden).",
            partners ? ["forbidden", "insufficient-scope"] : ["forbidden"],
            metadata.OfType<AllowedRoles>().Any(), shared: partners ? "ForbiddenOrScopeProblem" : "ForbiddenProblem");
        Add("404", "Nothing by that id in this store or group, or it is outside the caller's scope (code not-found).", ["not-found"],
            hasRecordInPath, shared: "NotFoundProblem");
        Add("413", "The request body is over 256 KiB (code too-large).", ["too-large"], hasBody, shared: "TooLargeProblem");
        Add("415", "The request body is not application/json (code unsupported-media-type).", ["unsupported-media-type"], hasBody,
            shared: "UnsupportedMediaTypeProblem");
        var limited = metadata.OfType<AllowedRoles>().Any() || description.RelativePath is { } path
            && (path.EndsWith("auth/token", StringComparison.Ordinal) || path.EndsWith("oauth/token", StringComparison.Ordinal));
        if (Add("429", "The caller's rate limit is spent (code rate-limited): wait the seconds in Retry-After. Every answer carries " +
            "RateLimit-Policy, RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.", ["rate-limited"], limited, shared: "RateLimitedProblem") is { } tooMany)
        {
            tooMany.Headers = RetryAfter();
        }

        if (Add("503", "The cluster or its database did not answer in time (code unavailable); the outcome is unknown: retry after " +
            "Retry-After seconds with the same Idempotency-Key.", ["unavailable"], true, shared: "UnavailableProblem") is { } unavailable)
        {
            unavailable.Headers = RetryAfter();
        }

        return Task.CompletedTask;

        OpenApiResponse? Add(string status, string text, string[] codes, bool when, string? shared)
        {
            if (!when || operation.Responses.ContainsKey(status))
            {
                return null;
            }

            var response = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = ProblemWithCodes(codes, shared, context) },
                },
            };
            operation.Responses[status] = response;
            return response;
        }
    }

    private static string Why(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Refused",
        StatusCodes.Status409Conflict => "The record's state or another record stands in the way",
        _ => "A business rule refuses it",
    };

    private static Dictionary<string, IOpenApiHeader> RetryAfter() => new()
    {
        ["Retry-After"] = new OpenApiHeader
        {
            Description = "Seconds to wait before trying again.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        },
    };

    /// <summary>
    /// The problem shape with the codes this answer can carry, so clients and contract tests can rely on them. The refusals every
    /// operation shares are components (one error type in a generated client); an operation's own are inline.
    /// </summary>
    private static IOpenApiSchema ProblemWithCodes(string[] codes, string? shared, OpenApiOperationTransformerContext context)
    {
        if (shared is null)
        {
            return ProblemSchema.WithCodes(codes);
        }

        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(shared) != true)
        {
            document.AddComponent(shared, ProblemSchema.WithCodes(codes));
        }

        return new OpenApiSchemaReference(shared, document);
    }
}
