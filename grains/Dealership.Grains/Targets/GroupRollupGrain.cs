using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Targets;

/// <summary>
/// A group's rollup for HQ: the latest summary of each of its stores, pushed by the stores (one per store, so its size is the
/// group's store count), ranked when read. On activation it starts from the summaries' rows; reads interleave with updates.
/// </summary>
[Reentrant]
public sealed class GroupRollupGrain(Database database) : Grain, IGroupRollupGrain, IScopedGrain
{
    /// <summary>A summary older than this when HQ reads is asked to refresh (time gone moves on, a month turns, a push may be lost).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, StoreSummary> stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> received = new(StringComparer.Ordinal);
    private Task? loaded;

    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task Update(StoreSummary summary)
    {
        await Load();
        Keep(summary);
    }

    private void Keep(StoreSummary summary)
    {
        if (!stores.TryGetValue(summary.StoreId, out var kept) || kept.Version < summary.Version)
        {
            stores[summary.StoreId] = summary;
            received[summary.StoreId] = DateTime.UtcNow;
        }
    }

    public async Task<Outcome<GroupRollup>> Get()
    {
        if (Roles.Refused("read the group's rollup", RoleSets.RollupReaders) is { } refused)
        {
            return refused;
        }

        await Load();

        // Every store of the group is on the view: one never summarised yet is summarised now; a summary gone stale is asked to
        // refresh (one-way), so the next read has it.
        var group = (await GrainFactory.GetGrain<IGroupGrain>(GrainKeys.Group(GroupId)).Get()).Value;
        foreach (var storeId in group?.StoreIds ?? [])
        {
            if (!stores.ContainsKey(storeId))
            {
                if ((await GrainFactory.GetGrain<IStoreSummaryGrain>(GrainKeys.Store(storeId)).Get()).Value is { } fresh)
                {
                    Keep(fresh);
                }
            }
            else if (DateTime.UtcNow - received.GetValueOrDefault(storeId) > StaleAfter)
            {
                await GrainFactory.GetGrain<IStoreSummaryGrain>(GrainKeys.Store(storeId)).Changed();
            }
        }

        var all = stores.Values.Where(s => group is null || group.StoreIds.Contains(s.StoreId)).ToList();
        var ranked = all
            .OrderByDescending(s => s.Figures.Progress ?? -1m)
            .ThenByDescending(s => s.Figures.RetailSales)
            .ThenBy(s => s.StoreId, StringComparer.Ordinal)
            .Select((s, i) => new RankedStore(i + 1, s))
            .ToList();
        var total = TargetRules.Figures(all.Sum(s => s.Figures.TargetUnits), all.Sum(s => s.Figures.TargetGrossProfit), all.Sum(s => s.Figures.Orders),
            all.Sum(s => s.Figures.RetailSales), all.Sum(s => s.Figures.Deliveries), all.Sum(s => s.Figures.GrossProfit));
        return new GroupRollup(GroupId, ranked, total, all.Count == 0 ? null : all.Max(s => s.At));
    }

    /// <summary>The stored summaries, once per activation; a failed load is tried again on the next call.</summary>
    private Task Load()
    {
        if (loaded is { IsFaulted: true } or { IsCanceled: true })
        {
            loaded = null;
        }

        return loaded ??= LoadRows();
    }

    private async Task LoadRows()
    {
        foreach (var summary in await database.List("SELECT summary::text FROM store_summaries WHERE group_id = $1",
            r => JsonSerializer.Deserialize<StoreSummary>(r.GetString(0), GrainStateStore.Json)!, GroupId))
        {
            if (!stores.TryGetValue(summary.StoreId, out var kept) || kept.Version < summary.Version)
            {
                stores[summary.StoreId] = summary;
                received[summary.StoreId] = DateTime.MinValue; // from a row: refreshed on the first read
            }
        }
    }
}
