using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Targets;

/// <summary>
/// The daily report, made from the records when asked (the store's calendar gives the GM a task for it at closing time): the
/// sales numbers of the day and the month so far, the month's target at the end of the day, and today's stock.
/// </summary>
[StatelessWorker]
public sealed class DailyReportGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IDailyReportGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<DailyReport>> Get(DateOnly date)
    {
        if (Roles.Refused("read the daily report", RoleSets.DailyReportReaders) is { } refused)
        {
            return refused;
        }

        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var zone = StoreFacts.Zone(store);
        var now = clock.GetUtcNow();
        if (date > StoreFacts.LocalDate(now, zone))
        {
            return Problem.Invalid("date", "is in the future: a day is reported once it has begun.");
        }

        var numbers = await GrainFactory.GetGrain<ISalesNumbersGrain>(GrainKeys.Store(StoreId)).Get(date, null);
        var month = new DateOnly(date.Year, date.Month, 1);
        var target = await database.First(
            "SELECT units, gross_profit FROM sales_targets WHERE store_id = $1 AND year = $2 AND month = $3 AND consultant_id = ''",
            r => (Units: r.GetInt32(0), Profit: r.GetDecimal(1)), StoreId, month.Year, month.Month);
        var mtd = numbers.MonthToDate;
        var endOfDay = StoreFacts.StartOf(date.AddDays(1), zone);
        var (daysGone, days) = TargetRules.TimeGone(month, endOfDay < now ? endOfDay : now, zone);
        var stock = (await GrainFactory.GetGrain<IVehicleListGrain>(GrainKeys.Store(StoreId)).Stock(StockFilter.All, new PageRequest(1, null))).Value!.Figures;
        return new DailyReport(StoreId, date, numbers.Today, mtd,
            TargetRules.Figures(target.Units, target.Profit, mtd.Orders - mtd.OrdersCancelled, mtd.RetailSales, mtd.Deliveries, mtd.GrossProfit),
            decimal.Round(daysGone / days, 3), mtd.FollowUpsOverdue, stock.Aged, stock.InStock, stock.InTransit, stock.InventoryCoefficient, now);
    }
}
