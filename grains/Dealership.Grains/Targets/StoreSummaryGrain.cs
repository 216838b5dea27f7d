using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Dealership.Grains.Targets;

/// <summary>
/// A store's month for group HQ, refreshed from the tables. A change in the store (a deal's step, a target, a car in or out) only
/// marks it stale, one-way, so the change that caused it never waits; the summary refreshes once per <see cref="Coalesce"/>
/// however many changes came, is kept as a row, and goes to the group's rollup: the first stage of the aggregation.
/// </summary>
public sealed class StoreSummaryGrain(Database database, StoreGroups storeGroups, BusinessClock clock, ILogger<StoreSummaryGrain> logger)
    : Grain, IStoreSummaryGrain, IScopedGrain
{
    /// <summary>After a failed refresh (the database away), the next try.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>How long changes gather before one refresh: well inside HQ's one second, light on the database under load.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(150);

    /// <summary>How often the summary's row is written while the store is busy.</summary>
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);

    private IGrainTimer? pending;
    private long version;
    private DateTime saved = DateTime.MinValue;

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public Task Changed()
    {
        pending ??= this.RegisterGrainTimer(Refresh, Coalesce, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public async Task<Outcome<StoreSummary>> Get() =>
        Roles.Refused("read the store's summary", [.. RoleSets.RollupReaders, .. RoleSets.TargetReaders]) ?? (Outcome<StoreSummary>)await Compute();

    private async Task Refresh(CancellationToken cancellationToken)
    {
        pending?.Dispose();
        pending = null;
        try
        {
            await Push();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not lost: the refresh comes again, and the rollup asks for one when its copy grows stale.
            logger.LogWarning(e, "Summary of {Store} not refreshed; trying again in {Delay}", StoreId, RetryAfter);
            pending ??= this.RegisterGrainTimer(Refresh, RetryAfter, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task Push()
    {
        var groupId = await storeGroups.GroupOf(StoreId);
        if (groupId is null)
        {
            return;
        }

        var summary = await Compute();
        if (DateTime.UtcNow - saved >= SaveEvery)
        {
            // The row is where the rollup starts from after a restart: kept fresh enough, not on every refresh.
            await database.Write([new StoreSummaryRow(groupId, summary)]);
            saved = DateTime.UtcNow;
        }

        await GrainFactory.GetGrain<IGroupRollupGrain>(GrainKeys.Group(groupId)).Update(summary);
        await StoreFeed.Publish(GrainFactory, StoreId, summary.At, "target-progress", summary.Month,
            $"{summary.Month}: {summary.Figures.RetailSales} of {summary.Figures.TargetUnits} retail sales, {summary.TimeGone:P0} of the month gone",
            new Dictionary<string, string>
            {
                ["month"] = summary.Month,
                ["orders"] = summary.Figures.Orders.ToString(CultureInfo.InvariantCulture),
                ["retailSales"] = summary.Figures.RetailSales.ToString(CultureInfo.InvariantCulture),
                ["deliveries"] = summary.Figures.Deliveries.ToString(CultureInfo.InvariantCulture),
                ["targetUnits"] = summary.Figures.TargetUnits.ToString(CultureInfo.InvariantCulture),
                ["version"] = summary.Version.ToString(CultureInfo.InvariantCulture),
            });
    }

    /// <summary>This month so far in the store's time zone: target, actuals, time gone, stock and coefficient, from the tables.</summary>
    private async Task<StoreSummary> Compute()
    {
        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var zone = StoreFacts.Zone(store);
        var groupId = store?.GroupId ?? "";
        var now = clock.GetUtcNow();
        var today = StoreFacts.LocalDate(now, zone);
        var month = new DateOnly(today.Year, today.Month, 1);
        // One round trip: the month's target, its actuals, the stock and the last 30 days' retail sales.
        var f = await database.First(
            "SELECT t.units, t.gross_profit, a.orders, a.retail, a.deliveries, a.profit, v.in_stock, v.in_transit, v.counted, r.retail30 FROM (SELECT 1) one " +
            "LEFT JOIN LATERAL (SELECT units, gross_profit FROM sales_targets WHERE store_id = $2 AND year = $3 AND month = $4 AND consultant_id = '') t ON true " +
            "CROSS JOIN LATERAL (SELECT (count(*) FILTER (WHERE kind = 'Order') - count(*) FILTER (WHERE kind = 'OrderCancelled'))::int AS orders, " +
            "(count(*) FILTER (WHERE kind = 'RetailSale') - count(*) FILTER (WHERE kind = 'RetailSaleUnwound'))::int AS retail, count(*) FILTER (WHERE kind = 'Delivery')::int AS deliveries, " +
            "coalesce(sum(gross_profit) FILTER (WHERE kind IN ('RetailSale', 'RetailSaleUnwound')), 0) AS profit FROM sales_facts WHERE group_id = $1 AND store_id = $2 " +
            "AND local_date BETWEEN $5 AND $6 AND kind IN ('Order', 'OrderCancelled', 'RetailSale', 'RetailSaleUnwound', 'Delivery')) a " +
            "CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE status IN ('InStock', 'Reserved'))::int AS in_stock, " +
            "count(*) FILTER (WHERE status = 'InTransit')::int AS in_transit, " +
            "count(*) FILTER (WHERE status IN ('InStock', 'Reserved', 'InTransit') AND NOT demo)::int AS counted FROM vehicles " +
            "WHERE group_id = $1 AND store_id = $2) v " +
            "CROSS JOIN LATERAL (SELECT coalesce(sum(CASE kind WHEN 'RetailSale' THEN 1 ELSE -1 END), 0)::int AS retail30 FROM sales_facts " +
            "WHERE group_id = $1 AND store_id = $2 AND kind IN ('RetailSale', 'RetailSaleUnwound') " +
            "AND local_date > $7) r",
            r => (Units: r.IsDBNull(0) ? 0 : r.GetInt32(0), Target: r.IsDBNull(1) ? 0m : r.GetDecimal(1), Orders: r.GetInt32(2), Retail: r.GetInt32(3),
                Deliveries: r.GetInt32(4), Profit: decimal.Round(r.GetDecimal(5), 2), InStock: r.GetInt32(6), InTransit: r.GetInt32(7), Counted: r.GetInt32(8),
                Retail30: r.GetInt32(9)),
            groupId, StoreId, month.Year, month.Month, month, month.AddMonths(1).AddDays(-1), today.AddDays(-30));
        var (daysGone, days) = TargetRules.TimeGone(month, now, zone);

        // A version from the wall clock and a counter: a newer summary always outranks an older one, even from another activation.
        version = Math.Max(version + 1, DateTime.UtcNow.Ticks);
        return new StoreSummary(StoreId, store?.Profile.Name ?? StoreId, month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            TargetRules.Figures(f.Units, f.Target, f.Orders, f.Retail, f.Deliveries, f.Profit),
            decimal.Round(daysGone / days, 3), f.InStock, f.InTransit, f.Retail30 == 0 ? null : decimal.Round(f.Counted / (decimal)f.Retail30, 2),
            now, version);
    }
}
