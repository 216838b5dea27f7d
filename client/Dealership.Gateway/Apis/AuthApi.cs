using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record SignInRequest([property: Required] string? Username, [property: Required] string? Password);

public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, Caller Staff);

public sealed record TicketResponse(string Ticket, DateTimeOffset ExpiresAt, string EventsUrl);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/auth").WithTags("Sign-in");

        api.MapPost("/token", SignIn)
            .AllowAnonymous()
            .WithName("SignIn")
            .WithSummary("Exchange username and password for a staff token (JWT). Five failures in a row lock the account for 15 minutes.")
            .WithDescription("Send the answer's `accessToken` as `Authorization: Bearer <token>` on every other call (the `bearer` security scheme).")
            .Answers<TokenResponse>()
            .WithMetadata(new Refusals(StatusCodes.Status401Unauthorized, ["bad-credentials", "account-locked", "account-disabled"]));

        app.MapPost("/stores/{storeId}/events/ticket", Ticket)
            .ForStore(RoleSets.Everyone)
            .WithTags("Live feed")
            .WithName("IssueEventsTicket").Answers<TicketResponse>()
            .WithSummary("A one-minute ticket to open the store's event stream from a browser (EventSource sends no headers).");
        return app;
    }

    private static async Task<IResult> SignIn(SignInRequest request, IClusterClient cluster, TokenService tokens, ClusterCallers callers,
        GatewayRateLimits limits, HttpContext http)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Username) || request.Username.Length > Ids.MaxLength)
        {
            errors.Add("username", "is required.");
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 128)
        {
            errors.Add("password", "is required.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var username = request.Username!.Trim().ToLowerInvariant();
        if (limits.SignInAs(username) is { Allowed: false } spent)
        {
            // Counted whatever the outcome: guessing one member's password is slowed, wherever the guesses come from.
            return RateLimitAnswers.TooMany(http, spent, "sign-in attempts for this username");
        }

        var outcome = await callers.AsGateway("sign-in", async () =>
        {
            if (!Ids.IsValid(username) || await cluster.GetGrain<ILoginGrain>(GrainKeys.Login(username)).GetGroupId() is not { } groupId)
            {
                return (Outcome<SignIn>)Problem.Refused("bad-credentials", "Wrong username or password.");
            }

            return await cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, username)).SignIn(request.Password!);
        });

        if (outcome.Problem is { } problem)
        {
            return TypedResults.Problem(problem.Detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused",
                extensions: new Dictionary<string, object?> { ["code"] = problem.Code });
        }

        var (token, expires) = tokens.IssueStaffToken(outcome.Value!.Caller, outcome.Value.Revision);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expires, outcome.Value.Caller));
    }

    private static IResult Ticket(string storeId, HttpContext http, TokenService tokens)
    {
        var read = StaffClaims.Read(http.User)!.Value;
        var (ticket, expires) = tokens.IssueTicket(read.Caller, read.Revision, storeId);
        return TypedResults.Ok(new TicketResponse(ticket, expires, $"/api/stores/{storeId}/events?{QueryCredentials.Ticket}={Uri.EscapeDataString(ticket)}"));
    }
}
