using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>Supplier payables (应付账款): each supplier's account, its invoices and payments, and the monthly statement for finance.</summary>
public static class SuppliersApi
{
    public static IEndpointRouteBuilder MapSuppliersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stores/{storeId}/suppliers", List).WithTags(PurchaseOrdersApi.Tag).ForStore(RoleSets.SupplierReaders).WithName("ListSuppliers")
            .Answers<Page<SupplierRecord>>()
            .WithSummary("The store's suppliers by name: contact, phone, tax number, address, usual lead time and payment terms. Imported " +
                "(POST /imports?kind=Suppliers), and brought over from the suppliers the store's parts and orders named.");
        var api = app.MapGroup("/stores/{storeId}/suppliers/{supplier}").WithTags(PurchaseOrdersApi.Tag);
        api.MapGet("/account", Account).ForStore(RoleSets.PayablesReaders).WithName("GetSupplierAccount").Answers<SupplierAccountView>()
            .WithSummary("What the store owes the supplier (invoiced − paid − credited), and what it received and has no invoice for yet.");
        api.MapGet("/ledger", Ledger).ForStore(RoleSets.PayablesReaders).WithName("ListSupplierLedger").Answers<Page<SupplierLedgerEntry>>()
            .WithSummary("The supplier's account entries (invoices, payments, credited claims), newest first, a page at a time.");
        api.MapGet("/ledger/{entryId}", Entry).ForStore(RoleSets.PayablesReaders).WithName("GetSupplierLedgerEntry").Answers<SupplierLedgerEntry>()
            .WithSummary("One entry of the supplier's account.");
        api.MapPost("/invoices", Invoice).ForStore(RoleSets.PayablesKeepers).WithName("RecordSupplierInvoice").Creates<SupplierLedgerEntry>()
            .Conflicts("already-invoiced", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The supplier's invoice for one receipt (its number and amount as printed); a receipt is invoiced once. A difference from " +
                "the receipt's value shows on the statement.");
        api.MapPost("/payments", Payment).ForStore(RoleSets.SupplierPayers).WithName("RecordSupplierPayment").Creates<SupplierLedgerEntry>()
            .Conflicts("payment-recorded", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("A payment to the supplier, with the bank's reference (recorded once).");
        api.MapGet("/statement", (string storeId, string supplier, string? month, IClusterClient cluster, HttpContext http) =>
                Statement(storeId, supplier, month, null, cluster, http))
            .ForStore(RoleSets.PayablesReaders).WithName("GetSupplierStatement").Answers<SupplierStatement>()
            .WithSummary("The month's reconciliation statement (month=yyyy-MM, by the store's calendar): balance brought forward, entries, balance " +
                "carried, and each receipt beside its invoice with the difference (invoiced − its claims' credits − received).");
        api.MapGet("/statement.csv", (string storeId, string supplier, string? month, IClusterClient cluster, HttpContext http) =>
                Statement(storeId, supplier, month, "csv", cluster, http))
            .ForStore(RoleSets.PayablesReaders).WithName("DownloadSupplierStatementCsv").AnswersFile("text/csv")
            .WithSummary("The month's statement as CSV for finance: Section, Date, Reference, PurchaseOrder, Receipt, Charged, Settled, Balance, " +
                "BalanceSide, Received, Credited, Invoiced, Difference, DifferenceSide (amounts without sign, as a ledger writes them).");
        api.MapGet("/statement.xlsx", (string storeId, string supplier, string? month, IClusterClient cluster, HttpContext http) =>
                Statement(storeId, supplier, month, "xlsx", cluster, http))
            .ForStore(RoleSets.PayablesReaders).WithName("DownloadSupplierStatementXlsx").AnswersFile(PurchaseOrderExport.XlsxType)
            .WithSummary("The month's statement as .xlsx for finance (sheet Statement, the CSV's columns).");
        return app;
    }

