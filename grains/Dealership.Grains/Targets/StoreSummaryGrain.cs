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

    private IGrainTimer? pending;
    private long version;

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
        await database.Write([new StoreSummaryRow(groupId, summary)]);
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
        var target = await database.First(
            "SELECT units, gross_profit FROM sales_targets WHERE store_id = $1 AND year = $2 AND month = $3 AND consultant_id = ''",
            r => (Units: r.GetInt32(0), Profit: r.GetDecimal(1)), StoreId, month.Year, month.Month);
        var actuals = (await StoreTargetsGrain.Actuals(database, groupId, StoreId, month)).Values
            .Aggregate((Orders: 0, Retail: 0, Deliveries: 0, Profit: 0m), (t, a) => (t.Orders + a.Orders, t.Retail + a.Retail, t.Deliveries + a.Deliveries, t.Profit + a.Profit));
        var stock = await database.First(
            "SELECT count(*) FILTER (WHERE status IN ('InStock', 'Reserved'))::int, count(*) FILTER (WHERE status = 'InTransit')::int, " +
            "count(*) FILTER (WHERE status IN ('InStock', 'Reserved', 'InTransit') AND NOT demo)::int FROM vehicles WHERE group_id = $1 AND store_id = $2",
            r => (InStock: r.GetInt32(0), InTransit: r.GetInt32(1), Counted: r.GetInt32(2)), groupId, StoreId);
        var retail30 = await database.Scalar<long>(
            "SELECT count(*) FROM sales_facts WHERE group_id = $1 AND store_id = $2 AND kind = 'RetailSale' AND local_date > $3",
            groupId, StoreId, today.AddDays(-30));
        var (daysGone, days) = TargetRules.TimeGone(month, now, zone);

        // A version from the wall clock and a counter: a newer summary always outranks an older one, even from another activation.
        version = Math.Max(version + 1, DateTime.UtcNow.Ticks);
        return new StoreSummary(StoreId, store?.Profile.Name ?? StoreId, month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            TargetRules.Figures(target.Units, target.Profit, actuals.Orders, actuals.Retail, actuals.Deliveries, actuals.Profit),
            decimal.Round(daysGone / days, 3), stock.InStock, stock.InTransit, retail30 == 0 ? null : decimal.Round(stock.Counted / (decimal)retail30, 2),
            now, version);
    }
}
