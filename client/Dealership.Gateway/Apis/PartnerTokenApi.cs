using System.Text;
using System.Text.Json.Serialization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Dealership.Gateway.Apis;

/// <summary>The form of an OAuth 2 client-credentials token request (RFC 6749 §4.4), as a partner's OAuth library sends it.</summary>
public sealed record ClientCredentialsForm(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_secret")] string? ClientSecret,
    [property: JsonPropertyName("scope")] string? Scope);

/// <summary>A partner's token (RFC 6749 §5.1): send it as <c>Authorization: Bearer</c>; ask again when it expires.</summary>
public sealed record ClientTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

/// <summary>
/// The OAuth 2 token endpoint for partners' API clients (client credentials). Refusals are ProblemDetails that also carry RFC 6749's
/// <c>error</c> and <c>error_description</c>, so a standard OAuth library and a ProblemDetails reader both understand them.
/// </summary>
public static class PartnerTokenApi
{
    public const string FormType = "application/x-www-form-urlencoded";

    public static IEndpointRouteBuilder MapPartnerTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth/token", Token)
            .AllowAnonymous()
            .WithTags("Sign-in")
            .WithName("IssueClientToken")
            .WithMetadata(new TakesForm(typeof(ClientCredentialsForm)))
            .Answers<ClientTokenResponse>()
            .WithMetadata(new Refusals(StatusCodes.Status401Unauthorized, ["invalid-client"]))
            .WithSummary("A partner's API client exchanges its client id and secret for a token (OAuth 2 client credentials, RFC 6749 " +
                "§4.4): grant_type=client_credentials, the client authenticated by HTTP Basic or by client_id and client_secret in the " +
                "form, and optionally scope (a space-separated subset of the client's scopes; all of them if left out).")
            .WithDescription("The token lasts `expires_in` seconds and acts as the client: in its role and stores, within its scopes. " +
                "A refusal carries RFC 6749's `error` (invalid_request, unsupported_grant_type, invalid_scope, invalid_client) beside " +
                "the problem's `code`.");
        return app;
    }

    private static async Task<IResult> Token(HttpContext http, IClusterClient cluster, TokenService tokens, ClusterCallers callers,
        GatewayRateLimits limits, IOptions<AuthSettings> settings)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasFormContentType)
        {
            return Refused(400, "invalid_request", "grant_type", $"The request must be a form ({FormType}).");
        }

        var form = await http.Request.ReadFormAsync();
        if (Single(form["grant_type"]) != "client_credentials")
        {
            return Refused(400, form.ContainsKey("grant_type") ? "unsupported_grant_type" : "invalid_request", "grant_type",
                "must be client_credentials.");
        }

        var basic = Basic(http.Request.Headers.Authorization);
        var inForm = (Id: Single(form["client_id"]), Secret: Single(form["client_secret"]));
        if (basic is { Bad: true })
        {
            return Refused(400, "invalid_request", "Authorization", "HTTP Basic credentials do not read as client_id:client_secret.");
        }

        if (basic is not null && inForm.Secret is not null)
        {
            return Refused(400, "invalid_request", "client_secret", "authenticate the client one way: HTTP Basic or the form, not both.");
        }

        var (clientId, secret) = basic is { } b ? (b.Id, b.Secret) : inForm;
        if (string.IsNullOrEmpty(clientId) || clientId.Length > Ids.MaxLength)
        {
            return Refused(400, "invalid_request", "client_id", "is required.");
        }

        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return Refused(400, "invalid_request", "client_secret", "is required.");
        }

        IReadOnlyList<string>? scopes = null;
        if (form.ContainsKey("scope"))
        {
            scopes = (Single(form["scope"]) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (scopes.Count == 0 || scopes.Count > PartnerScopes.MaxScopes || scopes.FirstOrDefault(s => !PartnerScopes.IsScope(s)) is not null)
            {
                return Refused(400, "invalid_scope", "scope", "must be space-separated scopes, each area:read or area:write.");
            }
        }

        if (limits.SignInAs("client:" + clientId) is { Allowed: false } spent)
        {
            return RateLimitAnswers.TooMany(http, spent, "token requests for this API client");
        }

        var outcome = await callers.AsGateway("client-token", async () =>
        {
            if (!Ids.IsValid(clientId)
                || await cluster.GetGrain<ILoginGrain>(GrainKeys.ApiClientLogin(clientId)).GetGroupId() is not { } groupId)
            {
                return (Outcome<ApiClientGrant>)Problem.Refused("invalid-client", "Unknown client, wrong secret, or a revoked client.");
            }

            return await cluster.GetGrain<IApiClientGrain>(GrainKeys.InGroup(groupId, clientId)).Authenticate(secret, scopes);
        });

        if (outcome.Problem is { } problem)
        {
            if (problem.Code == "invalid-scope")
            {
                return Refused(400, "invalid_scope", "scope", problem.Detail);
            }

            if (basic is not null)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"dealership\"";
            }

            return Refused(401, "invalid_client", null, problem.Detail);
        }

        var grant = outcome.Value!;
        var minutes = settings.Value.ClientTokenMinutes;
        var (token, _) = tokens.IssueClientToken(grant.Caller, grant.Revision, grant.Scopes);
        http.Response.Headers.Pragma = "no-cache";
        return TypedResults.Ok(new ClientTokenResponse(token, "Bearer", minutes * 60, string.Join(' ', grant.Scopes)));
    }

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    /// <summary>HTTP Basic client authentication (RFC 6749 §2.3.1: id and secret form-encoded, then Base64); null when absent.</summary>
    private static (string Id, string Secret, bool Bad)? Basic(StringValues header)
    {
        var value = header.ToString();
        if (!value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(value[6..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? ("", "", true) : (Uri.UnescapeDataString(text[..colon].Replace('+', ' ')), Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' ')), false);
        }
        catch (FormatException)
        {
            return ("", "", true);
        }
    }

    private static IResult Refused(int status, string error, string? field, string description)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = status == 401 ? "invalid-client" : "invalid-input",
            ["error"] = error,
            ["error_description"] = field is null ? description : $"{field}: {description}",
        };
        if (field is not null)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [description] };
        }

        return Results.Problem(statusCode: status, title: status == 401 ? "Client authentication failed" : "Invalid token request",
            detail: field is null ? description : $"{field}: {description}", extensions: extensions);
    }
}