    private static async Task<IResult> List(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<ISupplierListGrain>(GrainKeys.Store(storeId)).List(page)).ToResult();
    }

    private static ISupplierAccountGrain Grain(IClusterClient cluster, string storeId, string supplier) =>
        cluster.GetGrain<ISupplierAccountGrain>(GrainKeys.InStore(storeId, SupplierAccounts.KeyOf(supplier)));

    // A blank or overlong name names no supplier: like an unknown id, that is a 404.
    private static IResult? BadSupplier(string supplier) =>
        new FieldErrors().Required("supplier", supplier, 80) is { Any: true } ? Problems.ToResult(Problem.NotFound("Supplier account")) : null;

    private static async Task<IResult> Account(string storeId, string supplier, IClusterClient cluster) =>
        BadSupplier(supplier) ?? (await Grain(cluster, storeId, supplier).Get(supplier)).ToResult();

    private static async Task<IResult> Ledger(string storeId, string supplier, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return BadSupplier(supplier) ?? bad ?? (await Grain(cluster, storeId, supplier).Entries(supplier, page)).ToResult();
    }

    private static async Task<IResult> Entry(string storeId, string supplier, string entryId, IClusterClient cluster) =>
        BadSupplier(supplier) ?? (await Grain(cluster, storeId, supplier).Entry(supplier, entryId)).ToResult();

    private static async Task<IResult> Invoice(string storeId, string supplier, NewSupplierInvoice invoice, IClusterClient cluster, HttpContext http)
    {
        if (BadSupplier(supplier) is { } bad)
        {
            return bad;
        }

        if (invoice is null)
        {
            return Problems.Invalid("invoiceNumber", "is required.");
        }

        var errors = invoice.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, badKey) = Idempotency.OperationId(http);
        return badKey ?? (await Grain(cluster, storeId, supplier).RecordInvoice(supplier, invoice, operationId)).ToResult(e =>
            TypedResults.Created($"/api/stores/{storeId}/suppliers/{Uri.EscapeDataString(supplier)}/ledger/{Uri.EscapeDataString(e.EntryId)}", e));
    }

    private static async Task<IResult> Payment(string storeId, string supplier, NewSupplierPayment payment, IClusterClient cluster, HttpContext http)
    {
        if (BadSupplier(supplier) is { } bad)
        {
            return bad;
        }

        if (payment is null)
        {
            return Problems.Invalid("amount", "is required.");
        }

        var errors = payment.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, badKey) = Idempotency.OperationId(http);
        return badKey ?? (await Grain(cluster, storeId, supplier).RecordPayment(supplier, payment, operationId)).ToResult(e =>
            TypedResults.Created($"/api/stores/{storeId}/suppliers/{Uri.EscapeDataString(supplier)}/ledger/{Uri.EscapeDataString(e.EntryId)}", e));
    }

    private static async Task<IResult> Statement(string storeId, string supplier, string? month, string? format, IClusterClient cluster, HttpContext http)
    {
        if (BadSupplier(supplier) is { } unknown)
        {
            return unknown;
        }

        var errors = new FieldErrors();
        var first = default(DateOnly);
        if (month is not { Length: 7 } || !DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            errors.Add("month", "must be a month, yyyy-MM.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await Grain(cluster, storeId, supplier).Statement(supplier, first);
        if (outcome.Value is not { } statement || format is null)
        {
            return outcome.ToResult();
        }

        var zone = http.Items[StoreTimeConverter.ZoneItem] as TimeZoneInfo ?? TimeZoneInfo.Utc;
        var name = $"{storeId}-statement-{statement.Month}";
        return format == "xlsx"
            ? TypedResults.File(SupplierStatementExport.Xlsx(statement, zone), PurchaseOrderExport.XlsxType, name + ".xlsx")
            : TypedResults.File(CsvFile.Csv(SupplierStatementExport.Rows(statement, zone)), "text/csv; charset=utf-8", name + ".csv");
    }
}
