using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Ownership;

/// <summary>The store's import runs, newest first, from <c>imports</c>.</summary>
[StatelessWorker]
public sealed class ImportBookGrain(Database database, StoreGroups storeGroups) : Grain, IImportBookGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<ImportReport>>> List(PageRequest page)
    {
        if (Roles.Refused("read imports", RoleSets.ImportReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (at, id))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {ImportRunRow.Columns} FROM imports WHERE store_id = $1 AND (started_at, import_id) < ($2::timestamptz, $3::text) " +
            "ORDER BY started_at DESC, import_id DESC",
            r => ImportRunRow.Read(r, []), i => Cursor.FromInstant(i.StartedAt, i.ImportId), page, StoreId, at, id);
    }
}
