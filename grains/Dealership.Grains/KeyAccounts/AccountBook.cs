using Dealership.Contracts.KeyAccounts;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.KeyAccounts;

/// <summary>What a deal or an order reads of a key account's terms: its name, payment days and credit limit, and an agreed price.</summary>
internal sealed record AccountTerms(string AccountId, string Name, int PaymentDays, decimal CreditLimit);

/// <summary>The key account's books as the sales side reads them, straight from the account's rows (whoever the caller is).</summary>
internal static class AccountBook
{
    public const string CollectionTaskKind = "collection";

    public static Task<AccountTerms?> Terms(Database database, string storeId, string accountId) => database.First(
        "SELECT account_id, name, payment_days, credit_limit FROM key_accounts WHERE store_id = $1 AND account_id = $2",
        r => new AccountTerms(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetDecimal(3)), storeId, accountId);

    /// <summary>The price agreed with the account for a model and trim (any colour), or null when none is agreed.</summary>
    public static Task<decimal?> AgreedPrice(Database database, string storeId, string accountId, string model, string trim) => database.First(
        "SELECT price FROM key_account_prices WHERE store_id = $1 AND account_id = $2 AND lower(model) = lower($3) AND lower(trim) = lower($4)",
        r => (decimal?)r.GetDecimal(0), storeId, accountId, model, trim);
}

/// <summary>An entry of an account's ledger, written with the change that makes it (the invoice with the deal, a payment alone).</summary>
internal sealed record LedgerRow(string GroupId, string StoreId, string AccountId, LedgerEntry Entry) : Row
{
    public const string Columns = "entry_id, at, by, kind, deal_id, amount, booked_on, due_on, reference";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO account_ledger (group_id, store_id, account_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) " +
        "ON CONFLICT DO NOTHING",
        GroupId, StoreId, AccountId, Entry.EntryId, Entry.At, Entry.By, Entry.Kind, Entry.DealId, Entry.Amount, Entry.BookedOn, Entry.DueOn,
        Entry.Reference);

    public static LedgerEntry Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), Enum.Parse<LedgerEntryKind>(r.GetString(3)), Sql.Text(r, 4),
        r.GetDecimal(5), r.GetFieldValue<DateOnly>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7), Sql.Text(r, 8));
}

/// <summary>The collection tasks of invoices a payment settled are done with the payment.</summary>
internal sealed record CollectionsDoneRow(string StoreId, string AccountId, string[] Invoices, DateTimeOffset At, string By, string Result) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"UPDATE tasks SET status = 'Done', done_at = $4, done_by = $5, result = $6 WHERE store_id = $1 AND kind = '{AccountBook.CollectionTaskKind}' " +
        "AND refs->>'accountId' = $2 AND refs->>'invoice' = ANY($3) AND status = 'Open'",
        StoreId, AccountId, Invoices, At, By, Result);
}
