using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.KeyAccounts;

/// <summary>
/// A store's key accounts, kept as rows (the account, its agreed prices) and changed one at a time by this activation: two managers
/// opening the same company at once leave one account, and terms changed by someone else since a reader's revision are refused.
/// </summary>
public sealed class KeyAccountsGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IKeyAccountsGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<KeyAccount>> Open(KeyAccountTerms terms, string? operationId)
    {
        var errors = terms?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var tidy = terms!.Tidy();
        var fingerprint = OperationLog.Fingerprint(nameof(Open), JsonSerializer.Serialize(tidy, GrainStateStore.Json));
        if (await operations.Replay<KeyAccount>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("open key accounts", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        if (await database.Scalar<string>("SELECT account_id FROM key_accounts WHERE store_id = $1 AND credit_code = $2", StoreId, tidy.CreditCode)
            is { } existing)
        {
            return Problem.Conflict("account-exists", $"The store already has this company as key account {existing}.");
        }

        var now = clock.GetUtcNow();
        var account = new KeyAccount("ka" + Guid.NewGuid().ToString("N")[..16], StoreId, tidy, now, Audit.Who, now, Audit.Who, 1);
        return await Write(account, $"key account {tidy.Name} ({tidy.CreditCode}) opened: {tidy.PaymentDays} days, limit {tidy.CreditLimit:0.00}",
            operationId, fingerprint);
    }

    public async Task<Outcome<KeyAccount>> Update(string accountId, KeyAccountTerms terms, int? revision, string? operationId)
    {
        var errors = terms?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var tidy = terms!.Tidy();
        var fingerprint = OperationLog.Fingerprint(nameof(Update), accountId, revision, JsonSerializer.Serialize(tidy, GrainStateStore.Json));
        if (await operations.Replay<KeyAccount>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("change key accounts' terms", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        if (await Read(accountId) is not { } current)
        {
            return NotFound(accountId);
        }

        if (revision is { } expected && expected != current.Revision)
        {
            return Problem.Conflict("stale-revision", $"{current.UpdatedBy} changed the account since (revision {current.Revision}): read it again.");
        }

        if (await database.Scalar<string>("SELECT account_id FROM key_accounts WHERE store_id = $1 AND credit_code = $2 AND account_id <> $3",
                StoreId, tidy.CreditCode, accountId) is { } other)
        {
            return Problem.Conflict("account-exists", $"The store already has this company as key account {other}.");
        }

        var now = clock.GetUtcNow();
        var changed = current with { Terms = tidy, UpdatedAt = now, UpdatedBy = Audit.Who, Revision = current.Revision + 1 };
        return await Write(changed, $"key account {tidy.Name} terms changed: {Changes(current.Terms, tidy)}", operationId, fingerprint);
    }

    public async Task<Outcome<KeyAccount>> Get(string accountId)
    {
        if (Roles.Refused("read key accounts", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        return await Read(accountId) is { } account ? account : NotFound(accountId);
    }

    public async Task<Outcome<Page<KeyAccountSummary>>> List(PageRequest page)
    {
        if (Roles.Refused("read key accounts", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? null : Cursor.Keys(page.After);
        if (page.After is not null && after is not [_, _])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            "SELECT a.account_id, a.name, a.credit_code, a.special_vat_invoice, a.payment_days, a.credit_limit, " +
            "(SELECT count(*)::int FROM key_account_prices p WHERE p.store_id = a.store_id AND p.account_id = a.account_id) " +
            "FROM key_accounts a WHERE a.store_id = $1 AND ($2::text IS NULL OR (a.name, a.account_id) > ($2::text, $3::text)) ORDER BY a.name, a.account_id",
            r => new KeyAccountSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetInt32(4), r.GetDecimal(5), r.GetInt32(6)),
            a => Cursor.From(a.Name, a.AccountId), page, StoreId, after?[0], after?[1] ?? "");
    }

    private async Task<Outcome<KeyAccount>> Write(KeyAccount account, string what, string? operationId, string fingerprint)
    {
        var group = await storeGroups.GroupOf(StoreId) ?? throw new InvalidOperationException($"Store {StoreId} has no group.");
        return await operations.WriteOrReplay(
            [new KeyAccountRow(group, account), new ClearPricesRow(account), new AgreedPricesRow(account),
                new AuditRow(group, StoreId, "key-account", account.AccountId, account.UpdatedAt, Audit.Who, what)],
            StoreId, operationId, fingerprint, account, "KeyAccounts") ?? account;
    }

    private async Task<KeyAccount?> Read(string accountId)
    {
        var account = await database.First(
            "SELECT account_id, name, credit_code, special_vat_invoice, address, contacts::text, payment_days, credit_limit, opened_at, opened_by, " +
            "updated_at, updated_by, revision FROM key_accounts WHERE store_id = $1 AND account_id = $2",
            r => new KeyAccount(r.GetString(0), StoreId,
                new KeyAccountTerms(r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetString(4),
                    JsonSerializer.Deserialize<List<AccountContact>>(r.GetString(5), GrainStateStore.Json)!, [], r.GetInt32(6), r.GetDecimal(7)),
                r.GetFieldValue<DateTimeOffset>(8), r.GetString(9), r.GetFieldValue<DateTimeOffset>(10), r.GetString(11), r.GetInt32(12)),
            StoreId, accountId);
        if (account is null)
        {
            return null;
        }

        var prices = await database.List("SELECT model, trim, price FROM key_account_prices WHERE store_id = $1 AND account_id = $2 ORDER BY model, trim",
            r => new AgreedPrice(r.GetString(0), r.GetString(1), r.GetDecimal(2)), StoreId, accountId);
        return account with { Terms = account.Terms with { Prices = prices } };
    }

    // What the audit line says changed: the parts of the terms that differ.
    private static string Changes(KeyAccountTerms before, KeyAccountTerms after)
    {
        var parts = new List<string>();
        if (before.CreditLimit != after.CreditLimit)
        {
            parts.Add($"credit limit {before.CreditLimit:0.00} → {after.CreditLimit:0.00}");
        }

        if (before.PaymentDays != after.PaymentDays)
        {
            parts.Add($"payment days {before.PaymentDays} → {after.PaymentDays}");
        }

        if (!before.Prices.OrderBy(p => (p.Model, p.Trim)).SequenceEqual(after.Prices.OrderBy(p => (p.Model, p.Trim))))
        {
            parts.Add($"agreed prices ({after.Prices.Count})");
        }

        if (before with { CreditLimit = 0, PaymentDays = 0, Prices = [], Contacts = [] } != after with { CreditLimit = 0, PaymentDays = 0, Prices = [], Contacts = [] }
            || !before.Contacts.SequenceEqual(after.Contacts))
        {
            parts.Add("particulars");
        }

        return parts.Count == 0 ? "nothing" : string.Join("; ", parts);
    }

    private Problem NotFound(string accountId) => Problem.NotFound($"Key account '{accountId}'");
}

internal sealed record KeyAccountRow(string GroupId, KeyAccount A) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO key_accounts (group_id, store_id, account_id, name, credit_code, special_vat_invoice, address, payment_days, credit_limit, contacts, " +
        "opened_at, opened_by, updated_at, updated_by, revision) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) " +
        "ON CONFLICT (store_id, account_id) DO UPDATE SET name = EXCLUDED.name, credit_code = EXCLUDED.credit_code, " +
        "special_vat_invoice = EXCLUDED.special_vat_invoice, address = EXCLUDED.address, payment_days = EXCLUDED.payment_days, " +
        "credit_limit = EXCLUDED.credit_limit, contacts = EXCLUDED.contacts, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, " +
        "revision = EXCLUDED.revision",
        GroupId, A.StoreId, A.AccountId, A.Terms.Name, A.Terms.CreditCode, A.Terms.SpecialVatInvoice, A.Terms.Address, A.Terms.PaymentDays,
        A.Terms.CreditLimit, Sql.Jsonb(JsonSerializer.Serialize(A.Terms.Contacts, GrainStateStore.Json)), A.OpenedAt, A.OpenedBy, A.UpdatedAt,
        A.UpdatedBy, A.Revision);
}

/// <summary>The account's agreed prices are replaced whole: the old go first, in the same transaction.</summary>
internal sealed record ClearPricesRow(KeyAccount A) : Row
{
    public override NpgsqlBatchCommand ToCommand() =>
        Sql.Command("DELETE FROM key_account_prices WHERE store_id = $1 AND account_id = $2", A.StoreId, A.AccountId);
}

internal sealed record AgreedPricesRow(KeyAccount A) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO key_account_prices (store_id, account_id, model, trim, price) " +
        "SELECT $1, $2, p.model, p.trim, p.price FROM jsonb_to_recordset($3) AS p(model text, trim text, price numeric)",
        A.StoreId, A.AccountId,
        Sql.Jsonb(JsonSerializer.Serialize(A.Terms.Prices.Select(p => new { model = p.Model, trim = p.Trim, price = p.Price }), GrainStateStore.Json)));
}
