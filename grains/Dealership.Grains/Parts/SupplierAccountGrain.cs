using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Parts;

public sealed class SupplierAccountState : RecordedState
{
    public string? Supplier { get; set; }
}

/// <summary>
/// A store's account with one supplier (应付账款): the entries are rows, the sums are SQL. The planner records the supplier's
/// invoice for each receipt (once; the receipt must be the supplier's); the cashier records payments; a credited claim is
/// written by its purchase order. Entries for one supplier are recorded one at a time, here.
/// </summary>
public sealed class SupplierAccountGrain(
    [PersistentState("supplier-account", GrainsSetup.StorageName)] IPersistentState<SupplierAccountState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, ISupplierAccountGrain, IScopedGrain
{
    private (string StoreId, string AccountKey) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<SupplierLedgerEntry>> RecordInvoice(string supplier, NewSupplierInvoice invoice, string? operationId)
    {
        var errors = invoice?.Validate() ?? new FieldErrors().Add("invoiceNumber", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command.Run<SupplierAccountState, SupplierLedgerEntry>(state, operations,
            new CommandSpec(Key.StoreId, nameof(RecordInvoice), operationId, [supplier, invoice], "record supplier invoices", RoleSets.PayablesKeepers),
            () => Mine(supplier),
            async () =>
            {
                var receipt = await database.First(
                    "SELECT o.supplier, sum(l.accepted * l.unit_cost) FROM parts_receipt_lines l JOIN purchase_orders o USING (store_id, purchase_order_id) " +
                    "WHERE l.store_id = $1 AND l.purchase_order_id = $2 AND l.receipt = $3 GROUP BY o.supplier",
                    r => (Supplier: r.GetString(0), Amount: r.GetDecimal(1)), Key.StoreId, invoice!.PurchaseOrderId, invoice.Receipt);
                if (receipt.Supplier != supplier)
                {
                    return Problem.Invalid("receipt", $"Receipt {invoice.Receipt} of {invoice.PurchaseOrderId} is not a receipt from {supplier}.");
                }

                var already = await database.First(
                    "SELECT reference FROM supplier_ledger WHERE store_id = $1 AND kind = 'Invoice' AND ((purchase_order_id = $2 AND receipt = $3) " +
                    "OR (supplier = $4 AND entry_id = $5)) LIMIT 1",
                    r => r.GetString(0), Key.StoreId, invoice.PurchaseOrderId, invoice.Receipt, supplier, InvoiceId(invoice.InvoiceNumber));
                if (already is not null)
                {
                    return Problem.Conflict("already-invoiced", $"Invoice {already} already stands for this receipt, or this invoice number was recorded.");
                }

                var entry = new SupplierLedgerEntry(InvoiceId(invoice.InvoiceNumber), clock.GetUtcNow(), Audit.Who, SupplierEntryKind.Invoice,
                    decimal.Round(invoice.Amount, 2), invoice.InvoiceNumber, invoice.PurchaseOrderId, invoice.Receipt, invoice.Note);
                Stage(supplier, entry);
                return entry;
            });
    }

    public async Task<Outcome<SupplierLedgerEntry>> RecordPayment(string supplier, NewSupplierPayment payment, string? operationId)
    {
        var errors = payment?.Validate() ?? new FieldErrors().Add("amount", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command.Run<SupplierAccountState, SupplierLedgerEntry>(state, operations,
            new CommandSpec(Key.StoreId, nameof(RecordPayment), operationId, [supplier, payment], "pay suppliers", RoleSets.SupplierPayers),
            () => Mine(supplier),
            async () =>
            {
                var id = $"payment:{payment!.Reference}";
                if (await database.First("SELECT 1 FROM supplier_ledger WHERE store_id = $1 AND supplier = $2 AND entry_id = $3", r => r.GetInt32(0),
                    Key.StoreId, supplier, id) == 1)
                {
                    return Problem.Conflict("payment-recorded", $"A payment with reference {payment.Reference} was already recorded for {supplier}.");
                }

                var entry = new SupplierLedgerEntry(id, clock.GetUtcNow(), Audit.Who, SupplierEntryKind.Payment, -decimal.Round(payment.Amount, 2),
                    payment.Reference, null, null, payment.Note);
                Stage(supplier, entry);
                return entry;
            });
    }

    public async Task<Outcome<SupplierAccountView>> Get(string supplier)
    {
        if ((Mine(supplier) ?? Roles.Refused("read supplier accounts", RoleSets.PayablesReaders)) is { } refused)
        {
            return refused;
        }

        var sums = await database.First(
            "SELECT COALESCE(sum(amount) FILTER (WHERE kind = 'Invoice'), 0), COALESCE(-sum(amount) FILTER (WHERE kind = 'Payment'), 0), " +
            "COALESCE(-sum(amount) FILTER (WHERE kind = 'Credit'), 0) FROM supplier_ledger WHERE store_id = $1 AND supplier = $2",
            r => (Invoiced: r.GetDecimal(0), Paid: r.GetDecimal(1), Credited: r.GetDecimal(2)), Key.StoreId, supplier);
        var received = await database.First(
            "SELECT COALESCE(sum(l.accepted * l.unit_cost), 0), COALESCE(sum(l.accepted * l.unit_cost) FILTER (WHERE i.entry_id IS NULL), 0) " +
            "FROM parts_receipt_lines l JOIN purchase_orders o USING (store_id, purchase_order_id) " +
            "LEFT JOIN supplier_ledger i ON i.store_id = l.store_id AND i.kind = 'Invoice' AND i.purchase_order_id = l.purchase_order_id AND i.receipt = l.receipt " +
            "WHERE l.store_id = $1 AND o.supplier = $2",
            r => (All: r.GetDecimal(0), NotInvoiced: r.GetDecimal(1)), Key.StoreId, supplier);
        return new SupplierAccountView(supplier, Money.Exact(sums.Invoiced - sums.Paid - sums.Credited), Money.Exact(sums.Invoiced), Money.Exact(sums.Paid),
            Money.Exact(sums.Credited), Money.Exact(decimal.Round(received.All, 2)), Money.Exact(decimal.Round(received.NotInvoiced, 2)));
    }

    public async Task<Outcome<Page<SupplierLedgerEntry>>> Entries(string supplier, PageRequest page)
    {
        if ((Mine(supplier) ?? Roles.Refused("read supplier accounts", RoleSets.PayablesReaders)) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (at, id))
        {
            return Problem.Invalid("after", "is not a cursor of this account.");
        }

        return await database.Page(
            $"SELECT {SupplierLedgerRow.Columns} FROM supplier_ledger WHERE store_id = $1 AND supplier = $2 AND (at, entry_id) < ($3::timestamptz, $4::text) " +
            "ORDER BY at DESC, entry_id DESC",
            SupplierLedgerRow.Read, e => Cursor.FromInstant(e.At, e.EntryId),
            page, Key.StoreId, supplier, at, id);
    }

    public async Task<Outcome<SupplierLedgerEntry>> Entry(string supplier, string entryId)
    {
        if ((Mine(supplier) ?? Roles.Refused("read supplier accounts", RoleSets.PayablesReaders)) is { } refused)
        {
            return refused;
        }

        var entry = await database.First($"SELECT {SupplierLedgerRow.Columns} FROM supplier_ledger WHERE store_id = $1 AND supplier = $2 AND entry_id = $3",
            SupplierLedgerRow.Read, Key.StoreId, supplier, entryId);
        return entry is null ? Problem.NotFound($"Entry {entryId} of {supplier}'s account") : entry;
    }

    public async Task<Outcome<SupplierStatement>> Statement(string supplier, DateOnly month)
    {
        if ((Mine(supplier) ?? Roles.Refused("read supplier accounts", RoleSets.PayablesReaders)) is { } refused)
        {
            return refused;
        }

        // The month by the store's calendar, as instants.
        var zone = StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId));
        var first = new DateOnly(month.Year, month.Month, 1);
        var from = StoreFacts.StartOf(first, zone);
        var until = StoreFacts.StartOf(first.AddMonths(1), zone);
        var opening = await database.First(
            "SELECT COALESCE(sum(amount), 0) FROM supplier_ledger WHERE store_id = $1 AND supplier = $2 AND at < $3",
            r => r.GetDecimal(0), Key.StoreId, supplier, from);
        var entries = await database.List(
            $"SELECT {SupplierLedgerRow.Columns} FROM supplier_ledger WHERE store_id = $1 AND supplier = $2 AND at >= $3 AND at < $4 ORDER BY at, entry_id",
            SupplierLedgerRow.Read, Key.StoreId, supplier, from, until);
        var receipts = await database.List(
            "SELECT l.purchase_order_id, l.receipt, min(l.delivery_note), min(l.received_at), sum(l.accepted * l.unit_cost), min(i.reference), min(i.amount), " +
            "COALESCE(min(c.credited), 0) FROM parts_receipt_lines l JOIN purchase_orders o USING (store_id, purchase_order_id) " +
            "LEFT JOIN supplier_ledger i ON i.store_id = l.store_id AND i.kind = 'Invoice' AND i.purchase_order_id = l.purchase_order_id AND i.receipt = l.receipt " +
            "LEFT JOIN (SELECT purchase_order_id, receipt, -sum(amount) AS credited FROM supplier_ledger WHERE store_id = $1 AND kind = 'Credit' " +
            "GROUP BY purchase_order_id, receipt) c ON c.purchase_order_id = l.purchase_order_id AND c.receipt = l.receipt " +
            "WHERE l.store_id = $1 AND o.supplier = $2 AND l.received_at >= $3 AND l.received_at < $4 " +
            "GROUP BY l.purchase_order_id, l.receipt ORDER BY min(l.received_at), l.purchase_order_id, l.receipt",
            r =>
            {
                var received = decimal.Round(r.GetDecimal(4), 2);
                decimal? invoiced = r.IsDBNull(6) ? null : r.GetDecimal(6);
                var credited = r.GetDecimal(7);
                return new StatementReceipt(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), Money.Exact(received),
                    r.IsDBNull(5) ? null : r.GetString(5), invoiced is { } i ? Money.Exact(i) : null,
                    invoiced is { } inv ? Money.Exact(inv - credited - received) : null, Money.Exact(credited));
            },
            Key.StoreId, supplier, from, until);
        var invoicedInMonth = entries.Where(e => e.Kind == SupplierEntryKind.Invoice).Sum(e => e.Amount);
        var paid = -entries.Where(e => e.Kind == SupplierEntryKind.Payment).Sum(e => e.Amount);
        var credited = -entries.Where(e => e.Kind == SupplierEntryKind.Credit).Sum(e => e.Amount);
        return new SupplierStatement(supplier, first.ToString("yyyy-MM", CultureInfo.InvariantCulture), Money.Exact(opening), Money.Exact(invoicedInMonth),
            Money.Exact(paid), Money.Exact(credited), Money.Exact(opening + entries.Sum(e => e.Amount)), entries, receipts,
            Money.Exact(receipts.Sum(r => r.Difference ?? 0m)), Money.Exact(receipts.Where(r => r.Invoiced is null).Sum(r => r.Received)));
    }

    /// <summary>The account's key is made from the supplier's name: a name that does not make it is not this account's.</summary>
    private Problem? Mine(string supplier) =>
        string.IsNullOrWhiteSpace(supplier) || SupplierAccounts.KeyOf(supplier) != Key.AccountKey ? Problem.NotFound($"Supplier {supplier}'s account") : null;

    private void Stage(string supplier, SupplierLedgerEntry entry)
    {
        state.State.Supplier = supplier;
        state.State.Pending.Add(new SupplierLedgerRow(Key.StoreId, supplier, entry));
    }

    private static string InvoiceId(string invoiceNumber) => $"invoice:{invoiceNumber}";
}
