using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;

namespace Dealership.Contracts.Targets;

/// <summary>
/// The month's stock ledger in one line per model (or for the store): cars on hand at the start, in (receipts, transfers in,
/// returns), out (sales, transfers out), corrections after counts (net), and on hand at the end. Opening + in − out + corrections
/// = closing, as the ledger says.
/// </summary>
[GenerateSerializer, Immutable, Alias("StockMovement")]
public sealed record StockMovement(
    [property: Id(0)] string Model,
    [property: Id(1)] int Opening,
    [property: Id(2)] int Receipts,
    [property: Id(3)] int TransfersIn,
    [property: Id(4)] int Returns,
    [property: Id(5)] int SalesOut,
    [property: Id(6)] int TransfersOut,
    [property: Id(7)] int Corrections,
    [property: Id(8)] int Closing);

/// <summary>The weekly reports due in the month: how many, submitted, submitted late, and not submitted.</summary>
[GenerateSerializer, Immutable, Alias("WeeklyReportsDue")]
public sealed record WeeklyReportsDue(
    [property: Id(0)] int Due,
    [property: Id(1)] int Submitted,
    [property: Id(2)] int Late,
    [property: Id(3)] int Missing);

/// <summary>
/// The sales information clerk's month-end summary (月末总结) for one store-local month: the stock ledger reconciled (store and by
/// model), the month's orders, retail sales and deliveries, the stock for sale at the end (aged units, in transit, inventory
/// coefficient), the weekly reports of the month, and where next month's OEM order stands.
/// </summary>
[GenerateSerializer, Immutable, Alias("MonthEndSummary")]
public sealed record MonthEndSummary(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string Month,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] bool Closed,
    [property: Id(5)] StockMovement Stock,
    [property: Id(6)] IReadOnlyList<StockMovement> Models,
    [property: Id(7)] int Orders,
    [property: Id(8)] int OrdersCancelled,
    [property: Id(9)] int RetailSales,
    [property: Id(10)] int Deliveries,
    [property: Id(11)] decimal GrossProfit,
    [property: Id(12)] int StockForSaleAtMonthEnd,
    [property: Id(13)] int AgedAtMonthEnd,
    [property: Id(14)] int InTransitAtMonthEnd,
    [property: Id(15)] decimal? InventoryCoefficient,
    [property: Id(16)] WeeklyReportsDue WeeklyReports,
    [property: Id(17)] string NextOemOrderMonth,
    [property: Id(18)] OemOrderStatus? NextOemOrderStatus,
    [property: Id(19)] DateTimeOffset At);

/// <summary>A store's month-end summaries, made from the records on demand (any past month too). Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IMonthEndSummaryGrain")]
public interface IMonthEndSummaryGrain : IGrainWithStringKey
{
    /// <summary>The summary of the month beginning <paramref name="month"/> (its first day); 400 <c>month</c> for a month not begun.</summary>
    [Alias("Get")]
    Task<Outcome<MonthEndSummary>> Get(DateOnly month);
}
