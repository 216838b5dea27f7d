using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Targets;

/// <summary>
/// The clerk's month-end summary, made from the records when asked: the stock ledger of the month by model, the month's sales
/// facts, the cars in transit by their history, the weekly reports due in the month, and next month's OEM order.
/// </summary>
[StatelessWorker]
public sealed class MonthEndSummaryGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IMonthEndSummaryGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<MonthEndSummary>> Get(DateOnly month)
    {
        if (Roles.Refused("read the month-end summary", RoleSets.ReportReaders) is { } refused)
        {
            return refused;
        }

        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var now = clock.GetUtcNow();
        var period = MonthPeriod.Of(month, store, now);
        if (!period.IsOk || store is null)
        {
            return period.Problem ?? Problem.NotFound($"Store '{StoreId}'");
        }

        var p = period.Value!;
        var group = store.GroupId;
        var stock = await MonthStock.ByModel(database, group, StoreId, p, store.Profile.TimeZoneId, store.Policies.AgedStockDays);
        var sales = await database.First(
            "SELECT count(*) FILTER (WHERE kind = 'Order')::int, count(*) FILTER (WHERE kind = 'OrderCancelled')::int, " +
            "(count(*) FILTER (WHERE kind = 'RetailSale') - count(*) FILTER (WHERE kind = 'RetailSaleUnwound'))::int, count(*) FILTER (WHERE kind = 'Delivery')::int, " +
            "coalesce(sum(gross_profit) FILTER (WHERE kind IN ('RetailSale', 'RetailSaleUnwound')), 0) " +
            "FROM sales_facts WHERE group_id = $1 AND store_id = $2 AND local_date BETWEEN $3 AND $4",
            r => (Orders: r.GetInt32(0), Cancelled: r.GetInt32(1), Retail: r.GetInt32(2), Deliveries: r.GetInt32(3), Profit: r.GetDecimal(4)),
            group, StoreId, p.First, p.Last);
        var weekly = await database.First(
            "SELECT count(*)::int, count(*) FILTER (WHERE status = 'Submitted')::int, count(*) FILTER (WHERE status = 'Submitted' AND late)::int, " +
            "count(*) FILTER (WHERE status <> 'Submitted')::int FROM weekly_reports WHERE store_id = $1 AND deadline >= $2 AND deadline < $3",
            r => new WeeklyReportsDue(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)), StoreId, p.Start, p.Cut);
        var inTransit = await MonthStock.InTransit(database, group, StoreId, p);
        var next = $"{p.First.AddMonths(1):yyyy-MM}";
        var order = await GrainFactory.GetGrain<IOemOrderGrain>(GrainKeys.OemOrder(StoreId, next)).Get();

        var forSale = stock.Sum(s => s.ForSale);
        return new MonthEndSummary(StoreId, p.Name, p.First, p.Last, p.Closed, MonthStock.Total(stock), [.. stock.Select(s => s.Movement)],
            sales.Orders, sales.Cancelled, sales.Retail, sales.Deliveries, decimal.Round(sales.Profit, 2), forSale, stock.Sum(s => s.Aged), inTransit,
            sales.Retail == 0 ? null : decimal.Round((decimal)(forSale + inTransit) / sales.Retail, 2),
            weekly ?? new WeeklyReportsDue(0, 0, 0, 0), next, order.IsOk ? order.Value!.Status : null, now);
    }
}
