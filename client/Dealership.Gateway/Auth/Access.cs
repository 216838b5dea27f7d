using Dealership.Gateway.Stores;
using Dealership.Contracts.Staff;

namespace Dealership.Gateway.Auth;

/// <summary>The roles an endpoint admits; shown in OpenAPI as <c>x-roles</c>.</summary>
public sealed record AllowedRoles(IReadOnlyList<StaffRole> Roles);

/// <summary>
/// The first tenancy check (the grain filter makes the second): 401 without a token, 403 for a group
/// or store outside the caller's scope or a role that may not use the endpoint.
/// </summary>
public static class Access
{
    /// <summary>Store routes ({storeId}): the caller's scope must cover the store, and their role be one of <paramref name="roles"/>.</summary>
    public static RouteHandlerBuilder ForStore(this RouteHandlerBuilder route, params StaffRole[] roles) =>
        route.RequireAuthorization().WithMetadata(new AllowedRoles(roles)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = http.Caller();
            var storeId = http.GetRouteValue("storeId") as string ?? "";
            var store = await http.RequestServices.GetRequiredService<StoreDirectory>().Find(storeId);
            if (store is null || !caller.CoversStore(store.GroupId, storeId))
            {
                return Forbidden($"Store '{storeId}' is outside your scope.");
            }

            if (!roles.Contains(caller.Role))
            {
                return Forbidden($"A {caller.Role} may not do this.");
            }

            http.Items["dealership.group"] = store.GroupId;
            StoreTimeConverter.Use(http, store.TimeZoneId);
            return await next(context);
        });

    /// <summary>Group routes ({groupId}): the caller must belong to the group and have one of <paramref name="roles"/>.</summary>
    public static RouteHandlerBuilder ForGroup(this RouteHandlerBuilder route, params StaffRole[] roles) => Group(route, roles, partners: false);

    /// <summary>
    /// Group routes that partners' API clients may also use, whatever role they act as (their token's scopes decide, as
    /// <see cref="PartnerScopeCheck"/> checks): staff must have one of <paramref name="roles"/>.
    /// </summary>
    public static RouteHandlerBuilder ForGroupOrPartners(this RouteHandlerBuilder route, params StaffRole[] roles) => Group(route, roles, partners: true);

    private static RouteHandlerBuilder Group(RouteHandlerBuilder route, StaffRole[] roles, bool partners) =>
        route.RequireAuthorization().WithMetadata(new AllowedRoles(roles)).AddEndpointFilter(async (context, next) =>
        {
            var caller = context.HttpContext.Caller();
            var groupId = context.HttpContext.GetRouteValue("groupId") as string ?? "";
            if (!caller.CoversGroup(groupId))
            {
                return Forbidden($"Group '{groupId}' is outside your scope.");
            }

            if (!roles.Contains(caller.Role) && !(partners && caller.Kind == CallerKind.Partner))
            {
                return Forbidden($"A {caller.Role} may not do this.");
            }

            return await next(context);
        });

    /// <summary>The group of the store in the route, resolved by <see cref="ForStore"/>.</summary>
    public static string StoreGroup(this HttpContext http) => (string)http.Items["dealership.group"]!;

    private static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = "forbidden" });
}
