using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>New terms for a key account; <see cref="Revision"/>, when sent, is the revision they were read at.</summary>
public sealed record KeyAccountUpdate(KeyAccountTerms? Terms, int? Revision);

/// <summary>The store's key accounts (大客户): company customers with their credit code, invoicing, contacts and trading terms.</summary>
public static class KeyAccountsApi
{
    public const string Tag = "KeyAccounts";

    public static IEndpointRouteBuilder MapKeyAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/key-accounts").WithTags(Tag);
        api.MapGet("", List).ForStore(RoleSets.SalesFloor).WithName("ListKeyAccounts").Answers<Page<KeyAccountSummary>>()
            .WithSummary("The store's key accounts by name, each with its credit code, invoicing, payment days, credit limit and how many " +
                "agreed prices it has.");
        api.MapPost("", Open).ForStore(RoleSets.Managers).WithName("OpenKeyAccount").Answers<KeyAccount>()
            .Conflicts("account-exists", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Open a key account: the company's name, its 18-character unified social credit code (统一社会信用代码, check " +
                "character verified), whether it takes special VAT invoices (增值税专用发票), its registered address, 1–10 contacts, agreed " +
                "prices by model and trim, payment days (0–180) and credit limit. One account per company in a store.");
        api.MapGet("/{accountId}", Get).ForStore(RoleSets.SalesFloor).WithName("GetKeyAccount").Answers<KeyAccount>()
            .WithSummary("A key account with its terms, who opened it and last changed it when, and its revision.");
        api.MapPut("/{accountId}", Update).ForStore(RoleSets.Managers).WithName("UpdateKeyAccount").Answers<KeyAccount>()
            .Conflicts("account-exists", "stale-revision", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("New terms replace the account's (each change in the audit trail with who and when); send the revision you read " +
                "to be refused (409 stale-revision) if someone changed it since.");
        return app;
    }

    private static IKeyAccountsGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<IKeyAccountsGrain>(GrainKeys.Store(storeId));

    private static async Task<IResult> List(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Grain(cluster, storeId).List(page)).ToResult();
    }

    private static async Task<IResult> Open(string storeId, KeyAccountTerms terms, IClusterClient cluster, HttpContext http)
    {
        var errors = terms?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).Open(terms!, operationId)).ToResult();
    }

    private static async Task<IResult> Get(string storeId, string accountId, IClusterClient cluster) =>
        Ids.IsValid(accountId) ? (await Grain(cluster, storeId).Get(accountId)).ToResult() : NotFound(accountId);

    private static async Task<IResult> Update(string storeId, string accountId, KeyAccountUpdate update, IClusterClient cluster, HttpContext http)
    {
        if (!Ids.IsValid(accountId))
        {
            return NotFound(accountId);
        }

        var errors = update.Terms is { } terms ? new FieldErrors().Nested("terms", terms.Validate()) : new FieldErrors().Add("terms", "is required.");
        if (update.Revision is < 1)
        {
            errors.Add("revision", "must be the revision the account was read at (1 or more).");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).Update(accountId, update.Terms!, update.Revision, operationId)).ToResult();
    }

    private static IResult NotFound(string accountId) => Problems.ToResult(Problem.NotFound($"Key account '{accountId}'"));
}
