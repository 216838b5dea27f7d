using Dealership.Contracts.Common;

namespace Dealership.Contracts.Parts;

/// <summary>Where a purchase order stands (采购订单): drafted, approved, sent to the supplier, received in part or whole, then closed.</summary>
public enum PurchaseOrderStatus
{
    Draft = 1,
    Approved = 2,
    Sent = 3,
    PartlyReceived = 4,
    Received = 5,

    /// <summary>Closed by the planner: what was not delivered is no longer expected (no longer on order).</summary>
    Closed = 6,

    /// <summary>Cancelled before anything was received.</summary>
    Cancelled = 7,
}

/// <summary>One part ordered: the quantity, the unit cost agreed (from the part's books unless the planner gives the supplier's), and what arrived so far.</summary>
[GenerateSerializer, Immutable, Alias("PurchaseOrderLine")]
public sealed record PurchaseOrderLine(
    [property: Id(0)] int Line,
    [property: Id(1)] string PartNumber,
    [property: Id(2)] string Description,
    [property: Id(3)] int Quantity,
    [property: Id(4)] decimal UnitCost,
    [property: Id(5)] int Accepted,
    [property: Id(6)] int Damaged,
    [property: Id(7)] int Short,
    [property: Id(8)] int Credited,
    [property: Id(9)] int WrittenOff = 0)
{
    /// <summary>
    /// Still expected from the supplier: ordered less accepted, less what the supplier credited instead of sending, less damaged
    /// units the store kept when the supplier refused the claim (units damaged or short stay expected while their claim is open
    /// or replaced).
    /// </summary>
    public int Outstanding => Math.Max(0, Quantity - Accepted - Credited - WrittenOff);

    public decimal Amount => Quantity * UnitCost;
}

/// <summary>A line the planner orders: a part of the store's catalogue, the quantity and (optionally) the supplier's unit cost.</summary>
[GenerateSerializer, Immutable, Alias("OrderLineDraft")]
public sealed record OrderLineDraft(
    [property: Id(0)] string PartNumber,
    [property: Id(1)] int Quantity,
    [property: Id(2)] decimal? UnitCost = null);

[GenerateSerializer, Immutable, Alias("NewPurchaseOrder")]
public sealed record NewPurchaseOrder(
    [property: Id(0)] string Supplier,
    [property: Id(1)] IReadOnlyList<OrderLineDraft> Lines,
    [property: Id(2)] string? Note = null)
{
    public const int MaxLines = 500;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("supplier", Supplier, 80).MaxLength("note", Note, 200);
        CheckLines(errors, Lines);
        return errors;
    }

    /// <summary>The lines of an order: at least one, each a part number and a quantity, no part twice, a unit cost if given.</summary>
    public static FieldErrors CheckLines(FieldErrors errors, IReadOnlyList<OrderLineDraft>? lines)
    {
        if (lines is not { Count: > 0 })
        {
            return errors.Add("lines", "must order at least one part.");
        }

        if (lines.Count > MaxLines)
        {
            return errors.Add("lines", $"must order at most {MaxLines} parts.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "is required.");
                continue;
            }

            if (PartNumbers.Problem(line.PartNumber) is { } problem)
            {
                errors.Add($"lines[{i}].partNumber", problem);
            }

            errors.Range($"lines[{i}].quantity", line.Quantity, 1, 100_000);
            if (line.UnitCost is { } cost)
            {
                errors.Range($"lines[{i}].unitCost", cost, 0.01m, 1_000_000m);
            }
        }

        if (lines.Where(l => l is not null).GroupBy(l => l.PartNumber).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add("lines", $"part {twice.Key} is ordered twice: one line per part.");
        }

        return errors;
    }
}

/// <summary>What arrived of one line, as counted at the dock: accepted into stock, damaged (refused), and short of the delivery note.</summary>
[GenerateSerializer, Immutable, Alias("ReceiptLineDraft")]
public sealed record ReceiptLineDraft(
    [property: Id(0)] int Line,
    [property: Id(1)] int Delivered,
    [property: Id(2)] int Accepted,
    [property: Id(3)] int Damaged);

/// <summary>A delivery received against the order: the supplier's delivery note (送货单) and the count of each line on it.</summary>
[GenerateSerializer, Immutable, Alias("NewPartsReceipt")]
public sealed record NewPartsReceipt(
    [property: Id(0)] string DeliveryNote,
    [property: Id(1)] IReadOnlyList<ReceiptLineDraft> Lines)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("deliveryNote", DeliveryNote, 40);
        if (Lines is not { Count: > 0 })
        {
            return errors.Add("lines", "must list at least one line of the order.");
        }

        if (Lines.Count > NewPurchaseOrder.MaxLines)
        {
            return errors.Add("lines", $"must list at most {NewPurchaseOrder.MaxLines} lines.");
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line is null)
            {
                errors.Add($"lines[{i}]", "is required.");
                continue;
            }

            errors.Range($"lines[{i}].delivered", line.Delivered, 0, 100_000).Range($"lines[{i}].accepted", line.Accepted, 0, 100_000)
                .Range($"lines[{i}].damaged", line.Damaged, 0, 100_000);
            if (line.Accepted + line.Damaged > line.Delivered)
            {
                errors.Add($"lines[{i}].accepted", "with the damaged units cannot exceed what the delivery note says was delivered.");
            }
        }

        if (Lines.Where(l => l is not null).GroupBy(l => l.Line).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add("lines", $"line {twice.Key} is listed twice.");
        }

        return errors;
    }
}

