using System.ComponentModel.DataAnnotations;
using System.IdentityModel.Tokens.Jwt;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.Feed;
using Dealership.Gateway.OpenApi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dealership.Gateway.Apis;

public sealed record BoardTokenRequest([property: Required] string? Label);

public sealed record BoardTokenIssued(BoardTokenInfo Info, string Token, string EventsUrl);

public static class EventsApi
{
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stores/{storeId}/events", Stream)
            .WithTags("Live feed")
            .WithName("StoreEvents")
            .WithMetadata(new AllowedRoles(RoleSets.Everyone), new AcceptsQueryCredentials())
            .WithSummary("Server-Sent Events: a 'snapshot' first, then 'event's with their sequence, 'heartbeat's, and a fresh " +
                "snapshot after a gap or a new epoch. Authenticate with a Bearer token, ?ticket= (browsers) or ?board= (wall screens).")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        var boards = app.MapGroup("/stores/{storeId}/board-tokens").WithTags("Live feed");
        boards.MapPost("", Issue).ForStore(RoleSets.BoardKeepers).WithName("IssueBoardToken")
            .Creates<BoardTokenIssued>().Conflicts("too-many-board-tokens", "idempotency-key-reused").HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("A read-only, revocable token for a wall screen showing this store's feed.");
        boards.MapGet("", (string storeId, IClusterClient cluster) => ListBoards(storeId, cluster)).ForStore(RoleSets.BoardKeepers)
            .WithName("ListBoardTokens").Answers<IReadOnlyList<BoardTokenInfo>>()
            .WithSummary("The store's board tokens (ids and labels, never secrets).");
        boards.MapDelete("/{tokenId}", Revoke).ForStore(RoleSets.BoardKeepers).WithName("RevokeBoardToken").Answers<BoardTokenInfo>()
            .WithSummary("Revoke a board token; screens using it are refused from then on.");
        return app;
    }

    private static async Task<IResult> Issue(string storeId, BoardTokenRequest request, IClusterClient cluster, HttpContext http, TokenService tokens)
    {
        var errors = new FieldErrors().Required("label", request.Label, 80);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (_, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var tokenId = TokenService.TokenIdFrom(Idempotency.RawKey(http), storeId, http.Caller().StaffId);
        var outcome = await cluster.GetGrain<IBoardTokensGrain>(GrainKeys.Store(storeId)).Issue(http.StoreGroup(), tokenId, request.Label!);
        return outcome.ToResult(info =>
        {
            var token = tokens.BoardToken(storeId, info.TokenId);
            return TypedResults.Created($"/api/stores/{storeId}/board-tokens/{info.TokenId}",
                new BoardTokenIssued(info, token, $"/api/stores/{storeId}/events?{QueryCredentials.Board}={Uri.EscapeDataString(token)}"));
        });
    }

    private static async Task<IResult> ListBoards(string storeId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IBoardTokensGrain>(GrainKeys.Store(storeId)).List());

    private static async Task<IResult> Revoke(string storeId, string tokenId, IClusterClient cluster) =>
        tokenId.Length > 40
            ? Problems.ToResult(Problem.NotFound("Board token"))
            : (await cluster.GetGrain<IBoardTokensGrain>(GrainKeys.Store(storeId)).Revoke(tokenId)).ToResult();

    private static async Task<IResult> Stream(string storeId, [FromQuery(Name = QueryCredentials.Ticket)] string? ticket,
        [FromQuery(Name = QueryCredentials.Board)] string? board, HttpContext http, IClusterClient cluster,
        StoreFeedHub hub, StoreDirectory stores, TokenService tokens, StaffStandingCache standing, IOptions<AuthSettings> auth, TimeProvider clock,
        ClusterCallers callers)
    {
        if (!Ids.IsValid(storeId))
        {
            return Forbidden(storeId);
        }

        // Who is watching: staff by Bearer token or ticket, a wall screen by board token.
        Caller? caller = null;
        var revision = 0;
        if (http.User.Identity?.IsAuthenticated == true && StaffClaims.Read(http.User) is { } bearer)
        {
            (caller, revision) = bearer;
        }
        else if (ticket is not null)
        {
            if (ReadTicket(ticket, storeId, tokens, auth.Value) is not { } read)
            {
                return Unauthorized("The ticket is invalid or expired.");
            }

            if (!await standing.IsCurrent(read.Caller, read.Revision))
            {
                return Unauthorized("The ticket is invalid or expired.");
            }

            // From here the ticket's holder is the caller of this request's grain calls.
            (caller, revision) = read;
            callers.Attach(caller, revision);
        }
        else if (board is not null)
        {
            if (tokens.ReadBoardToken(board) is not { } boardToken || boardToken.StoreId != storeId
                || !await callers.AsGateway("board", () => cluster.GetGrain<IBoardTokensGrain>(GrainKeys.Store(storeId)).IsValid(boardToken.TokenId)))
            {
                return Unauthorized("The board token is invalid or revoked.");
            }
        }
        else
        {
            return Unauthorized("Sign in, or use a ticket or board token.");
        }

        var store = caller is null ? await callers.AsGateway("board", async () => await stores.Find(storeId)) : await stores.Find(storeId);
        if (store is null || (caller is not null && !caller.CoversStore(store.GroupId, storeId)))
        {
            return Forbidden(storeId);
        }

        StoreTimeConverter.Use(http, store.TimeZoneId);
        return TypedResults.ServerSentEvents(Events(storeId, caller, revision, hub, cluster, callers, clock, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(string storeId, Caller? caller, int revision, StoreFeedHub hub,
        IClusterClient cluster, ClusterCallers callers, TimeProvider clock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Grain reads for the snapshot run as the watcher (staff) or, for a verified board, as the gateway; signed afresh each time,
        // since a stream outlives a signature.
        Task<StoreSnapshot> Snapshot() => caller is null
            ? callers.AsGateway("board", () => StoreSnapshot.Take(cluster, storeId, clock))
            : callers.As(caller, revision, () => StoreSnapshot.Take(cluster, storeId, clock));

        using var listener = await hub.Listen(storeId);
        var snapshot = await Snapshot();
        var cursor = new FeedCursor(snapshot.Epoch, snapshot.Sequence);
        yield return new SseItem<object>(snapshot, "snapshot") { EventId = $"{snapshot.Epoch:N}:{snapshot.Sequence}" };

        while (!cancellationToken.IsCancellationRequested)
        {
            FeedMessage? message = null;
            using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                beat.CancelAfter(HeartbeatEvery);
                try
                {
                    message = await listener.Reader.ReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (message is null)
            {
                yield return new SseItem<object>(new { at = clock.GetUtcNow() }, "heartbeat");
                continue;
            }

            var resnapshot = message.Events.Count == 0 && message.Epoch != cursor.Epoch;
            var deliver = new List<SseItem<object>>();
            foreach (var e in message.Events)
            {
                var decision = cursor.Accept(message.Epoch, e.Sequence);
                if (decision == FeedDecision.Resnapshot)
                {
                    resnapshot = true;
                    break;
                }

                if (decision == FeedDecision.Deliver)
                {
                    deliver.Add(new SseItem<object>(e, "event") { EventId = $"{message.Epoch:N}:{e.Sequence}" });
                }
            }

            foreach (var item in deliver)
            {
                yield return item;
            }

            if (resnapshot)
            {
                snapshot = await Snapshot();
                cursor.Reset(snapshot.Epoch, snapshot.Sequence);
                yield return new SseItem<object>(snapshot, "snapshot") { EventId = $"{snapshot.Epoch:N}:{snapshot.Sequence}" };
            }
        }
    }

    private static (Caller Caller, int Revision)? ReadTicket(string ticket, string storeId, TokenService tokens, AuthSettings auth)
    {
        try
        {
            var principal = new JwtSecurityTokenHandler { MapInboundClaims = false }.ValidateToken(ticket, new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = TokenService.TicketAudience,
                IssuerSigningKeys = tokens.ValidationKeys,
                ClockSkew = TimeSpan.FromSeconds(5),
            }, out _);
            return principal.FindFirst(StaffClaims.TicketStore)?.Value == storeId ? StaffClaims.Read(principal) : null;
        }
        catch (Exception ex) when (ex is SecurityTokenException or ArgumentException)
        {
            return null;
        }
    }

    private static IResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            extensions: new Dictionary<string, object?> { ["code"] = "unauthorized" });

    private static IResult Forbidden(string storeId) =>
        TypedResults.Problem($"Store '{storeId}' is outside your scope.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            extensions: new Dictionary<string, object?> { ["code"] = "forbidden" });
}
