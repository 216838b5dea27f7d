using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Gives every operation a description from what its endpoint carries: who may call it, the store or group scope its route
/// puts it in, other credentials it takes, and what a retry with the same Idempotency-Key does. A description the endpoint
/// already has (<c>WithDescription</c>, a deprecation note) comes first.
/// </summary>
public sealed class DescriptionTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var path = context.Description.RelativePath ?? "";
        var facts = new List<string>();
        if (!string.IsNullOrWhiteSpace(operation.Description))
        {
            facts.Add(operation.Description);
        }

        if (metadata.OfType<AllowedRoles>().LastOrDefault() is { } allowed)
        {
            facts.Add(Who(allowed.Roles));
        }
        else if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            facts.Add("No token needed.");
        }

        if (metadata.OfType<AcceptsQueryCredentials>().Any())
        {
            facts.Add($"Besides a Bearer token it takes, in the query string, a `{QueryCredentials.Ticket}` (browsers) or a " +
                $"`{QueryCredentials.Board}` token (wall screens), each for one store only.");
        }

        if (Scope(path) is { } scope)
        {
            facts.Add(scope);
        }

        if (metadata.OfType<HonoursIdempotencyKey>().LastOrDefault() is { } keyed)
        {
            facts.Add(keyed.Retry == KeyedRetry.SameRecord
                ? "Honours `Idempotency-Key`: the new record's id is derived from the key, so a retry with the same key and request " +
                    "creates nothing twice and answers with that record; the same key with another request gets 409 `idempotency-key-reused`."
                : "Honours `Idempotency-Key`: a retry with the same key and request within 24 hours does the work once and gets the " +
                    "first answer; the same key with another request gets 409 `idempotency-key-reused`.");
        }

        operation.Description = string.Join("\n\n", facts);
        return Task.CompletedTask;
    }

    private static string Who(IReadOnlyList<StaffRole> roles) =>
        roles.Count == RoleSets.Everyone.Length && RoleSets.Everyone.All(roles.Contains)
            ? "Any member of staff may call it (`x-roles`)."
            : $"Who may call it (`x-roles`): {string.Join(", ", roles)}; any other role gets 403.";

    /// <summary>The scope rule of <see cref="Access"/>, read from the route: a store route, or a group route.</summary>
    private static string? Scope(string path)
    {
        var records = path.Split('/').Count(s => s.StartsWith('{') && s is not ("{storeId}" or "{groupId}"));
        if (path.Contains("{storeId}", StringComparison.Ordinal))
        {
            return "The caller's stores must include `storeId`, else 403." + (records > 0
                ? " The ids in the path are looked up within this store only, so another store's record is never reached: its id " +
                    "answers as an unknown one would."
                : "");
        }

        return path.Contains("{groupId}", StringComparison.Ordinal) ? "The caller must belong to the group `groupId`, else 403." : null;
    }
}
