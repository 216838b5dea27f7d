using Dealership.Contracts.Common;

namespace Dealership.Contracts.Targets;

/// <summary>
/// The sales funnel of a period: traffic through to delivery, and the rates the sales manager tracks. Rates are fractions
/// (0.25 = 25%), null when there is nothing to divide by.
/// </summary>
[GenerateSerializer, Immutable, Alias("SalesFunnel")]
public sealed record SalesFunnel(
    [property: Id(0)] int Traffic,
    [property: Id(1)] int Visits,
    [property: Id(2)] int Calls,
    [property: Id(3)] int FirstVisits,
    [property: Id(4)] int ProspectCards,
    [property: Id(5)] int TestDrives,
    [property: Id(6)] int Orders,
    [property: Id(7)] int OrdersCancelled,
    [property: Id(8)] int RetailSales,
    [property: Id(9)] int Deliveries,
    [property: Id(10)] decimal? RecordRate,
    [property: Id(11)] decimal? TestDriveRate,
    [property: Id(12)] decimal? ClosingRate);

/// <summary>What was sold with the cars of the period's retail sales: counts and shares of those sales (渗透率).</summary>
[GenerateSerializer, Immutable, Alias("Penetration")]
public sealed record Penetration(
    [property: Id(0)] int RetailSales,
    [property: Id(1)] int WithAccessories,
    [property: Id(2)] int WithInsurance,
    [property: Id(3)] int WithFinance,
    [property: Id(4)] decimal? AccessoryRate,
    [property: Id(5)] decimal? InsuranceRate,
    [property: Id(6)] decimal? FinanceRate);

/// <summary>
/// One model line in the month: enquiries (visits and calls naming it), orders, retail sales with their gross profit, deliveries,
/// its share of the store's retail, its stock at the month's end (demo cars excluded) and how long its cars sold that month had
/// stood in stock.
/// </summary>
[GenerateSerializer, Immutable, Alias("ModelAnalysis")]
public sealed record ModelAnalysis(
    [property: Id(0)] string Model,
    [property: Id(1)] int Enquiries,
    [property: Id(2)] int Orders,
    [property: Id(3)] int OrdersCancelled,
    [property: Id(4)] int RetailSales,
    [property: Id(5)] int Deliveries,
    [property: Id(6)] decimal GrossProfit,
    [property: Id(7)] decimal? GrossProfitPerUnit,
    [property: Id(8)] decimal? ShareOfRetail,
    [property: Id(9)] int StockAtMonthEnd,
    [property: Id(10)] decimal? AverageDaysToSell);

/// <summary>One consultant's month: the funnel, gross profit, penetration, the month's target and progress, prospects lost.</summary>
[GenerateSerializer, Immutable, Alias("ConsultantAnalysis")]
public sealed record ConsultantAnalysis(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] SalesFunnel Funnel,
    [property: Id(2)] decimal GrossProfit,
    [property: Id(3)] decimal? GrossProfitPerUnit,
    [property: Id(4)] Penetration Penetration,
    [property: Id(5)] TargetFigures Target,
    [property: Id(6)] int ProspectsLost);

/// <summary>Prospects whose loss the manager confirmed in the month, by the reason the consultant gave (战败原因).</summary>
[GenerateSerializer, Immutable, Alias("LostReasonCount")]
public sealed record LostReasonCount(
    [property: Id(0)] string Reason,
    [property: Id(1)] int Prospects,
    [property: Id(2)] decimal? Share);

/// <summary>
/// The month's stock in days (库存天数), from the stock ledger: cars for sale (demo cars excluded) at the month's end, their
/// average age and how many are aged by the store's policy, how long the cars that left stock by sale that month had stood,
/// and days of supply (stock at the end ÷ the month's retail sales per day).
/// </summary>
[GenerateSerializer, Immutable, Alias("StockDays")]
public sealed record StockDays(
    [property: Id(0)] int StockAtMonthEnd,
    [property: Id(1)] decimal? AverageAgeAtMonthEnd,
    [property: Id(2)] int AgedAtMonthEnd,
    [property: Id(3)] int SoldFromStock,
    [property: Id(4)] decimal? AverageDaysToSell,
    [property: Id(5)] decimal? DaysOfSupply);

/// <summary>
/// The sales manager's monthly sales analysis (月度销售分析) for one store-local month, made from the records: the funnel, by
/// model, by consultant, lost reasons, penetration, gross profit per unit and stock days. <see cref="Closed"/> is false while
/// the month is still running (its figures are the month so far, up to <see cref="At"/>). <see cref="Retention"/> is how well the store
/// brought its customers back in the month (reminders, retention, renewals, warranties, events).
/// </summary>
[GenerateSerializer, Immutable, Alias("MonthlyAnalysis")]
public sealed record MonthlyAnalysis(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string Month,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] bool Closed,
    [property: Id(5)] SalesFunnel Funnel,
    [property: Id(6)] decimal GrossProfit,
    [property: Id(7)] decimal? GrossProfitPerUnit,
    [property: Id(8)] Penetration Penetration,
    [property: Id(9)] TargetFigures Target,
    [property: Id(10)] IReadOnlyList<ModelAnalysis> Models,
    [property: Id(11)] IReadOnlyList<ConsultantAnalysis> Consultants,
    [property: Id(12)] IReadOnlyList<LostReasonCount> LostReasons,
    [property: Id(13)] StockDays Stock,
    [property: Id(14)] DateTimeOffset At,
    [property: Id(15)] AfterSale.RetentionNumbers? Retention = null);

/// <summary>A store's monthly sales analyses, made from the records on demand (any past month too). Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IMonthlyAnalysisGrain")]
public interface IMonthlyAnalysisGrain : IGrainWithStringKey
{
    /// <summary>The analysis of the month beginning <paramref name="month"/> (its first day); 400 <c>month</c> for a month not begun.</summary>
    [Alias("Get")]
    Task<Outcome<MonthlyAnalysis>> Get(DateOnly month);
}
