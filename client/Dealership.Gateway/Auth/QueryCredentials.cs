namespace Dealership.Gateway.Auth;

/// <summary>
/// The credentials a store's event stream also takes in its query string, since a browser's EventSource cannot send an
/// Authorization header: a staff member's one-minute ticket, or a wall screen's board token. Published as security schemes.
/// </summary>
public static class QueryCredentials
{
    /// <summary>The query parameter of a ticket from POST /api/stores/{storeId}/events/ticket.</summary>
    public const string Ticket = "ticket";

    /// <summary>The query parameter of a board token from POST /api/stores/{storeId}/board-tokens.</summary>
    public const string Board = "board";
}

/// <summary>Endpoint metadata: besides a Bearer token, the endpoint accepts a <see cref="QueryCredentials"/> ticket or board token.</summary>
public sealed record AcceptsQueryCredentials;
