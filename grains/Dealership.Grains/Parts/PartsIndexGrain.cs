using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Parts;

public sealed class PartsIndexState
{
    public Dictionary<string, PartsItemView> Items { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A store's parts list, fed by the parts items (idempotent by revision).</summary>
[Reentrant]
public sealed class PartsIndexGrain(
    [PersistentState("parts-index", GrainsSetup.StorageName)] IPersistentState<PartsIndexState> state,
    StoreGroups storeGroups) : Grain, IPartsIndexGrain, IScopedGrain
{
    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Apply(PartsItemView item)
    {
        if (state.State.Items.TryGetValue(item.PartNumber, out var known) && known.Revision >= item.Revision)
        {
            return;
        }

        state.State.Items[item.PartNumber] = item;
        await Commit.Commit();
    }

    public Task<IReadOnlyList<PartsItemView>> List(string? search) =>
        Task.FromResult<IReadOnlyList<PartsItemView>>(state.State.Items.Values
            .Where(i => string.IsNullOrEmpty(search)
                || i.PartNumber.Contains(search, StringComparison.OrdinalIgnoreCase)
                || i.Description.Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.PartNumber, StringComparer.Ordinal)
            .ToArray());
}
