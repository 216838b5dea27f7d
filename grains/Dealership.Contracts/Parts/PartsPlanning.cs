namespace Dealership.Contracts.Parts;

/// <summary>How often a part moves: what the planner stocks deep, stocks thin, or stops stocking and clears.</summary>
public enum MovementClass
{
    Fast = 1,
    Medium = 2,
    Slow = 3,

    /// <summary>No movement at all (in or out) for the store's months (7 by default): stock to clear, never to reorder.</summary>
    Dead = 4,
}

/// <summary>Why a suggestion is what it is.</summary>
public enum PlanningBasis
{
    /// <summary>From the part's demand history.</summary>
    History = 1,

    /// <summary>Too little history (under 90 days): the configured minimum stands in for the reorder point and order-up-to level.</summary>
    ConfiguredMinimum = 2,
}

/// <summary>
/// One line of the planner's review: the part's demand over <c>historyDays</c> (at most 365), its mean and standard deviation
/// per day (σ); safety stock = z (of the store's service level) × σ × √lead time, in whole units; reorder point = mean daily
/// demand × lead time + safety stock; the suggestion for this review = demand over lead time and review period + safety stock −
/// (on hand − held for repair orders) − on order, in whole packs, and its value at the part's average cost; <c>monthsWithDemand</c>
/// of the last 12.
/// </summary>
[GenerateSerializer, Immutable, Alias("PartsPlanningLine")]
public sealed record PartsPlanningLine(
    [property: Id(0)] string PartNumber,
    [property: Id(1)] string Description,
    [property: Id(2)] string? Supplier,
    [property: Id(3)] int OnHand,
    [property: Id(4)] int OnOrder,
    [property: Id(5)] int LeadTimeDays,
    [property: Id(6)] int PackSize,
    [property: Id(7)] PlanningBasis Basis,
    [property: Id(8)] int HistoryDays,
    [property: Id(9)] double MeanDailyDemand,
    [property: Id(10)] double DailyDeviation,
    [property: Id(11)] int SafetyStock,
    [property: Id(12)] int ReorderPoint,
    [property: Id(13)] int SuggestedQuantity,
    [property: Id(14)] decimal SuggestedValue,
    [property: Id(15)] bool BelowReorderPoint,
    [property: Id(16)] MovementClass MovementClass,
    [property: Id(17)] int MonthsWithDemand,
    [property: Id(18)] int Reserved,
    [property: Id(19)] decimal AverageCost = 0m,
    [property: Id(20)] DateOnly? LastMovedOn = null)
{
    /// <summary>What the part on hand is worth at its average cost.</summary>
    public decimal StockValue => decimal.Round(OnHand * AverageCost, 2);
}

/// <summary>The store's parts review: the settings it ran with, and a page of its lines.</summary>
[GenerateSerializer, Immutable, Alias("PartsPlanningReview")]
public sealed record PartsPlanningReview(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] decimal ServiceLevel,
    [property: Id(2)] double Z,
    [property: Id(3)] int ReviewDays,
    [property: Id(4)] int PartsReviewed,
    [property: Id(5)] int PartsToOrder,
    [property: Id(6)] decimal ValueToOrder,
    [property: Id(7)] IReadOnlyList<PartsPlanningLine> Items,
    [property: Id(8)] string? Next);

/// <summary>
/// The parts department's numbers on <see cref="Date"/> (the store's calendar): what the stock is worth at average cost; the
/// fill rate over the last <see cref="Days"/> days, units served ÷ (units served + units asked for and refused for want of stock;
/// a refused ask served later counts as a miss and as served); the stock turn, a year's issues and sales at today's average
/// cost ÷ today's stock value; dead stock (no movement for the store's dead months) in value and share of the stock value; and
/// the parts below their reorder point.
/// </summary>
[GenerateSerializer, Immutable, Alias("PartsNumbers")]
public sealed record PartsNumbers(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] int Days,
    [property: Id(2)] int Parts,
    [property: Id(3)] int PartsInStock,
    [property: Id(4)] decimal StockValue,
    [property: Id(5)] int UnitsServed,
    [property: Id(6)] int UnitsRefused,
    [property: Id(7)] decimal? FillRate,
    [property: Id(8)] decimal IssuedValueLastYear,
    [property: Id(9)] decimal? StockTurn,
    [property: Id(10)] int DeadParts,
    [property: Id(11)] decimal DeadStockValue,
    [property: Id(12)] decimal? DeadStockShare,
    [property: Id(13)] int BelowReorderPoint,
    [property: Id(14)] int PartsToOrder,
    [property: Id(15)] decimal ValueToOrder);
