using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Parts;

/// <summary>The store's suppliers by name: their records, and the suppliers its parts and orders name without one.</summary>
[StatelessWorker]
public sealed class SupplierListGrain(Database database, StoreGroups storeGroups) : Grain, ISupplierListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<SupplierRecord>>> List(PageRequest page)
    {
        if (Roles.Refused("read the suppliers", RoleSets.SupplierReaders) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Keys(page.After) is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT * FROM ({SupplierNames.Sql}) AS s WHERE s.name > $2 ORDER BY s.name",
            r => new SupplierRecord(r.GetString(0), Sql.Text(r, 2), Sql.Text(r, 3), Sql.Text(r, 4), Sql.Text(r, 5), r.IsDBNull(1) ? null : r.GetInt32(1),
                r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), Sql.Text(r, 8)),
            s => Cursor.From(s.Name), page, StoreId, Cursor.Keys(page.After)?[0] ?? "");
    }
}