/// <summary>One line of a receipt: counted, accepted into stock at the order's unit cost, and the discrepancies claimed.</summary>
[GenerateSerializer, Immutable, Alias("PartsReceiptLine")]
public sealed record PartsReceiptLine(
    [property: Id(0)] int Line,
    [property: Id(1)] string PartNumber,
    [property: Id(2)] string Description,
    [property: Id(3)] int Delivered,
    [property: Id(4)] int Accepted,
    [property: Id(5)] int Damaged,
    [property: Id(6)] int Short,
    [property: Id(7)] decimal UnitCost)
{
    public decimal Amount => Accepted * UnitCost;
}

/// <summary>A receipt as its order lists it; the slip with its lines is read by its number.</summary>
[GenerateSerializer, Immutable, Alias("PartsReceiptHeader")]
public sealed record PartsReceiptHeader(
    [property: Id(0)] int Number,
    [property: Id(1)] string DeliveryNote,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] string ReceivedBy,
    [property: Id(4)] decimal Amount);

/// <summary>The receipt slip (入库单) of one delivery: what was taken into stock and its value, what was claimed.</summary>
[GenerateSerializer, Immutable, Alias("PartsReceipt")]
public sealed record PartsReceipt(
    [property: Id(0)] int Number,
    [property: Id(1)] string PurchaseOrderId,
    [property: Id(2)] string Supplier,
    [property: Id(3)] string DeliveryNote,
    [property: Id(4)] DateTimeOffset ReceivedAt,
    [property: Id(5)] string ReceivedBy,
    [property: Id(6)] IReadOnlyList<PartsReceiptLine> Lines,
    [property: Id(7)] decimal Amount,
    [property: Id(8)] IReadOnlyList<string> Claims);

public enum ClaimKind
{
    /// <summary>Units that arrived damaged and were refused.</summary>
    Damaged = 1,

    /// <summary>Units on the delivery note that did not arrive.</summary>
    Short = 2,
}

public enum ClaimStatus
{
    Open = 1,

    /// <summary>The supplier credited the units' value (a credit note on the store's account).</summary>
    Credited = 2,

    /// <summary>The supplier sends the units again: they stay on order.</summary>
    Replaced = 3,

    /// <summary>
    /// Closed without credit: a shortage whose units were found after all (they go into stock), or a damage claim the supplier
    /// refused (the store keeps and pays for the units; no longer expected).
    /// </summary>
    Withdrawn = 4,
}

/// <summary>A claim on the supplier for a discrepancy found at receipt (索赔), tracked until the supplier settles it.</summary>
[GenerateSerializer, Immutable, Alias("SupplierClaim")]
public sealed record SupplierClaim(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] string PurchaseOrderId,
    [property: Id(2)] int Receipt,
    [property: Id(3)] string Supplier,
    [property: Id(4)] string PartNumber,
    [property: Id(5)] ClaimKind Kind,
    [property: Id(6)] int Quantity,
    [property: Id(7)] decimal UnitCost,
    [property: Id(8)] decimal Amount,
    [property: Id(9)] ClaimStatus Status,
    [property: Id(10)] DateTimeOffset OpenedAt,
    [property: Id(11)] string OpenedBy,
    [property: Id(12)] DateTimeOffset? ResolvedAt,
    [property: Id(13)] string? ResolvedBy,
    [property: Id(14)] string? Resolution);

/// <summary>
/// A purchase order with its lines, receipts and claims. <see cref="RequiredBy"/> names group HQ when the group required it of the
/// store (the planner completes it; only HQ calls it off).
/// </summary>
[GenerateSerializer, Immutable, Alias("PurchaseOrderView")]
public sealed record PurchaseOrderView(
    [property: Id(0)] string PurchaseOrderId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string Supplier,
    [property: Id(3)] PurchaseOrderStatus Status,
    [property: Id(4)] IReadOnlyList<PurchaseOrderLine> Lines,
    [property: Id(5)] decimal Amount,
    [property: Id(6)] string? Note,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy,
    [property: Id(9)] DateTimeOffset? ApprovedAt,
    [property: Id(10)] string? ApprovedBy,
    [property: Id(11)] DateTimeOffset? SentAt,
    [property: Id(12)] string? SentBy,
    [property: Id(13)] string? SupplierReference,
    [property: Id(14)] DateTimeOffset? ClosedAt,
    [property: Id(15)] string? ClosedBy,
    [property: Id(16)] string? ClosingReason,
    [property: Id(17)] IReadOnlyList<PartsReceiptHeader> Receipts,
    [property: Id(18)] IReadOnlyList<SupplierClaim> Claims,
    [property: Id(19)] int Revision,
    [property: Id(20)] string? RequiredBy = null);

/// <summary>A purchase order as the store's list shows it.</summary>
[GenerateSerializer, Immutable, Alias("PurchaseOrderSummary")]
public sealed record PurchaseOrderSummary(
    [property: Id(0)] string PurchaseOrderId,
    [property: Id(1)] string Supplier,
    [property: Id(2)] PurchaseOrderStatus Status,
    [property: Id(3)] int Lines,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string CreatedBy);

/// <summary>The planner's decision on a claim.</summary>
[GenerateSerializer, Immutable, Alias("ClaimResolution")]
public sealed record ClaimResolution(
    [property: Id(0)] ClaimStatus Outcome,
    [property: Id(1)] string? Note);
