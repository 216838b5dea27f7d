using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Consultants;

public sealed class ConsultantIndexState
{
    public Dictionary<string, ConsultantView> Consultants { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A store's consultants and their live status; a view is applied only if its revision is newer.</summary>
[Reentrant]
public sealed class ConsultantIndexGrain(
    [PersistentState("consultant-index", GrainsSetup.StorageName)] IPersistentState<ConsultantIndexState> state,
    StoreGroups storeGroups) : Grain, IConsultantIndexGrain, IScopedGrain
{
    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Apply(ConsultantView view)
    {
        if (state.State.Consultants.TryGetValue(view.StaffId, out var known) && known.Revision >= view.Revision)
        {
            return;
        }

        state.State.Consultants[view.StaffId] = view;
        await Commit.Commit();
    }

    public Task<IReadOnlyList<ConsultantView>> List() =>
        Task.FromResult<IReadOnlyList<ConsultantView>>(state.State.Consultants.Values
            .Where(c => c.Active)
            .OrderBy(c => c.DisplayName, StringComparer.Ordinal)
            .ToArray());

    public Task<IReadOnlyList<ConsultantView>> UpNext() =>
        Task.FromResult<IReadOnlyList<ConsultantView>>(state.State.Consultants.Values
            .Where(c => c.Active && c.Status == ConsultantStatus.Available)
            .OrderBy(c => c.StatusSince)
            .ThenBy(c => c.StaffId, StringComparer.Ordinal)
            .ToArray());
}
