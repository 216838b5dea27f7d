using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Staff;

/// <summary>A group's staff list: SQL over the members' rows, by username; a caller who works in some stores sees theirs.</summary>
[StatelessWorker]
public sealed class StaffListGrain(Database database, BusinessClock clock) : Grain, IStaffListGrain, IScopedGrain
{
    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task<Outcome<Page<StaffView>>> List(string? storeId, PageRequest page)
    {
        if (Roles.Refused("read the staff list", RoleSets.StaffReaders) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Keys(page.After) is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        // Someone who works in some stores sees the staff of those stores; the whole group's staff are for group-wide roles.
        string[]? visibleStores = Caller.Current is { IsPlatform: false, WholeGroup: false } caller ? [.. caller.StoreIds] : null;
        var now = clock.GetUtcNow();
        return await database.Page(
            $"SELECT {StaffRow.Columns} FROM staff_members WHERE group_id = $1 AND ($2::text IS NULL OR whole_group OR $2 = ANY(store_ids)) " +
            "AND ($3::text[] IS NULL OR (NOT whole_group AND store_ids && $3)) AND staff_id > $4 ORDER BY staff_id",
            r => StaffRow.Read(r, now), s => Cursor.From(s.StaffId), page, GroupId, storeId, visibleStores, Cursor.Keys(page.After)?[0] ?? "");
    }
}
