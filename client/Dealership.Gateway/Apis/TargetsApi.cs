using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>Targets (目标): group HQ's year per store, the sales manager's months and consultants, progress, and HQ's live rollup.</summary>
public static class TargetsApi
{
    public const string Tag = "Targets";

    public static IEndpointRouteBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var store = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        store.MapGet("/targets/{year:int}", Get).ForStore(RoleSets.TargetReaders).WithName("GetTargets").Answers<TargetPlan>()
            .WithSummary("The store's plan for the year: group HQ's target, each month's weight, units and gross profit, each month's " +
                "consultants, and what is still unallocated (the year's and each month's), with who changed it last and when.");
        store.MapPut("/targets/{year:int}", SetAnnual).ForStore(RoleSets.TargetSetters).WithName("SetAnnualTarget").Answers<TargetPlan>()
            .Conflicts("splits-exceed-target", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Group HQ sets the store's year: retail units and gross profit (net of VAT), optionally by model line (the lines " +
                "may not add up to more than the year). The months keep their weights and follow; a year that would leave a month's " +
                "consultants with more than the month has is 409 splits-exceed-target.");
        store.MapPut("/targets/{year:int}/months", SplitMonths).ForStore(RoleSets.TargetSplitters).WithName("SplitTargetMonths")
            .Answers<TargetPlan>().Conflicts("splits-exceed-target", "idempotency-key-reused").Refuses("no-annual-target").HonoursIdempotencyKey()
            .WithSummary("The sales manager splits the year by twelve seasonal weights in percent, January first. Weights under 100% " +
                "leave the rest unallocated; over 100% is a 400. Units are whole: the months add up to the allocated share exactly.");
        store.MapPut("/targets/{year:int}/months/{monthOfYear:int}/consultants", SplitConsultants).ForStore(RoleSets.TargetSplitters)
            .WithName("SplitTargetConsultants").Answers<TargetPlan>().Conflicts("idempotency-key-reused").Refuses("no-month-split")
            .HonoursIdempotencyKey()
            .WithSummary("The sales manager splits a month (1-12) into the store's consultants; more than the month's units or gross " +
                "profit is a 400, less leaves the rest unallocated.");
        store.MapGet("/target-progress", Progress).ForStore(RoleSets.TargetReaders).WithName("GetTargetProgress").Answers<TargetProgress>()
            .WithSummary("A month's progress (this month by default, or month=yyyy-MM): the store's and each consultant's target beside " +
                "orders (net of cancellations), retail sales (invoices), deliveries and gross profit, and the share of the month gone in " +
                "the store's time zone.");
        store.MapGet("/summary", Summary).ForStore([.. RoleSets.TargetReaders]).WithName("GetStoreSummary").Answers<StoreSummary>()
            .WithSummary("The store's month so far as group HQ sees it: target and actuals, time gone, stock and inventory coefficient.");

        app.MapGroup("/groups/{groupId}").WithTags(Tag).MapGet("/rollup", Rollup).ForGroup(RoleSets.RollupReaders).WithName("GetGroupRollup")
            .Answers<GroupRollup>()
            .WithSummary("Group HQ's live view: every store's month side by side, ranked by target progress (retail sales ÷ target), with " +
                "the group's total. Each store pushes its summary when something it counts changes (coalesced), so a deal signed, " +
                "invoiced or delivered shows here within a second.");
        return app;
    }

    private static IStoreTargetsGrain Targets(IClusterClient cluster, string storeId, int year) =>
        cluster.GetGrain<IStoreTargetsGrain>(TargetKeys.Year(storeId, year));

    private static IResult? BadYear(int year) => year is < 2000 or > 2100 ? Problems.Invalid("year", "must be 2000-2100.") : null;

    private static async Task<IResult> Get(string storeId, int year, IClusterClient cluster) =>
        year is < 2000 or > 2100
            ? Problems.ToResult(Problem.NotFound($"Targets for {year} (a year is 2000-2100)"))
            : (await Targets(cluster, storeId, year).Get()).ToResult();

    private static async Task<IResult> SetAnnual(string storeId, int year, AnnualTarget target, IClusterClient cluster, HttpContext http)
    {
        var errors = target?.Validate() ?? new FieldErrors().Add("units", "is required.");
        if (BadYear(year) is { } bad)
        {
            return bad;
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, badKey) = Idempotency.OperationId(http);
        return badKey ?? (await Targets(cluster, storeId, year).SetAnnual(target!, operationId)).ToResult();
    }

    private static async Task<IResult> SplitMonths(string storeId, int year, MonthWeights weights, IClusterClient cluster, HttpContext http)
    {
        var errors = weights?.Validate() ?? new FieldErrors().Add("weights", "is required.");
        if (BadYear(year) is { } bad)
        {
            return bad;
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, badKey) = Idempotency.OperationId(http);
        return badKey ?? (await Targets(cluster, storeId, year).SplitMonths(weights!, operationId)).ToResult();
    }

    private static async Task<IResult> SplitConsultants(string storeId, int year, int monthOfYear, ConsultantSplit split, IClusterClient cluster,
        HttpContext http)
    {
        var errors = split?.Validate() ?? new FieldErrors().Add("consultants", "is required.");
        if (BadYear(year) is { } bad)
        {
            return bad;
        }

        if (monthOfYear is < 1 or > 12)
        {
            errors.Add("monthOfYear", "must be 1-12.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, badKey) = Idempotency.OperationId(http);
        return badKey ?? (await Targets(cluster, storeId, year).SplitConsultants(monthOfYear, split!, operationId)).ToResult();
    }

    private static async Task<IResult> Progress(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var today = http.Today();
        var first = new DateOnly(today.Year, today.Month, 1);
        if (month is not null && (month.Length != 7
            || !DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)))
        {
            return Problems.Invalid("month", "must be a month (yyyy-MM).");
        }

        return BadYear(first.Year) ?? (await Targets(cluster, storeId, first.Year).GetProgress(first.Month)).ToResult();
    }

    private static async Task<IResult> Summary(string storeId, IClusterClient cluster) =>
        (await cluster.GetGrain<IStoreSummaryGrain>(GrainKeys.Store(storeId)).Get()).ToResult();

    private static async Task<IResult> Rollup(string groupId, IClusterClient cluster) =>
        (await cluster.GetGrain<IGroupRollupGrain>(GrainKeys.Group(groupId)).Get()).ToResult();
}
