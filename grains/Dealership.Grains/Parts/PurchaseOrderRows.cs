using Dealership.Contracts.Parts;
using Dealership.Grains.Storage;
using Npgsql;
using static Dealership.Grains.Parts.Money;

namespace Dealership.Grains.Parts;

/// <summary>Money as the order wrote it: the column's scale (58.0000) would otherwise show as digits the amount never had.</summary>
internal static class Money
{
    // Division by a one of the highest scale gives the smallest scale that keeps the value.
    public static decimal Exact(decimal value) => value / 1.000000000000000000000000000000000m;
}

/// <summary>An order's row on the store's list, rewritten with every change of the order.</summary>
internal sealed record PurchaseOrderRow(string GroupId, PurchaseOrderView Order) : Row
{
    public const string Columns = "purchase_order_id, supplier, status, lines, amount, created_at, created_by";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO purchase_orders (store_id, purchase_order_id, group_id, supplier, status, lines, amount, created_at, created_by, revision) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (store_id, purchase_order_id) DO UPDATE SET status = EXCLUDED.status, " +
        "lines = EXCLUDED.lines, amount = EXCLUDED.amount, revision = EXCLUDED.revision WHERE purchase_orders.revision < EXCLUDED.revision",
        Order.StoreId, Order.PurchaseOrderId, GroupId, Order.Supplier, Order.Status, Order.Lines.Count, Order.Amount, Order.CreatedAt, Order.CreatedBy,
        Order.Revision);

    public static PurchaseOrderSummary Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), Enum.Parse<PurchaseOrderStatus>(r.GetString(2)), r.GetInt32(3), Exact(r.GetDecimal(4)),
        r.GetFieldValue<DateTimeOffset>(5), r.GetString(6));
}

/// <summary>
/// The order's lines with what is still expected of each, rewritten with the order: the parts review's "on order" is their
/// sum per part. A line a revised draft no longer has is removed by <see cref="PurchaseOrderLinesCleared"/> first.
/// </summary>
internal sealed record PurchaseOrderLineRow(string StoreId, string PurchaseOrderId, PurchaseOrderLine Line, bool Open) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO purchase_order_lines (store_id, purchase_order_id, line, part_number, quantity, accepted, outstanding) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (store_id, purchase_order_id, line) DO UPDATE SET part_number = EXCLUDED.part_number, " +
        "quantity = EXCLUDED.quantity, accepted = EXCLUDED.accepted, outstanding = EXCLUDED.outstanding",
        StoreId, PurchaseOrderId, Line.Line, Line.PartNumber, Line.Quantity, Line.Accepted, Open ? Line.Outstanding : 0);
}

/// <summary>A draft's lines before they are written again (a revision may have fewer).</summary>
internal sealed record PurchaseOrderLinesCleared(string StoreId, string PurchaseOrderId) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "DELETE FROM purchase_order_lines WHERE store_id = $1 AND purchase_order_id = $2", StoreId, PurchaseOrderId);
}

/// <summary>One counted line of a receipt, kept for good.</summary>
internal sealed record PartsReceiptLineRow(string StoreId, PartsReceipt Receipt, PartsReceiptLine Line) : Row
{
    public const string Columns =
        "receipt, purchase_order_id, delivery_note, received_at, received_by, line, part_number, description, delivered, accepted, damaged, short, unit_cost";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO parts_receipt_lines (store_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING",
        StoreId, Receipt.Number, Receipt.PurchaseOrderId, Receipt.DeliveryNote, Receipt.ReceivedAt, Receipt.ReceivedBy, Line.Line, Line.PartNumber,
        Line.Description, Line.Delivered, Line.Accepted, Line.Damaged, Line.Short, Line.UnitCost);

    public static (int Receipt, string PurchaseOrderId, string DeliveryNote, DateTimeOffset At, string By, PartsReceiptLine Line) Read(NpgsqlDataReader r) => (
        r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
        new PartsReceiptLine(r.GetInt32(5), r.GetString(6), r.GetString(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), Exact(r.GetDecimal(12))));
}

/// <summary>A claim on the supplier as the store's claim list shows it, rewritten as it is settled.</summary>
internal sealed record SupplierClaimRow(string StoreId, SupplierClaim Claim) : Row
{
    public const string Columns =
        "claim_id, purchase_order_id, receipt, supplier, part_number, kind, quantity, unit_cost, amount, status, opened_at, opened_by, resolved_at, " +
        "resolved_by, resolution";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO supplier_claims (store_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) " +
        "ON CONFLICT (store_id, claim_id) DO UPDATE SET status = EXCLUDED.status, resolved_at = EXCLUDED.resolved_at, " +
        "resolved_by = EXCLUDED.resolved_by, resolution = EXCLUDED.resolution",
        StoreId, Claim.ClaimId, Claim.PurchaseOrderId, Claim.Receipt, Claim.Supplier, Claim.PartNumber, Claim.Kind, Claim.Quantity, Claim.UnitCost,
        Claim.Amount, Claim.Status, Claim.OpenedAt, Claim.OpenedBy, Claim.ResolvedAt, Claim.ResolvedBy, Claim.Resolution);

    public static SupplierClaim Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), Enum.Parse<ClaimKind>(r.GetString(5)), r.GetInt32(6),
        Exact(r.GetDecimal(7)), Exact(r.GetDecimal(8)), Enum.Parse<ClaimStatus>(r.GetString(9)), r.GetFieldValue<DateTimeOffset>(10), r.GetString(11),
        r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetString(14));
}

/// <summary>An entry of a supplier's account, kept for good; written once by its natural id.</summary>
internal sealed record SupplierLedgerRow(string StoreId, string Supplier, SupplierLedgerEntry Entry) : Row
{
    public const string Columns = "entry_id, at, by, kind, amount, reference, purchase_order_id, receipt, note";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO supplier_ledger (store_id, supplier, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
        StoreId, Supplier, Entry.EntryId, Entry.At, Entry.By, Entry.Kind, Entry.Amount, Entry.Reference, Entry.PurchaseOrderId, Entry.Receipt, Entry.Note);

    public static SupplierLedgerEntry Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), Enum.Parse<SupplierEntryKind>(r.GetString(3)), Exact(r.GetDecimal(4)),
        r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8));
}
