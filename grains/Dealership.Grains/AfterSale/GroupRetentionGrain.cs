using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.AfterSale;

/// <summary>The group's stores side by side on their retention numbers, for HQ: each store's numbers, a few stores at a time.</summary>
[StatelessWorker]
public sealed class GroupRetentionGrain : Grain, IGroupRetentionGrain, IScopedGrain
{
    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task<Outcome<GroupRetention>> Compare(DateOnly month)
    {
        if (Roles.Refused("compare the stores' retention", RoleSets.RollupReaders) is { } refused)
        {
            return refused;
        }

        var storeIds = (await GrainFactory.GetGrain<IGroupGrain>(GrainKeys.Group(GroupId)).Get()).Value?.StoreIds ?? [];
        // Four stores at a time, on this activation (grain calls must start from it).
        var numbers = new List<Outcome<RetentionNumbers>>(storeIds.Count);
        foreach (var batch in storeIds.Chunk(4))
        {
            numbers.AddRange(await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IRetentionNumbersGrain>(GrainKeys.Store(id)).Get(month))));
        }

        if (numbers.FirstOrDefault(n => !n.IsOk) is { } failed)
        {
            return failed.Problem!;
        }

        return new GroupRetention(GroupId, $"{month:yyyy-MM}", [.. numbers.Select(n => n.Value!).OrderBy(n => n.StoreId, StringComparer.Ordinal)]);
    }
}
