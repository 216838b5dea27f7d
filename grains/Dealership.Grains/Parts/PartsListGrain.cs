using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Parts;

/// <summary>A store's parts list: SQL over the parts' rows, filtered by group and store, by part number.</summary>
[StatelessWorker]
public sealed partial class PartsListGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IPartsListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<PartsItemView>>> List(string? search, PageRequest page)
    {
        if (Roles.Refused("read the parts list", RoleSets.PartsReaders) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Keys(page.After) is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        var pattern = string.IsNullOrWhiteSpace(search) ? null : "%" + search.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
        return await database.Page(
            $"SELECT {PartsItemRow.Columns} FROM parts_items WHERE group_id = $1 AND store_id = $2 " +
            "AND ($3::text IS NULL OR part_number ILIKE $3 OR description ILIKE $3) AND part_number > $4 ORDER BY part_number",
            PartsItemRow.Read, p => Cursor.From(p.PartNumber), page, await storeGroups.GroupOf(StoreId) ?? "", StoreId, pattern,
            Cursor.Keys(page.After)?[0] ?? "");
    }
}
