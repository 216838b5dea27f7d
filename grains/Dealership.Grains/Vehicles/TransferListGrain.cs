using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Vehicles;

/// <summary>A store's transfers out and in: SQL over the transfers' rows, filtered by group and store, newest requests first.</summary>
[StatelessWorker]
public sealed class TransferListGrain(Database database, StoreGroups storeGroups) : Grain, ITransferListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<TransferView>>> List(TransferDirection direction, TransferStatus? status, PageRequest page)
    {
        if (Roles.Refused("read transfers", RoleSets.TransferReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (requested, transferId))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {TransferRow.Columns} FROM transfers WHERE group_id = $1 " +
            "AND (($3 <> 2 AND from_store_id = $2) OR ($3 <> 1 AND to_store_id = $2)) AND ($4::text IS NULL OR status = $4) " +
            "AND (requested_at, transfer_id) < ($5::timestamptz, $6::text) ORDER BY requested_at DESC, transfer_id DESC",
            TransferRow.Read, t => Cursor.FromInstant(t.RequestedAt, t.TransferId),
            page, await storeGroups.GroupOf(StoreId) ?? "", StoreId, (int)direction, status?.ToString(), requested, transferId);
    }
}
