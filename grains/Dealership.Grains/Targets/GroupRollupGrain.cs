using System.Text.Json;
using Dealership.Contracts.Common;
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
    private readonly Dictionary<string, StoreSummary> stores = new(StringComparer.Ordinal);
    private Task? loaded;

    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task Update(StoreSummary summary)
    {
        await Load();
        if (!stores.TryGetValue(summary.StoreId, out var kept) || kept.Version < summary.Version)
        {
            stores[summary.StoreId] = summary;
        }
    }

    public async Task<Outcome<GroupRollup>> Get()
    {
        if (Roles.Refused("read the group's rollup", RoleSets.RollupReaders) is { } refused)
        {
            return refused;
        }

        await Load();
        var all = stores.Values.ToList();
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

    private Task Load() => loaded ??= LoadRows();

    private async Task LoadRows()
    {
        foreach (var summary in await database.List("SELECT summary::text FROM store_summaries WHERE group_id = $1",
            r => JsonSerializer.Deserialize<StoreSummary>(r.GetString(0), GrainStateStore.Json)!, GroupId))
        {
            if (!stores.TryGetValue(summary.StoreId, out var kept) || kept.Version < summary.Version)
            {
                stores[summary.StoreId] = summary;
            }
        }
    }
}
