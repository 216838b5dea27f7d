using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Staff;

public sealed class StaffIndexState
{
    public Dictionary<string, StaffView> Staff { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A group's staff list, fed by the staff grains; applies a view only if its revision is newer.</summary>
[Reentrant]
public sealed class StaffIndexGrain(
    [PersistentState("staff-index", GrainsSetup.StorageName)] IPersistentState<StaffIndexState> state) : Grain, IStaffIndexGrain, IScopedGrain
{
    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task Upsert(StaffView staff)
    {
        if (state.State.Staff.TryGetValue(staff.StaffId, out var known) && known.Revision > staff.Revision)
        {
            return;
        }

        state.State.Staff[staff.StaffId] = staff;
        await Commit.Commit();
    }

    public Task<IReadOnlyList<StaffView>> List(string? storeId) =>
        Task.FromResult<IReadOnlyList<StaffView>>(state.State.Staff.Values
            .Where(s => storeId is null || s.WholeGroup || s.StoreIds.Contains(storeId))
            .OrderBy(s => s.StaffId, StringComparer.Ordinal)
            .ToArray());
}
