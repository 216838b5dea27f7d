using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>What key accounts owe (应收账款): ageing, open invoices, collection, payments on account and the statement of account.</summary>
public static class ReceivablesApi
{
    public const string Tag = "Receivables";

    /// <summary>The most ledger entries a statement of account lists (years of a large fleet customer's invoices and payments).</summary>
    public const int StatementEntries = 5_000;

    public static IEndpointRouteBuilder MapReceivablesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/key-accounts/{accountId}").WithTags(Tag);
        api.MapGet("/receivables", Get).ForStore(RoleSets.DealReaders).WithName("GetAccountReceivables").Answers<AccountReceivables>()
            .WithSummary("What the account owes today (the store's day): balance, what is on order and not yet invoiced, credit left under the " +
                "limit, the ageing by days since invoice (0–30, 31–60, 61–90, over 90) and what of it is overdue, every open invoice, and the " +
                "collection tasks of overdue invoices (given to the sales manager; reading makes sure each overdue invoice has one).");
        api.MapGet("/ledger", Ledger).ForStore(RoleSets.DealReaders).WithName("ListAccountLedger").Answers<Page<LedgerEntry>>()
            .WithSummary("The account's ledger: invoices on account (+), payments and credit notes (−), newest first, a page at a time.");
        api.MapPost("/payments", Pay).ForStore(RoleSets.Cashier).WithName("RecordAccountPayment").Answers<LedgerEntry>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The cashier records a payment from the account: it settles the oldest invoices first and closes their collection " +
                "tasks. More than the account owes is refused (400 naming amount).");
        api.MapGet("/statement.xlsx", Statement).ForStore(RoleSets.DealReaders).WithName("DownloadStatementOfAccount")
            .AnswersFile(DailyReportExport.XlsxType)
            .WithSummary("The statement of account (对账单) as .xlsx: a Statement sheet (every entry, oldest first, with the running balance) and " +
                "an Ageing sheet (each open invoice with its age, due date and bucket, and the totals).");
        return app;
    }

    private static IReceivablesGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<IReceivablesGrain>(GrainKeys.Store(storeId));

    private static async Task<IResult> Get(string storeId, string accountId, IClusterClient cluster) =>
        Ids.IsValid(accountId) ? (await Grain(cluster, storeId).Get(accountId)).ToResult() : NotFound(accountId);

    // A bad limit or cursor is named before the account is looked up, as on every list.
    private static async Task<IResult> Ledger(string storeId, string accountId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (Ids.IsValid(accountId) ? (await Grain(cluster, storeId).Ledger(accountId, page)).ToResult() : NotFound(accountId));
    }

    private static async Task<IResult> Pay(string storeId, string accountId, AccountPayment payment, IClusterClient cluster, HttpContext http)
    {
        if (!Ids.IsValid(accountId))
        {
            return NotFound(accountId);
        }

        var errors = payment?.Validate() ?? new FieldErrors().Add("amount", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).RecordPayment(accountId, payment!, operationId)).ToResult();
    }

    private static async Task<IResult> Statement(string storeId, string accountId, IClusterClient cluster)
    {
        if (!Ids.IsValid(accountId))
        {
            return NotFound(accountId);
        }

        var grain = Grain(cluster, storeId);
        var receivables = await grain.Get(accountId);
        if (!receivables.IsOk)
        {
            return receivables.ToResult();
        }

        var entries = new List<LedgerEntry>();
        string? after = null;
        do
        {
            var page = await grain.Ledger(accountId, new PageRequest(200, after));
            if (!page.IsOk)
            {
                return page.ToResult();
            }

            entries.AddRange(page.Value!.Items);
            after = page.Value.Next;
        }
        while (after is not null && entries.Count < StatementEntries);

        var r = receivables.Value!;
        return TypedResults.File(StatementOfAccountExport.Xlsx(r, entries), DailyReportExport.XlsxType,
            $"{storeId}-{accountId}-statement-{r.AsOf:yyyy-MM-dd}.xlsx");
    }

    private static IResult NotFound(string accountId) => Problems.ToResult(Problem.NotFound($"Key account '{accountId}'"));
}
