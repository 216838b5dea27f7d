using Dealership.Contracts.Staff;

namespace Dealership.Gateway.Auth;

/// <summary>
/// Turns an authenticated staff token into the <see cref="Caller"/> that travels with every grain call
/// of the request, after checking the member is still enabled and unchanged since the token was issued.
/// </summary>
public sealed class CallerMiddleware(RequestDelegate next)
{
    public const string ItemKey = "dealership.caller";

    public async Task InvokeAsync(HttpContext context, StaffStandingCache standing)
    {
        Caller.Set(null);
        if (context.User.Identity?.IsAuthenticated == true && StaffClaims.Read(context.User) is { } read)
        {
            Caller.Set(read.Caller);
            if (!await standing.IsCurrent(read.Caller, read.Revision))
            {
                Caller.Set(null);
                await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Token no longer valid",
                    detail: "This account was disabled or its role changed since the token was issued; sign in again.",
                    extensions: new Dictionary<string, object?> { ["code"] = "token-revoked" }).ExecuteAsync(context);
                return;
            }

            context.Items[ItemKey] = read.Caller;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Caller.Set(null);
        }
    }
}

public static class HttpContextCallerExtensions
{
    /// <summary>The signed-in caller; endpoints that reach here have passed authorization, so it is present.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[CallerMiddleware.ItemKey] as Caller
        ?? throw new InvalidOperationException("No caller on an endpoint that requires one.");
}

/// <summary>Runs gateway-internal calls (sign-in, shared feed subscriptions) as the platform, never as a user.</summary>
public static class PlatformCall
{
    public static async Task<T> Run<T>(string purpose, Func<Task<T>> call)
    {
        var previous = Caller.Current;
        Caller.Set(Caller.Platform($"gateway {purpose}"));
        try
        {
            return await call();
        }
        finally
        {
            Caller.Set(previous);
        }
    }
}
