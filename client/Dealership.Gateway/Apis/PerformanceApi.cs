using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Performance;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>A consultant's acknowledgement of their review, with a comment if they wish.</summary>
public sealed record AcknowledgementRequest(string? Comment);

/// <summary>Consultants' scorecards and reviews, and the headcount plan.</summary>
public static class PerformanceApi
{
    public const string Tag = "Performance";

    public static IEndpointRouteBuilder MapPerformanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        api.MapGet("/scorecards", Get).ForStore(RoleSets.SalesFloor).WithName("GetScorecards").Answers<StoreScorecards>()
            .WithSummary("The consultants' scorecards for a month (period=yyyy-MM), quarter (yyyy-Qn) or ISO week (yyyy-Www; last month by " +
                "default), all from " +
                "the records: retail sales (less unwinds) and gross profit against target, closing and test-drive rates of first visits, " +
                "follow-up contacts made by the day the prospect's grade called for, accessory/insurance/finance penetration, customers " +
                "satisfied on the after-delivery call, complaints; with the review if there is one. A consultant sees their own only.");
        api.MapPut("/scorecards/{period}/reviews/{consultantId}", Review).ForStore(RoleSets.Managers).WithName("ReviewConsultant")
            .Answers<Scorecard>().ValidatesPath().Conflicts("review-acknowledged", "idempotency-key-reused").Refuses("period-not-ended")
            .HonoursIdempotencyKey()
            .WithSummary("The sales manager's rating (1–5) and comments on a consultant's ended month or quarter, kept with the figures as they " +
                "stand and who reviewed when; revised until the consultant acknowledges it.");
        api.MapPost("/scorecards/{period}/acknowledgement", Acknowledge).ForStore([StaffRole.SalesConsultant]).WithName("AcknowledgeReview")
            .Answers<Scorecard>().ValidatesPath().Conflicts("not-reviewed", "review-acknowledged", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The consultant acknowledges the review of their period (once), with a comment of their own if they wish.");
        api.MapGet("/headcount-plan", Headcount).ForStore(RoleSets.Managers).WithName("GetHeadcountPlan").Answers<HeadcountPlan>()
            .WithSummary("Consultants needed for the year's target (year=yyyy, this year by default): the target units of the months set, the " +
                "pace of the last twelve full months (retail units per consultant-month), the consultants that pace needs (rounded up), the " +
                "active consultants on the roster, and the gap.");
        return app;
    }

    private static IScorecardGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<IScorecardGrain>(GrainKeys.Store(storeId));

    private static async Task<IResult> Get(string storeId, string? period, IClusterClient cluster, HttpContext http)
    {
        var today = http.Today();
        var name = period ?? $"{new DateOnly(today.Year, today.Month, 1).AddMonths(-1):yyyy-MM}";
        return ReviewPeriod.Parse(name) is null
            ? Problems.Invalid("period", "must be a month (yyyy-MM), a quarter (yyyy-Qn) or a week (yyyy-Www) from 2000 on.")
            : (await Grain(cluster, storeId).Get(name)).ToResult();
    }

    private static async Task<IResult> Review(string storeId, string period, string consultantId, NewPerformanceReview review, IClusterClient cluster,
        HttpContext http)
    {
        var errors = review?.Validate() ?? new FieldErrors().Add("rating", "is required.");
        if (ReviewPeriod.Parse(period) is null)
        {
            errors.Add("period", "must be a month (yyyy-MM) or a quarter (yyyy-Qn) from 2000 on.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).Review(consultantId, period, review!, operationId)).ToResult();
    }

    private static async Task<IResult> Acknowledge(string storeId, string period, AcknowledgementRequest request, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors();
        if (ReviewPeriod.Parse(period) is null)
        {
            errors.Add("period", "must be a month (yyyy-MM) or a quarter (yyyy-Qn) from 2000 on.");
        }

        if (request.Comment is { Length: > 2000 })
        {
            errors.Add("comment", "must be at most 2000 characters.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).Acknowledge(period, request.Comment, operationId)).ToResult();
    }

    private static async Task<IResult> Headcount(string storeId, int? year, IClusterClient cluster, HttpContext http) =>
        (await Grain(cluster, storeId).Headcount(year ?? http.Today().Year)).ToResult();
}
