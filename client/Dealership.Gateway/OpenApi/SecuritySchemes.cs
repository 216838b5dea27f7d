using Dealership.Contracts.Partners;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Declares the credentials the gateway accepts, as it accepts them (<see cref="AuthSetup"/>, <see cref="QueryCredentials"/>),
/// so generated clients know they need a token; <see cref="SecurityTransformer"/> says which operation takes which.
/// </summary>
public sealed class SecuritySchemes(IOptions<AuthSettings> auth) : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    public const string EventsTicket = "eventsTicket";
    public const string BoardToken = "boardToken";
    public const string PartnerClient = "partnerClient";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var settings = auth.Value;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A staff token from `POST /api/auth/token`, sent as `Authorization: Bearer <token>`. It lasts " +
                $"{settings.TokenHours} hours and is refused once its holder is disabled or their role or stores change.",
        };
        document.Components.SecuritySchemes[PartnerClient] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "For partners' systems: an API client a group administrator registered gets a token from the token " +
                "URL below (OAuth 2 client credentials) and sends it as `Authorization: Bearer <token>`. It lasts " +
                $"{settings.ClientTokenMinutes} minutes, acts in the client's role and stores, and reaches only the operations its " +
                "scopes name: an operation's area is its tag (\"Sales floor\" is sales-floor); GET needs area:read, other methods " +
                "area:write. Operations without a partnerClient requirement are for staff only.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(ApiVersions.PrefixOf(context.DocumentName == ApiVersions.V2GroupName ? ApiVersion.V2 : ApiVersion.V1)
                        + "/oauth/token", UriKind.Relative),
                    Scopes = PartnerScopes.All().ToDictionary(s => s, Describe),
                },
            },
        };
        document.Components.SecuritySchemes[EventsTicket] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = QueryCredentials.Ticket,
            Description = "For browsers, whose EventSource cannot send headers: a ticket from `POST /api/stores/{storeId}/events/ticket`, " +
                $"valid for {settings.TicketSeconds} seconds and for that store's event stream only.",
        };
        document.Components.SecuritySchemes[BoardToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = QueryCredentials.Board,
            Description = "For wall screens: a read-only board token from `POST /api/stores/{storeId}/board-tokens`, for that store's " +
                "event stream only, until it is revoked.",
        };
        return Task.CompletedTask;
    }

    private static string Describe(string scope) => scope.EndsWith(":" + PartnerScopes.Write, StringComparison.Ordinal)
        ? $"Read and change {scope.Split(':')[0]}."
        : $"Read {scope.Split(':')[0]}.";
}
