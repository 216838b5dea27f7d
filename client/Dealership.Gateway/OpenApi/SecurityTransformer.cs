using Dealership.Contracts.Partners;
using Dealership.Gateway.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// Puts on each operation the credentials it really accepts: none for anonymous ones (sign-in), a Bearer token for those
/// that require authorization (or a partner's token with the scope the operation's area needs, where partners may call it), and a
/// Bearer token, a ticket or a board token for the event stream, which checks them itself.
/// </summary>
public sealed class SecurityTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<AcceptsQueryCredentials>().Any())
        {
            operation.Security = [Requirement(SecuritySchemes.Bearer, context), Requirement(SecuritySchemes.EventsTicket, context),
                Requirement(SecuritySchemes.BoardToken, context)];

            // The ticket and board token are described by their schemes; listed again as parameters, clients would send them twice.
            operation.Parameters = operation.Parameters?
                .Where(p => !(p.In == ParameterLocation.Query && p.Name is QueryCredentials.Ticket or QueryCredentials.Board))
                .ToList();
        }
        else if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
        }
        else if (PartnerArea(context) is { } area)
        {
            var write = !string.Equals(context.Description.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);
            operation.Security = [Requirement(SecuritySchemes.Bearer, context),
                new() { [new OpenApiSecuritySchemeReference(SecuritySchemes.PartnerClient, context.Document)] = [PartnerScopes.Needed(area, write)] }];
        }
        else
        {
            operation.Security = [Requirement(SecuritySchemes.Bearer, context)];
        }

        return Task.CompletedTask;
    }

    /// <summary>The partner area of the operation (as <see cref="PartnerScopeCheck"/> finds it), or null when it is staff-only.</summary>
    public static string? PartnerArea(OpenApiOperationTransformerContext context) =>
        PartnerScopeCheck.AreaOf(context.Description.ActionDescriptor.EndpointMetadata);

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiOperationTransformerContext context) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] };
}
