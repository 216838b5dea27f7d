using Dealership.Contracts.Common;

namespace Dealership.Contracts.Parts;

/// <summary>What an entry of a supplier's account is: what the store owes rises with an invoice and falls with a payment or a credit.</summary>
public enum SupplierEntryKind
{
    /// <summary>The supplier's invoice for one receipt (what the store owes for it, VAT included).</summary>
    Invoice = 1,

    /// <summary>A payment to the supplier.</summary>
    Payment = 2,

    /// <summary>A claim the supplier credited.</summary>
    Credit = 3,
}

/// <summary>
/// One entry of a supplier's account (应付账款), kept for good. <see cref="Amount"/> is signed: + what the store owes more (an
/// invoice), − what it owes less (a payment, a credit).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierLedgerEntry")]
public sealed record SupplierLedgerEntry(
    [property: Id(0)] string EntryId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] SupplierEntryKind Kind,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] string Reference,
    [property: Id(6)] string? PurchaseOrderId,
    [property: Id(7)] int? Receipt,
    [property: Id(8)] string? Note);

/// <summary>The supplier's invoice for one receipt: its number and amount (VAT included), as printed.</summary>
[GenerateSerializer, Immutable, Alias("NewSupplierInvoice")]
public sealed record NewSupplierInvoice(
    [property: Id(0)] string InvoiceNumber,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string PurchaseOrderId,
    [property: Id(3)] int Receipt,
    [property: Id(4)] string? Note = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("invoiceNumber", InvoiceNumber, 40).Range("amount", Amount, 0.01m, 100_000_000m)
            .Required("purchaseOrderId", PurchaseOrderId, 18).Range("receipt", Receipt, 1, 10_000).MaxLength("note", Note, 200);
        if (PurchaseOrderId is not null && !Ids.IsRecordId(PurchaseOrderId, "po"))
        {
            errors.Add("purchaseOrderId", "is not a purchase order id.");
        }

        return errors;
    }
}

/// <summary>A payment to the supplier: the amount and the bank's reference.</summary>
[GenerateSerializer, Immutable, Alias("NewSupplierPayment")]
public sealed record NewSupplierPayment(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] string Reference,
    [property: Id(2)] string? Note = null)
{
    public FieldErrors Validate() =>
        new FieldErrors().Range("amount", Amount, 0.01m, 100_000_000m).Required("reference", Reference, 60).MaxLength("note", Note, 200);
}

/// <summary>A supplier's account at a glance: what the store owes and how it came to be.</summary>
[GenerateSerializer, Immutable, Alias("SupplierAccountView")]
public sealed record SupplierAccountView(
    [property: Id(0)] string Supplier,
    [property: Id(1)] decimal Balance,
    [property: Id(2)] decimal Invoiced,
    [property: Id(3)] decimal Paid,
    [property: Id(4)] decimal Credited,
    [property: Id(5)] decimal Received,
    [property: Id(6)] decimal ReceivedNotInvoiced);

/// <summary>
/// One receipt of the month on the statement beside the supplier's invoice for it. <see cref="Difference"/> = invoiced − credited
/// (the credit notes for the receipt's claims) − received (accepted units at the order's cost): 0 when the invoice, less its
/// credits, is what was taken in; null while the receipt is not invoiced.
/// </summary>
[GenerateSerializer, Immutable, Alias("StatementReceipt")]
public sealed record StatementReceipt(
    [property: Id(0)] string PurchaseOrderId,
    [property: Id(1)] int Receipt,
    [property: Id(2)] string DeliveryNote,
    [property: Id(3)] DateTimeOffset ReceivedAt,
    [property: Id(4)] decimal Received,
    [property: Id(5)] string? InvoiceNumber,
    [property: Id(6)] decimal? Invoiced,
    [property: Id(7)] decimal? Difference,
    [property: Id(8)] decimal Credited);

/// <summary>
/// The monthly reconciliation statement (对账单) of one supplier, by the store's calendar: the balance brought forward, every
/// entry of the month, the balance carried, and each receipt of the month against its invoice. <see cref="Difference"/> is the
/// sum of the invoiced receipts' differences; <see cref="NotInvoiced"/> what the month's receipts without an invoice are worth.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierStatement")]
public sealed record SupplierStatement(
    [property: Id(0)] string Supplier,
    [property: Id(1)] string Month,
    [property: Id(2)] decimal OpeningBalance,
    [property: Id(3)] decimal Invoiced,
    [property: Id(4)] decimal Paid,
    [property: Id(5)] decimal Credited,
    [property: Id(6)] decimal ClosingBalance,
    [property: Id(7)] IReadOnlyList<SupplierLedgerEntry> Entries,
    [property: Id(8)] IReadOnlyList<StatementReceipt> Receipts,
    [property: Id(9)] decimal Difference,
    [property: Id(10)] decimal NotInvoiced);

/// <summary>A store's account with one supplier. Key: <see cref="GrainKeys.InStore"/>(store, <see cref="SupplierAccounts.KeyOf"/>(supplier)).</summary>
[Alias("ISupplierAccountGrain")]
public interface ISupplierAccountGrain : IGrainWithStringKey
{
    [Alias("RecordInvoice")]
    Task<Outcome<SupplierLedgerEntry>> RecordInvoice(string supplier, NewSupplierInvoice invoice, string? operationId);

    [Alias("RecordPayment")]
    Task<Outcome<SupplierLedgerEntry>> RecordPayment(string supplier, NewSupplierPayment payment, string? operationId);

    [Alias("Get")]
    Task<Outcome<SupplierAccountView>> Get(string supplier);

    [Alias("Entries")]
    Task<Outcome<Page<SupplierLedgerEntry>>> Entries(string supplier, PageRequest page);

    [Alias("Entry")]
    Task<Outcome<SupplierLedgerEntry>> Entry(string supplier, string entryId);

    /// <summary>The statement of <paramref name="month"/> (yyyy-MM) by the store's calendar.</summary>
    [Alias("Statement")]
    Task<Outcome<SupplierStatement>> Statement(string supplier, DateOnly month);
}

public static class SupplierAccounts
{
    /// <summary>A supplier's name, as it is written on the parts and orders, made into the key of its account.</summary>
    public static string KeyOf(string supplier) =>
        "sa" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(supplier)))[..16];
}
