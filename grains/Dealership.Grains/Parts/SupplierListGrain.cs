using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Parts;

/// <summary>The store's suppliers: SQL over <c>suppliers</c>, by name.</summary>
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
            "SELECT name, contact, phone, tax_number, address, lead_time_days, payment_days, updated_at, updated_by FROM suppliers " +
            "WHERE store_id = $1 AND name > $2 ORDER BY name",
            r => new SupplierRecord(r.GetString(0), Sql.Text(r, 1), Sql.Text(r, 2), Sql.Text(r, 3), Sql.Text(r, 4), r.IsDBNull(5) ? null : r.GetInt32(5),
                r.IsDBNull(6) ? null : r.GetInt32(6), r.GetFieldValue<DateTimeOffset>(7), r.GetString(8)),
            s => Cursor.From(s.Name), page, StoreId, Cursor.Keys(page.After)?[0] ?? "");
    }
}
