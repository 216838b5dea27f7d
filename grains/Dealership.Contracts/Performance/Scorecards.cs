using Dealership.Contracts.Common;
using Orleans.Concurrency;

namespace Dealership.Contracts.Performance;

/// <summary>
/// A consultant's figures for a period, all from the product's own records: retail sales (less unwinds) and gross profit against
/// target; first visits, test drives and orders with the closing and test-drive rates (of first visits); follow-up contacts and how
/// many were made by the day the prospect's grade called for; accessory, insurance and finance penetration of the retail sales;
/// customers reached by the after-delivery call and how many were satisfied; complaints opened. A rate is null with nothing to divide.
/// </summary>
[GenerateSerializer, Immutable, Alias("ScorecardFigures")]
public sealed record ScorecardFigures(
    [property: Id(0)] int Units,
    [property: Id(1)] int? TargetUnits,
    [property: Id(2)] decimal? UnitAttainment,
    [property: Id(3)] decimal GrossProfit,
    [property: Id(4)] decimal? TargetGrossProfit,
    [property: Id(5)] decimal? ProfitAttainment,
    [property: Id(6)] int FirstVisits,
    [property: Id(7)] int TestDrives,
    [property: Id(8)] int Orders,
    [property: Id(9)] decimal? ClosingRate,
    [property: Id(10)] decimal? TestDriveRate,
    [property: Id(11)] int FollowUps,
    [property: Id(12)] int FollowUpsOnTime,
    [property: Id(13)] decimal? FollowUpOnTimeRate,
    [property: Id(14)] decimal? AccessoryPenetration,
    [property: Id(15)] decimal? InsurancePenetration,
    [property: Id(16)] decimal? FinancePenetration,
    [property: Id(17)] int CustomersReached,
    [property: Id(18)] int Satisfied,
    [property: Id(19)] decimal? SatisfactionRate,
    [property: Id(20)] int Complaints);

/// <summary>The sales manager's review of a consultant's period, with the figures as they stood, and the consultant's acknowledgement.</summary>
[GenerateSerializer, Immutable, Alias("PerformanceReview")]
public sealed record PerformanceReview(
    [property: Id(0)] int Rating,
    [property: Id(1)] string Comments,
    [property: Id(2)] ScorecardFigures Figures,
    [property: Id(3)] DateTimeOffset ReviewedAt,
    [property: Id(4)] string ReviewedBy,
    [property: Id(5)] DateTimeOffset? AcknowledgedAt,
    [property: Id(6)] string? AcknowledgedBy,
    [property: Id(7)] string? ConsultantComment);

/// <summary>A consultant's scorecard: the period's figures now, and the review if there is one.</summary>
[GenerateSerializer, Immutable, Alias("Scorecard")]
public sealed record Scorecard(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] string Period,
    [property: Id(2)] ScorecardFigures Figures,
    [property: Id(3)] PerformanceReview? Review);

/// <summary>The store's scorecards for a month or quarter (store-local days <see cref="From"/> to <see cref="To"/>); <see cref="Ended"/> once reviewable.</summary>
[GenerateSerializer, Immutable, Alias("StoreScorecards")]
public sealed record StoreScorecards(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string Period,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] bool Ended,
    [property: Id(5)] IReadOnlyList<Scorecard> Consultants);

/// <summary>The sales manager's rating (1 poor … 5 excellent) and comments on a consultant's period.</summary>
[GenerateSerializer, Immutable, Alias("NewPerformanceReview")]
public sealed record NewPerformanceReview([property: Id(0)] int Rating, [property: Id(1)] string Comments)
{
    public FieldErrors Validate() => new FieldErrors().Range("rating", Rating, 1, 5).Required("comments", Comments, 2000);
}

/// <summary>
/// Consultants needed for the year's target (销售顾问人员名额需求): the store's target units for the year (the months set), the pace of
/// the last twelve full months (retail units per consultant-month: a consultant on the floor in a month, with any record that month),
/// the consultants that pace needs, the active consultants on the roster, and the gap (needed − roster; negative: more than needed).
/// </summary>
[GenerateSerializer, Immutable, Alias("HeadcountPlan")]
public sealed record HeadcountPlan(
    [property: Id(0)] string StoreId,
    [property: Id(1)] int Year,
    [property: Id(2)] int TargetUnits,
    [property: Id(3)] int MonthsWithTarget,
    [property: Id(4)] DateOnly BasisFrom,
    [property: Id(5)] DateOnly BasisTo,
    [property: Id(6)] int BasisUnits,
    [property: Id(7)] int BasisConsultantMonths,
    [property: Id(8)] decimal? UnitsPerConsultantMonth,
    [property: Id(9)] int? ConsultantsNeeded,
    [property: Id(10)] int Roster,
    [property: Id(11)] int? Gap);

/// <summary>
/// Consultants' performance in a store (key: <see cref="GrainKeys.Store"/>): scorecards for a month or quarter computed from the
/// records, the sales manager's reviews and the consultants' acknowledgements, and the headcount plan.
/// </summary>
[Alias("IScorecardGrain")]
public interface IScorecardGrain : IGrainWithStringKey
{
    /// <summary>The period's scorecards: managers see every consultant's; a consultant only their own.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<Outcome<StoreScorecards>> Get(string period);

    /// <summary>The sales manager reviews a consultant's ended period (again, until the consultant has acknowledged it).</summary>
    [Alias("Review")]
    Task<Outcome<Scorecard>> Review(string consultantId, string period, NewPerformanceReview review, string? operationId);

    /// <summary>The consultant acknowledges the review of their period, with a comment of their own if they wish.</summary>
    [Alias("Acknowledge")]
    Task<Outcome<Scorecard>> Acknowledge(string period, string? comment, string? operationId);

    [Alias("Headcount"), AlwaysInterleave]
    Task<Outcome<HeadcountPlan>> Headcount(int year);
}
