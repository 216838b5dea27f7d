using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record OpenStoreRequest(string StoreId, StoreProfile Profile, StorePolicies? Policies);

public static class StoresApi
{

    public static IEndpointRouteBuilder MapStoresApi(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/groups/{groupId}").WithTags("Groups and stores");
        groups.MapGet("", GetGroup).ForGroup(RoleSets.Everyone).WithName("GetGroup").Answers<GroupView>().WithSummary("The group and its store ids.");
        groups.MapGet("/stores", ListStores).ForGroup(RoleSets.Everyone).WithName("ListStores").Answers<StoreView[]>()
            .WithSummary("The stores of the group the caller may see.");
        groups.MapPost("/stores", OpenStore).ForGroup(RoleSets.Administrators).WithName("OpenStore")
            .Creates<StoreView>().Conflicts("store-id-taken")
            .WithSummary("Open a new store in the group (group administrators). Repeating the same request returns the store.");

        var stores = app.MapGroup("/stores/{storeId}").WithTags("Groups and stores");
        stores.MapGet("", GetStore).ForStore(RoleSets.Everyone).WithName("GetStore").Answers<StoreView>()
            .WithSummary("A store's profile and policies.");
        stores.MapPut("/profile", UpdateProfile).ForStore(RoleSets.StoreAdmins).WithName("UpdateStoreProfile").Answers<StoreView>()
            .WithSummary("Change name, brand, time zone, address or phone (recorded with who and when).");
        stores.MapPut("/policies", UpdatePolicies).ForStore(RoleSets.PolicyKeepers).WithName("UpdateStorePolicies").Answers<StoreView>()
            .WithSummary("Change discount limits, gross-profit floor, VAT rate, PDI lead time, weekly report time, aged-stock days, follow-up " +
                "rhythm, loan documents, OEM-order day. Fields left out keep their current values.");
        stores.MapGet("/history", History).ForStore(RoleSets.StoreHistoryReaders)
            .WithName("GetStoreHistory").Answers<Page<StoreChange>>()
            .WithSummary("Who changed the store's profile and policies, and when: newest first, a page at a time.");
        return app;
    }

    private static async Task<IResult> GetGroup(string groupId, IClusterClient cluster) =>
        (await cluster.GetGrain<IGroupGrain>(GrainKeys.Group(groupId)).Get()).ToResult();

    private static async Task<IResult> ListStores(string groupId, IClusterClient cluster, HttpContext http)
    {
        var group = await cluster.GetGrain<IGroupGrain>(GrainKeys.Group(groupId)).Get();
        if (!group.IsOk)
        {
            return group.ToResult();
        }

        var caller = http.Caller();
        var visible = group.Value!.StoreIds.Where(s => caller.CoversStore(groupId, s));
        var views = await Task.WhenAll(visible.Select(s => cluster.GetGrain<IStoreGrain>(GrainKeys.Store(s)).Get()));
        return TypedResults.Ok(views.Where(v => v.IsOk).Select(v => v.Value!).ToArray());
    }

    private static async Task<IResult> OpenStore(string groupId, OpenStoreRequest request, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors().Id("storeId", request.StoreId);
        if (request.Profile is null)
        {
            errors.Add("profile", "is required.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (!http.Caller().WholeGroup)
        {
            return Problems.ToResult(Problem.Forbidden("Only an administrator of the whole group may open stores."));
        }

        var outcome = await cluster.GetGrain<IStoreGrain>(GrainKeys.Store(request.StoreId))
            .Open(groupId, request.Profile!, request.Policies ?? StorePolicies.Default);
        return outcome.ToResult(v => TypedResults.Created($"/api/stores/{v.StoreId}", v));
    }

    private static async Task<IResult> GetStore(string storeId, IClusterClient cluster) =>
        (await cluster.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).Get()).ToResult();

    private static async Task<IResult> UpdateProfile(string storeId, StoreProfile profile, IClusterClient cluster) =>
        (await cluster.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).UpdateProfile(profile)).ToResult();

    private static async Task<IResult> UpdatePolicies(string storeId, StorePoliciesChange change, IClusterClient cluster) =>
        change is null
            ? Problems.Invalid("body", "is required: the policies to change.")
            : (await cluster.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).ChangePolicies(change)).ToResult();

    private static async Task<IResult> History(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).GetHistory(page)).ToResult();
    }
}
