using Dealership.Contracts.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dealership.Gateway.Auth;

/// <summary>
/// A partner's token reaches only the areas its scopes name: the area of an operation is its tag in the API document, a GET or
/// HEAD needs read and anything else write. Operations of no area (staff administration, API clients, sign-in, the live feed)
/// are never a partner's. The client's role and stores are checked after this, as a member's are.
/// </summary>
public static class PartnerScopeCheck
{
    /// <summary>Null when <paramref name="scopes"/> let the request through; else the 403 to answer.</summary>
    public static IResult? Refusal(HttpContext http, IReadOnlyList<string> scopes)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        var area = AreaOf(endpoint);
        if (area is null)
        {
            return Problem("This part of the API is for staff only; API clients cannot use it.", "forbidden", null);
        }

        var write = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        if (PartnerScopes.Allow(scopes, area, write))
        {
            return null;
        }

        var needed = PartnerScopes.Needed(area, write);
        http.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{needed}\"";
        return Problem($"This token's scopes do not include {needed}.", "insufficient-scope", needed);
    }

    /// <summary>The partner area of an endpoint, or null when it is staff-only.</summary>
    public static string? AreaOf(Endpoint endpoint) => AreaOf(endpoint.Metadata);

    /// <summary>The partner area named by an endpoint's metadata (its last tags), or null when it is staff-only; the document uses it too.</summary>
    public static string? AreaOf(IEnumerable<object> metadata) =>
        metadata.OfType<ITagsMetadata>().LastOrDefault()?.Tags.Select(PartnerScopes.AreaOf).FirstOrDefault(PartnerScopes.Areas.Contains);

    private static IResult Problem(string detail, string code, string? scope)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (scope is not null)
        {
            extensions["scope"] = scope;
        }

        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail, extensions: extensions);
    }
}
