using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Grains.Common;

namespace Dealership.Grains.Parts;

public sealed class PartsIndexState
{
    public Dictionary<string, PartsItemView> Items { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A store's parts list, fed by the parts items (idempotent by revision).</summary>
public sealed class PartsIndexGrain(
    [PersistentState("parts-index", GrainsSetup.StorageName)] IPersistentState<PartsIndexState> state,
    StoreGroups storeGroups) : Grain, IPartsIndexGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Apply(PartsItemView item)
    {
        if (state.State.Items.TryGetValue(item.PartNumber, out var known) && known.Revision >= item.Revision)
        {
            return;
        }

        state.State.Items[item.PartNumber] = item;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<PartsItemView>> List(string? search) =>
        Task.FromResult<IReadOnlyList<PartsItemView>>(state.State.Items.Values
            .Where(i => string.IsNullOrEmpty(search)
                || i.PartNumber.Contains(search, StringComparison.OrdinalIgnoreCase)
                || i.Description.Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.PartNumber, StringComparer.Ordinal)
            .ToArray());
}
