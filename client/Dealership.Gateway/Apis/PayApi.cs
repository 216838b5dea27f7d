using Dealership.Contracts.Common;
using Dealership.Contracts.Pay;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>Consultants' pay: the store's incentive plan versions (with a preview of a draft on last month) and a consultant's month under them.</summary>
public static class PayApi
{
    public const string Tag = "Pay";

    public static IEndpointRouteBuilder MapPayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        api.MapGet("/incentive-plans", Plans).ForStore(RoleSets.SalesFloor).WithName("ListIncentivePlans").Answers<IReadOnlyList<IncentivePlanVersion>>()
            .WithSummary("The store's incentive plan versions, oldest first, each in force from its effectiveFrom day until the next, with who set it when.");
        api.MapPut("/incentive-plans", SetPlan).ForStore(RoleSets.Managers).WithName("SetIncentivePlan").Answers<IncentivePlanVersion>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Keep a plan version in force from effectiveFrom (this month or later; the same day again replaces it): an amount per unit " +
                "by model line (`*` for any other), shares of each deal's net gross profit and of its accessory margin, insurance and finance " +
                "commission, a minimum per deal, unit tiers that pay back to the first unit of the month, spiffs on models between two days, " +
                "and multipliers by target attainment. Tiers and multipliers ascending; spiffs on one model never overlapping.");
        api.MapPost("/incentive-plans/preview", Preview).ForStore(RoleSets.Managers).WithName("PreviewIncentivePlan").Answers<PayPreview>()
            .WithSummary("What last month paid each consultant under the plans in force, beside what the draft would have paid had it been " +
                "in force the whole month. Nothing is kept.");
        api.MapGet("/pay", Pay).ForStore(RoleSets.SalesFloor).WithName("GetConsultantPay").Answers<ConsultantStatement>()
            .WithSummary("A consultant's statement for a month (this month so far by default, or month=yyyy-MM; as kept once the month is " +
                "approved): every retail sale invoiced in it as a line showing how its amount was worked (the plan version in force on its " +
                "invoice day and each component), the units, target attainment and multiplier, the sales manager's adjustments, chargebacks " +
                "of sales unwound after their month was paid, and the total. Each component is rounded to the fen half away from zero, the " +
                "total once more after the multiplier. A consultant reads their own only (403 for another's).");
        api.MapGet("/incentive-plan-templates", StoreTemplates).ForStore(RoleSets.Managers).WithName("ListStoreIncentiveTemplates")
            .Answers<IncentiveTemplates>()
            .WithSummary("The group's incentive plan templates, for a store's managers to adopt one: load it, change what the store needs, " +
                "and keep it as a version naming its template.");
        var group = app.MapGroup("/groups/{groupId}/incentive-plan-templates").WithTags(Tag);
        group.MapGet("", GroupTemplates).ForGroup(StaffRole.GroupHq).WithName("ListIncentiveTemplates").Answers<IncentiveTemplates>()
            .WithSummary("The group's incentive plan templates and, for each store, the plan in force today, the template it was adopted " +
                "from (null: the store's own) and where it differs from that template now (localChanges, by part).");
        group.MapPut("", SetTemplate).ForGroup(RoleSets.TargetSetters).WithName("SetIncentiveTemplate").Answers<IncentiveTemplate>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("HQ keeps a template under its plan's name (the same name again replaces it); the rules are those of a store's plan, " +
                "and effectiveFrom is the day the group means it to start — each store picks its own when it adopts it.");
        return app;
    }

    private static async Task<IResult> StoreTemplates(string storeId, IClusterClient cluster, HttpContext http) =>
        (await Templates(cluster, http.StoreGroup()).Get()).ToResult();

    private static async Task<IResult> GroupTemplates(string groupId, IClusterClient cluster) => (await Templates(cluster, groupId).Get()).ToResult();

    private static async Task<IResult> SetTemplate(string groupId, IncentivePlan plan, IClusterClient cluster, HttpContext http)
    {
        var errors = plan?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Templates(cluster, groupId).Set(plan!, operationId)).ToResult();
    }

    private static IIncentiveTemplatesGrain Templates(IClusterClient cluster, string groupId) =>
        cluster.GetGrain<IIncentiveTemplatesGrain>(GrainKeys.Group(groupId));

    private static ICommissionGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<ICommissionGrain>(GrainKeys.Store(storeId));

    private static async Task<IResult> Plans(string storeId, IClusterClient cluster) => (await Grain(cluster, storeId).Plans()).ToResult();

    private static async Task<IResult> SetPlan(string storeId, IncentivePlan plan, IClusterClient cluster, HttpContext http)
    {
        var errors = plan?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).SetPlan(plan!, operationId)).ToResult();
    }

    private static async Task<IResult> Preview(string storeId, IncentivePlan plan, IClusterClient cluster)
    {
        var errors = plan?.Validate() ?? new FieldErrors().Add("name", "is required.");
        return errors.Any ? Problems.Invalid(errors) : (await Grain(cluster, storeId).Preview(plan!)).ToResult();
    }

    private static async Task<IResult> Pay(string storeId, string? consultantId, string? month, IClusterClient cluster, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(consultantId) || !Ids.IsValid(consultantId))
        {
            return Problems.Invalid(new FieldErrors().Add("consultantId", "is required: the consultant's staff id."));
        }

        var (first, bad) = MonthlyReportsApi.Month(month, http);
        return bad ?? (await Grain(cluster, storeId).Pay(consultantId, first)).ToResult();
    }
}
