using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;

namespace Dealership.Contracts.Targets;

/// <summary>
/// The sales manager's daily report to the general manager (日报), for one store-local day: the day and the month to date (traffic,
/// first visits, test drives, orders, retail sales, deliveries, gross profit, closing rate and the rest of the sales numbers),
/// the month's target progress at the end of the day, overdue follow-ups, and the stock as it stands (aged units, in stock,
/// in transit, coefficient).
/// </summary>
[GenerateSerializer, Immutable, Alias("DailyReport")]
public sealed record DailyReport(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] SalesFigures Today,
    [property: Id(3)] SalesFigures MonthToDate,
    [property: Id(4)] TargetFigures Target,
    [property: Id(5)] decimal TimeGone,
    [property: Id(6)] int FollowUpsOverdue,
    [property: Id(7)] int AgedStock,
    [property: Id(8)] int InStock,
    [property: Id(9)] int InTransit,
    [property: Id(10)] decimal? InventoryCoefficient,
    [property: Id(11)] DateTimeOffset At);

/// <summary>A store's daily reports, made from the records on demand (any past day too). Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IDailyReportGrain")]
public interface IDailyReportGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<Outcome<DailyReport>> Get(DateOnly date);
}
