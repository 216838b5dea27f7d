using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record NewStaffRequest([property: Required] string? Username, [property: Required] string? DisplayName, StaffRole Role, string[]? StoreIds, bool WholeGroup, [property: Required] string? Password);

public static class StaffApi
{

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/groups/{groupId}/staff").WithTags("Staff");
        api.MapGet("", List).ForGroup(RoleSets.StaffReaders).WithName("ListStaff").Answers<Page<StaffView>>()
            .WithSummary("The group's staff (a store-scoped caller sees the staff of their stores); filter by storeId.");
        api.MapPost("", Create).ForGroup(RoleSets.Administrators).WithName("CreateStaff").Creates<StaffView>().Conflicts("username-taken")
            .WithSummary("Create a member of staff with one role and a scope (stores or whole group). Usernames are unique.");
        api.MapGet("/{staffId}", Get).ForGroup(RoleSets.StaffReaders).WithName("GetStaff").Answers<StaffView>()
            .WithSummary("One member of staff.");
        api.MapGet("/{staffId}/history", History).ForGroup(RoleSets.StaffReaders).WithName("GetStaffHistory").Answers<Page<StaffChange>>()
            .WithSummary("Every change to the member (created, assigned, disabled, locked), with who and when, newest first, a page at a time.");
        api.MapPut("/{staffId}/assignment", Assign).ForGroup(RoleSets.Administrators).WithName("AssignStaff").Answers<StaffView>()
            .WithSummary("Change role and scope; the member's existing tokens stop working.");
        api.MapPost("/{staffId}/disable", (string groupId, string staffId, IClusterClient c, HttpContext h, StaffStandingCache s) => SetDisabled(groupId, staffId, true, c, h, s))
            .ForGroup(RoleSets.Administrators).WithName("DisableStaff").Answers<StaffView>()
            .WithSummary("Disable the account: no sign-in, tokens refused.");
        api.MapPost("/{staffId}/enable", (string groupId, string staffId, IClusterClient c, HttpContext h, StaffStandingCache s) => SetDisabled(groupId, staffId, false, c, h, s))
            .ForGroup(RoleSets.Administrators).WithName("EnableStaff").Answers<StaffView>()
            .WithSummary("Enable a disabled account again.");
        api.MapPost("/{staffId}/sign-in-code", IssueSignInCode).ForGroup(RoleSets.Administrators).WithName("IssueSignInCode").Answers<SignInCode>()
            .Conflicts("account-disabled")
            .WithSummary("Issue a one-time sign-in code (shown once; good for 72 hours; a new one replaces the last): how imported staff, " +
                "who have no password, sign in the first time, and how a member who forgot their password gets back in. The member " +
                "signs in at POST /auth/first-sign-in with it and sets their own password; their old password works until then.");
        return app;
    }

    private static async Task<IResult> List(string groupId, string? storeId, int? limit, string? after, IClusterClient cluster)
    {
        if (storeId is not null && !Ids.IsValid(storeId))
        {
            return Problems.Invalid("storeId", "is not a store id.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IStaffListGrain>(GrainKeys.Group(groupId)).List(storeId, page)).ToResult();
    }

    private static async Task<IResult> History(string groupId, string staffId, int? limit, string? after, IClusterClient cluster, HttpContext http)
    {
        var (page, bad) = Paging.Read(limit, after);
        if (!Ids.IsValid(staffId))
        {
            return Problems.ToResult(Problem.NotFound($"Staff member '{staffId}'"));
        }

        var outcome = await cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, staffId)).Get();
        if (!outcome.IsOk || !Visible(http.Caller(), outcome.Value!))
        {
            return Problems.ToResult(Problem.NotFound($"Staff member '{staffId}'"));
        }

        return bad ?? (await cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, staffId)).GetHistory(page)).ToResult();
    }

    private static async Task<IResult> Create(string groupId, NewStaffRequest request, IClusterClient cluster)
    {
        var staff = new NewStaff(request.Username ?? "", request.DisplayName ?? "", request.Role, request.StoreIds ?? [], request.WholeGroup,
            request.Password ?? "");
        var errors = staff.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, staff.Username)).Create(staff);
        return outcome.ToResult(v => TypedResults.Created($"/api/groups/{groupId}/staff/{v.StaffId}", v));
    }

    private static async Task<IResult> Get(string groupId, string staffId, IClusterClient cluster, HttpContext http)
    {
        if (!Ids.IsValid(staffId))
        {
            return Problems.ToResult(Problem.NotFound($"Staff member '{staffId}'"));
        }

        var outcome = await cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, staffId)).Get();
        return outcome.IsOk && !Visible(http.Caller(), outcome.Value!)
            ? Problems.ToResult(Problem.NotFound($"Staff member '{staffId}'"))
            : outcome.ToResult();
    }

    private static async Task<IResult> Assign(string groupId, string staffId, StaffAssignment assignment, IClusterClient cluster, HttpContext http,
        StaffStandingCache standing)
    {
        if (!Ids.IsValid(staffId))
        {
            return Problems.ToResult(Problem.NotFound($"Staff member '{staffId}'"));
        }

        var errors = (assignment with { StoreIds = assignment.StoreIds ?? [] }).Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var grain = cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, staffId));
        if (await Hidden(grain, http) is { } hidden)
        {
            return hidden;
        }

        var outcome = await grain.Assign(assignment with { StoreIds = assignment.StoreIds ?? [] });
        standing.Forget(groupId, staffId);
        return outcome.ToResult();
    }

    private static async Task<IResult> SetDisabled(string groupId, string staffId, bool disabled, IClusterClient cluster, HttpContext http,
        StaffStandingCache standing)
    {
        if (!Ids.IsValid(staffId))
        {
            return Problems.ToResult(Problem.NotFound($"Staff member '{staffId}'"));
        }

        var grain = cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, staffId));
        if (await Hidden(grain, http) is { } hidden)
        {
            return hidden;
        }

        var outcome = await grain.SetDisabled(disabled);
        standing.Forget(groupId, staffId);
        return outcome.ToResult();
    }

    private static async Task<IResult> IssueSignInCode(string groupId, string staffId, IClusterClient cluster, HttpContext http)
    {
        if (!Ids.IsValid(staffId))
        {
            return Problems.ToResult(Problem.NotFound($"Staff member '{staffId}'"));
        }

        var grain = cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, staffId));
        if (await Hidden(grain, http) is { } hidden)
        {
            return hidden;
        }

        // The code is a credential: no cache may keep the answer.
        http.Response.Headers.CacheControl = "no-store";
        return (await grain.IssueSignInCode()).ToResult();
    }

    /// <summary>Not-found for a member outside a store-scoped caller's stores.</summary>
    private static async Task<IResult?> Hidden(IStaffGrain grain, HttpContext http)
    {
        var current = await grain.Get();
        return current.IsOk && Visible(http.Caller(), current.Value!) ? null : Problems.ToResult(Problem.NotFound("Staff member"));
    }

    private static bool Visible(Caller caller, StaffView staff) =>
        caller.WholeGroup || (!staff.WholeGroup && staff.StoreIds.Any(s => caller.StoreIds.Contains(s)));
}
