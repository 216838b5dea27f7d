using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Parts;

/// <summary>A store's purchase orders and supplier claims: SQL over the rows each order writes with its own state, newest first.</summary>
[StatelessWorker]
public sealed class PurchaseOrderListGrain(Database database, StoreGroups storeGroups) : Grain, IPurchaseOrderListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<PurchaseOrderSummary>>> List(PurchaseOrderStatus? status, string? supplier, PageRequest page)
    {
        if (Roles.Refused("read purchase orders", RoleSets.PurchaseReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (at, id))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {PurchaseOrderRow.Columns} FROM purchase_orders WHERE store_id = $1 AND ($2::text IS NULL OR status = $2) " +
            "AND ($3::text IS NULL OR supplier = $3) AND (created_at, purchase_order_id) < ($4::timestamptz, $5::text) " +
            "ORDER BY created_at DESC, purchase_order_id DESC",
            PurchaseOrderRow.Read, o => Cursor.FromInstant(o.CreatedAt, o.PurchaseOrderId), page, StoreId, status?.ToString(), supplier, at, id);
    }

    public async Task<Outcome<Page<SupplierClaim>>> Claims(ClaimStatus? status, PageRequest page)
    {
        if (Roles.Refused("read supplier claims", RoleSets.PurchaseReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (at, id))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {SupplierClaimRow.Columns} FROM supplier_claims WHERE store_id = $1 AND ($2::text IS NULL OR status = $2) " +
            "AND (opened_at, claim_id) < ($3::timestamptz, $4::text) ORDER BY opened_at DESC, claim_id DESC",
            SupplierClaimRow.Read, c => Cursor.FromInstant(c.OpenedAt, c.ClaimId), page, StoreId, status?.ToString(), at, id);
    }
}
