using Dealership.Contracts.Staff;

namespace Dealership.Gateway.Auth;

/// <summary>
/// Turns an authenticated staff token into the signed caller that travels with every grain call of the request, after checking
/// the member is still enabled and unchanged since the token was issued (for a partner's token: the client is not revoked, and the
/// token's scopes cover the operation).
/// </summary>
public sealed class CallerMiddleware(RequestDelegate next)
{
    public const string ItemKey = "dealership.caller";
    public const string RevisionKey = "dealership.revision";

    public async Task InvokeAsync(HttpContext context, StaffStandingCache standing, ClusterCallers callers)
    {
        ClusterCallers.Detach();
        if (context.User.Identity?.IsAuthenticated == true && StaffClaims.Read(context.User) is { } read)
        {
            if (!await standing.IsCurrent(read.Caller, read.Revision))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Token no longer valid",
                    detail: read.Caller.Kind == CallerKind.Partner
                        ? "This API client was revoked since the token was issued."
                        : "This account was disabled or its role changed since the token was issued; sign in again.",
                    extensions: new Dictionary<string, object?> { ["code"] = "token-revoked" }).ExecuteAsync(context);
                return;
            }

            if (StaffClaims.ScopesOf(context.User) is { } scopes && PartnerScopeCheck.Refusal(context, scopes) is { } outOfScope)
            {
                await outOfScope.ExecuteAsync(context);
                return;
            }

            context.Items[ItemKey] = read.Caller;
            context.Items[RevisionKey] = read.Revision;
            callers.Attach(read.Caller, read.Revision);
        }

        try
        {
            await next(context);
        }
        finally
        {
            ClusterCallers.Detach();
        }
    }
}

public static class HttpContextCallerExtensions
{
    /// <summary>The signed-in caller; endpoints that reach here have passed authorization, so it is present.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[CallerMiddleware.ItemKey] as Caller
        ?? throw new InvalidOperationException("No caller on an endpoint that requires one.");

    /// <summary>The staff revision the signed-in caller's token carries.</summary>
    public static int CallerRevision(this HttpContext context) => context.Items[CallerMiddleware.RevisionKey] as int? ?? 0;
}
