using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>The day finance closes: its date (yyyy-MM-dd, the store's local day).</summary>
public sealed record VoucherDayToClose([property: Required] string? Day);

/// <summary>The store's accounting vouchers (会计凭证) for its finance software (Kingdee, Yonyou), and how they map to its chart of accounts.</summary>
public static class VouchersApi
{
    public const string Tag = "Vouchers";

    public static IEndpointRouteBuilder MapVouchersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        api.MapGet("/vouchers", Get).ForStore(RoleSets.VoucherReaders).WithName("GetVouchers").Answers<VoucherDay>()
            .WithSummary("The store's accounting vouchers of a day (day=yyyy-MM-dd, the store's local day; today by default): one per sales " +
                "invoice or credit note (revenue net of VAT by line, output VAT, the receivable, a car's cost of sales), one per customer, key " +
                "account or repair order payment and per supplier invoice, payment or credit, and one for the day's parts cost; each balances " +
                "(debits = credits; reversals in red, negative on the same side). An open day's are built from its records as they stand, " +
                "numbered on from the month's last closed day; a closed day's are as they were closed.");
        api.MapGet("/vouchers.xlsx", Xlsx).ForStore(RoleSets.VoucherReaders).WithName("DownloadVouchersXlsx").AnswersFile(DailyReportExport.XlsxType)
            .WithSummary("The day's vouchers as .xlsx, one row per entry, in the columns and order of the store's voucher settings (as its " +
                "finance software imports them): date, voucher word and number, entry, summary, account code and name, debit, credit, " +
                "auxiliary item, preparer.");
        api.MapPost("/vouchers/close", Close).ForStore(RoleSets.VoucherKeepers).WithName("CloseVoucherDay").Answers<VoucherDay>()
            .Conflicts("day-closed", "idempotency-key-reused").Refuses("day-not-over", "close-in-order").HonoursIdempotencyKey()
            .WithSummary("Finance closes a day that is over, after the day before it (if any day was closed): its vouchers are kept as they " +
                "stand and export the same ever after; a later correction (a credit note, a refund) is recorded on its own day.");
        api.MapGet("/voucher-settings", Settings).ForStore(RoleSets.VoucherReaders).WithName("GetVoucherSettings").Answers<VoucherSettings>()
            .WithSummary("The store's voucher settings: its code and name for each of the product's accounts (the Chinese enterprise chart " +
                "of accounts until set), the voucher file's columns in order, and the voucher word (记).");
        api.MapPut("/voucher-settings", SetSettings).ForStore(RoleSets.VoucherSettingsKeepers).WithName("SetVoucherSettings")
            .Answers<VoucherSettings>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Map every account to the store's code and name (each account once), and set the file's columns in the order the " +
                "finance software imports them (date, voucher number, account code, debit and credit at least). Closed days keep the " +
                "codes they were closed with.");
        return app;
    }

    private static IVoucherBookGrain Book(IClusterClient cluster, string storeId) => cluster.GetGrain<IVoucherBookGrain>(GrainKeys.Store(storeId));

    private static async Task<IResult> Get(string storeId, string? day, IClusterClient cluster, HttpContext http)
    {
        var (date, bad) = http.DayAsked(day);
        return bad ?? (await Book(cluster, storeId).Day(date)).ToResult();
    }

    private static async Task<IResult> Xlsx(string storeId, string? day, IClusterClient cluster, HttpContext http)
    {
        var (date, bad) = http.DayAsked(day);
        if (bad is not null)
        {
            return bad;
        }

        var book = Book(cluster, storeId);
        var vouchers = await book.Day(date);
        if (!vouchers.IsOk)
        {
            return vouchers.ToResult();
        }

        var settings = await book.Settings();
        if (!settings.IsOk)
        {
            return settings.ToResult();
        }

        var preparer = vouchers.Value!.ClosedBy ?? http.Caller().AuditName;
        return TypedResults.File(VoucherExport.Xlsx(vouchers.Value, settings.Value!, preparer), DailyReportExport.XlsxType,
            $"{storeId}-vouchers-{date:yyyy-MM-dd}.xlsx");
    }

    private static async Task<IResult> Close(string storeId, VoucherDayToClose close, IClusterClient cluster, HttpContext http)
    {
        if (close?.Day is null)
        {
            return Problems.Invalid("day", "is required.");
        }

        var (date, bad) = http.DayAsked(close.Day);
        if (bad is not null)
        {
            return bad;
        }

        var (operationId, badKey) = Idempotency.OperationId(http);
        return badKey ?? (await Book(cluster, storeId).Close(date, operationId)).ToResult();
    }

    private static async Task<IResult> Settings(string storeId, IClusterClient cluster) => (await Book(cluster, storeId).Settings()).ToResult();

    private static async Task<IResult> SetSettings(string storeId, VoucherSettings settings, IClusterClient cluster, HttpContext http)
    {
        var errors = settings?.Validate() ?? new FieldErrors().Add("accounts", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Book(cluster, storeId).SetSettings(settings!, operationId)).ToResult();
    }
}
