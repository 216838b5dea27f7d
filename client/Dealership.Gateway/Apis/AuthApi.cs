using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record SignInRequest([property: Required] string? Username, [property: Required] string? Password);

public sealed record FirstSignInRequest([property: Required] string? Username, [property: Required] string? Code,
    [property: Required] string? NewPassword);

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

        api.MapPost("/first-sign-in", FirstSignIn)
            .AllowAnonymous()
            .WithName("FirstSignIn")
            .WithSummary("Sign in with a one-time code an administrator issued (imported staff the first time, or after a forgotten " +
                "password) and set your own password (at least 10 characters); answers a staff token as sign-in does. The code works " +
                "once; a wrong code counts as a failed sign-in.")
            .Answers<TokenResponse>()
            .WithMetadata(new Refusals(StatusCodes.Status401Unauthorized, ["bad-credentials", "account-locked", "account-disabled"]));

        app.MapPost("/stores/{storeId}/events/ticket", Ticket)
            .ForStore(RoleSets.Everyone)
            .WithTags("Live feed")
            .WithName("IssueEventsTicket").Answers<TicketResponse>()
            .WithSummary("A one-minute ticket to open the store's event stream from a browser (EventSource sends no headers).");
        return app;
    }

    private static async Task<IResult> FirstSignIn(FirstSignInRequest request, IClusterClient cluster, TokenService tokens, ClusterCallers callers,
        GatewayRateLimits limits, StaffStandingCache standing, HttpContext http)
    {
        var errors = Credentials(request.Username, "code", request.Code, 40);
        NewStaff.ValidatePassword(errors, "newPassword", request.NewPassword);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        // The new password revokes the member's older tokens: this gateway forgets the standing it may hold for them at once.
        return await Answer(request.Username!, (staff) => staff.FirstSignIn(request.Code!, request.NewPassword!), cluster, tokens, callers, limits, http,
            caller => standing.Forget(caller.GroupId, caller.StaffId));
    }

    private static async Task<IResult> SignIn(SignInRequest request, IClusterClient cluster, TokenService tokens, ClusterCallers callers,
        GatewayRateLimits limits, HttpContext http)
    {
        var errors = Credentials(request.Username, "password", request.Password, 128);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await Answer(request.Username!, (staff) => staff.SignIn(request.Password!), cluster, tokens, callers, limits, http);
    }

    private static FieldErrors Credentials(string? username, string secretField, string? secret, int maxLength)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(username) || username.Length > Ids.MaxLength)
        {
            errors.Add("username", "is required.");
        }

        if (string.IsNullOrEmpty(secret) || secret.Length > maxLength)
        {
            errors.Add(secretField, "is required.");
        }

        return errors;
    }

    /// <summary>Signs the member in by <paramref name="check"/> (a password or a one-time code) and answers a token, or 401 with the code.</summary>
    private static async Task<IResult> Answer(string name, Func<IStaffGrain, Task<Outcome<SignIn>>> check, IClusterClient cluster, TokenService tokens,
        ClusterCallers callers, GatewayRateLimits limits, HttpContext http, Action<Caller>? signedIn = null)
    {
        var username = name.Trim().ToLowerInvariant();
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

            return await check(cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, username)));
        });

        if (outcome.Problem is { } problem)
        {
            return TypedResults.Problem(problem.Detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused",
                extensions: new Dictionary<string, object?> { ["code"] = problem.Code });
        }

        signedIn?.Invoke(outcome.Value!.Caller);
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
