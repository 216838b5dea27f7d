using Dealership.Gateway.Auth;
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
}
