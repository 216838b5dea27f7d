using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.KeyAccounts;

/// <summary>
/// The store's receivables of its key accounts: what each owes (rows of <c>account_ledger</c>, invoices written by the deals sold on
/// account), the cashier's payments, the credit check of new fleet orders and the collection of overdue invoices. One activation
/// per store takes payments and credit checks one at a time: two orders placed at once are checked one after the other.
/// </summary>
public sealed class ReceivablesGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IReceivablesGrain, IScopedGrain
{
    /// <summary>Open invoices (unpaid in part or whole), oldest first: each invoice less its credit notes, payments settling the oldest first.</summary>
    private const string OpenInvoicesSql =
        "WITH inv AS (SELECT i.entry_id, i.deal_id, i.booked_on, i.due_on, i.amount, GREATEST(0, i.amount + COALESCE((SELECT sum(c.amount) " +
        "FROM account_ledger c WHERE c.store_id = i.store_id AND c.account_id = i.account_id AND c.kind = 'CreditNote' AND c.deal_id = i.deal_id), 0)) AS net " +
        "FROM account_ledger i WHERE i.store_id = $1 AND i.account_id = $2 AND i.kind = 'Invoice'), " +
        "paid AS (SELECT COALESCE(-sum(amount), 0) AS p FROM account_ledger WHERE store_id = $1 AND account_id = $2 AND kind = 'Payment'), " +
        "run AS (SELECT inv.*, sum(net) OVER (ORDER BY booked_on, entry_id COLLATE \"C\") AS cum FROM inv) " +
        "SELECT entry_id, deal_id, booked_on, due_on, amount, LEAST(net, cum - p) FROM run, paid WHERE net > 0 AND cum - p > 0 " +
        "ORDER BY booked_on, entry_id COLLATE \"C\"";

    /// <summary>What the account has on order and not yet invoiced: its fleet orders' value less their cars invoiced, delivered or cancelled.</summary>
    private const string OnOrderSql =
        "SELECT COALESCE(sum(o.value), 0) - COALESCE((SELECT sum(d.selling_price) FROM fleet_orders o2 JOIN fleet_order_deals f " +
        "ON f.store_id = o2.store_id AND f.order_id = o2.order_id JOIN deals d ON d.store_id = f.store_id AND d.deal_id = f.deal_id " +
        "WHERE o2.store_id = $1 AND o2.account_id = $2 AND d.status IN ('Invoiced', 'Delivered', 'Cancelled')), 0) " +
        "FROM fleet_orders o WHERE o.store_id = $1 AND o.account_id = $2";

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<AccountReceivables>> Get(string accountId)
    {
        if (Roles.Refused("read receivables", RoleSets.DealReaders) is { } refused)
        {
            return refused;
        }

        return await AccountBook.Terms(database, StoreId, accountId) is { } account
            ? await Receivables(account, chase: true)
            : NotFound(accountId);
    }

    public async Task<Outcome<Page<LedgerEntry>>> Ledger(string accountId, PageRequest page)
    {
        if (Roles.Refused("read receivables", RoleSets.DealReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (at, id))
        {
            return Problem.Invalid("after", "is not a cursor of this ledger.");
        }

        if (await AccountBook.Terms(database, StoreId, accountId) is null)
        {
            return NotFound(accountId);
        }

        return await database.Page(
            $"SELECT {LedgerRow.Columns} FROM account_ledger WHERE store_id = $1 AND account_id = $2 AND (at, entry_id) < ($3::timestamptz, $4::text) " +
            "ORDER BY at DESC, entry_id DESC",
            LedgerRow.Read, e => Cursor.FromInstant(e.At, e.EntryId), page, StoreId, accountId, at, id);
    }

    public async Task<Outcome<LedgerEntry>> RecordPayment(string accountId, AccountPayment payment, string? operationId)
    {
        var errors = payment?.Validate() ?? new FieldErrors().Add("amount", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(RecordPayment), accountId, payment);
        if (await operations.Replay<LedgerEntry>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("record money", RoleSets.Cashier) is { } refused)
        {
            return refused;
        }

        if (await AccountBook.Terms(database, StoreId, accountId) is not { } account)
        {
            return NotFound(accountId);
        }

        var p = payment!;
        var balance = await Balance(accountId);
        if (p.Amount > balance)
        {
            return Problem.Invalid("amount", $"exceeds what {account.Name} owes: {Math.Max(0m, balance):0.00} is outstanding.");
        }

        var now = clock.GetUtcNow();
        var today = await Today();
        var number = await database.Scalar<long>(
            "SELECT count(*) FROM account_ledger WHERE store_id = $1 AND account_id = $2 AND kind = 'Payment'", StoreId, accountId) + 1;
        var entry = new LedgerEntry($"PAY-{number:D5}", now, Audit.Who, LedgerEntryKind.Payment, null, -p.Amount, today, null,
            $"{p.Method}{(p.Reference is null ? "" : " " + p.Reference)}");
        var open = await OpenInvoices(accountId, today);
        var settled = ReceivablesRules.Settled(open, p.Amount).ToArray();
        var group = await Group();
        List<Row> rows =
        [
            new LedgerRow(group, StoreId, accountId, entry),
            new AuditRow(group, StoreId, "key-account", accountId, now, Audit.Who,
                $"payment {p.Amount:0.00} from {account.Name} by {p.Method}{(p.Reference is null ? "" : $" ({p.Reference})")} as {entry.EntryId}" +
                (settled.Length == 0 ? "" : $"; settles {string.Join(", ", settled)}")),
        ];
        if (settled.Length > 0)
        {
            rows.Add(new CollectionsDoneRow(StoreId, accountId, settled, now, Audit.Who, $"paid ({entry.EntryId})"));
        }

        return await operations.WriteOrReplay(rows, StoreId, operationId, fingerprint, entry, "Receivables") ?? entry;
    }

    public async Task<Outcome<string>> BookOrder(string accountId, string orderId, int cars, decimal value, string? creditApproval)
    {
        if (await database.Scalar<string>("SELECT account_id FROM fleet_orders WHERE store_id = $1 AND order_id = $2", StoreId, orderId) is { } booked)
        {
            return booked == accountId ? orderId : Problem.Conflict("idempotency-key-reused", "This order id was already used for another order.");
        }

        if (await AccountBook.Terms(database, StoreId, accountId) is not { } account)
        {
            return Problem.Invalid("accountId", "is not a key account of this store.");
        }

        var balance = await Balance(accountId);
        var onOrder = await database.Scalar<decimal>(OnOrderSql, StoreId, accountId);
        var over = balance + onOrder + value > account.CreditLimit;
        if (over && creditApproval is null)
        {
            return Problem.Refused("credit-limit-exceeded",
                $"{account.Name} owes {balance:0.00} and has {onOrder:0.00} on order; this order of {value:0.00} would take it to " +
                $"{balance + onOrder + value:0.00}, over its credit limit of {account.CreditLimit:0.00}. The general manager may approve it.");
        }

        if (over && Caller.Current is { IsPlatform: false, Role: not StaffRole.GeneralManager })
        {
            return Problem.Forbidden("Only the general manager approves an order over the account's credit limit.");
        }

        var now = clock.GetUtcNow();
        var group = await Group();
        var approval = over ? creditApproval : null;
        await database.Write(
        [
            new FleetOrderRow(group, StoreId, orderId, accountId, cars, value, now, Audit.Who, approval),
            new AuditRow(group, StoreId, "key-account", accountId, now, Audit.Who,
                $"fleet order {orderId}: {cars} cars, {value:0.00}; owed {balance:0.00}, on order {onOrder:0.00}, limit {account.CreditLimit:0.00}" +
                (approval is null ? "" : $"; over the limit, approved by the general manager: {approval}")),
        ]);
        return orderId;
    }

    public async Task<Outcome<Page<FleetOrderSummary>>> FleetOrders(string? accountId, PageRequest page)
    {
        if (Roles.Refused("read fleet orders", RoleSets.DealReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (at, id))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            "SELECT o.order_id, o.account_id, a.name, o.cars, o.value, o.placed_at, o.placed_by, " +
            "count(d.deal_id) FILTER (WHERE d.vin IS NOT NULL AND d.status <> 'Cancelled')::int, " +
            "count(d.deal_id) FILTER (WHERE d.status IN ('Invoiced', 'Delivered'))::int, count(d.deal_id) FILTER (WHERE d.status = 'Delivered')::int, " +
            "count(d.deal_id) FILTER (WHERE d.status = 'Cancelled')::int " +
            "FROM fleet_orders o JOIN key_accounts a ON a.store_id = o.store_id AND a.account_id = o.account_id " +
            "LEFT JOIN fleet_order_deals f ON f.store_id = o.store_id AND f.order_id = o.order_id " +
            "LEFT JOIN deals d ON d.store_id = f.store_id AND d.deal_id = f.deal_id " +
            "WHERE o.store_id = $1 AND ($2::text IS NULL OR o.account_id = $2) AND (o.placed_at, o.order_id) < ($3::timestamptz, $4::text) " +
            "GROUP BY o.order_id, o.account_id, a.name, o.cars, o.value, o.placed_at, o.placed_by ORDER BY o.placed_at DESC, o.order_id DESC",
            r => new FleetOrderSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetDecimal(4), r.GetFieldValue<DateTimeOffset>(5),
                r.GetString(6), new FleetProgress(r.GetInt32(3), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10))),
            o => Cursor.FromInstant(o.PlacedAt, o.OrderId), page, StoreId, accountId, at, id);
    }

    public async Task<int> ChaseOverdue()
    {
        var today = await Today();
        var accounts = await database.List(
            "SELECT DISTINCT account_id FROM account_ledger WHERE store_id = $1 AND kind = 'Invoice' AND due_on < $2", r => r.GetString(0), StoreId, today);
        var chased = 0;
        foreach (var accountId in accounts)
        {
            if (await AccountBook.Terms(database, StoreId, accountId) is { } account)
            {
                chased += await Chase(account, await OpenInvoices(accountId, today));
            }
        }

        return chased;
    }

    private async Task<AccountReceivables> Receivables(AccountTerms account, bool chase)
    {
        var today = await Today();
        var open = await OpenInvoices(account.AccountId, today);
        if (chase)
        {
            await Chase(account, open);
        }

        var balance = await Balance(account.AccountId);
        var onOrder = await database.Scalar<decimal>(OnOrderSql, StoreId, account.AccountId);
        var tasks = await database.List(
            $"SELECT task_id, refs->>'invoice', title, created_at, status, result FROM tasks WHERE store_id = $1 AND kind = '{AccountBook.CollectionTaskKind}' " +
            "AND refs->>'accountId' = $2 ORDER BY created_at DESC, task_id DESC LIMIT 20",
            r => new CollectionTask(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4) == "Done", Sql.Text(r, 5)),
            StoreId, account.AccountId);
        return new AccountReceivables(account.AccountId, account.Name, today, account.PaymentDays, account.CreditLimit, balance, onOrder,
            account.CreditLimit - balance - onOrder, ReceivablesRules.Ageing(open), open, tasks);
    }

    /// <summary>Each overdue invoice gets one collection task for the sales manager (its source id makes a second ask a no-op).</summary>
    private async Task<int> Chase(AccountTerms account, IReadOnlyList<OpenInvoice> open)
    {
        var tasks = GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(StoreId));
        var now = clock.GetUtcNow();
        var overdue = open.Where(i => i.DaysOverdue > 0).ToList();
        foreach (var invoice in overdue)
        {
            await tasks.Add(new TaskDraft($"collect:{account.AccountId}:{invoice.Invoice}", AccountBook.CollectionTaskKind,
                $"Collect {invoice.Outstanding:0.00} from {account.Name}: invoice {invoice.Invoice} was due {invoice.DueOn:yyyy-MM-dd}",
                null, StaffRole.SalesManager, now, new Dictionary<string, string>
                {
                    ["accountId"] = account.AccountId,
                    ["invoice"] = invoice.Invoice,
                    ["dealId"] = invoice.DealId ?? "",
                }));
        }

        return overdue.Count;
    }

    private Task<List<OpenInvoice>> OpenInvoices(string accountId, DateOnly today) => database.List(OpenInvoicesSql,
        r => ReceivablesRules.Open(r.GetString(0), Sql.Text(r, 1), r.GetFieldValue<DateOnly>(2), r.GetFieldValue<DateOnly>(3), r.GetDecimal(4),
            r.GetDecimal(5), today), StoreId, accountId);

    private Task<decimal> Balance(string accountId) =>
        database.Scalar<decimal>("SELECT COALESCE(sum(amount), 0) FROM account_ledger WHERE store_id = $1 AND account_id = $2", StoreId, accountId);

    private async Task<DateOnly> Today() =>
        StoreFacts.LocalDate(clock.GetUtcNow(), (await StoreFacts.Store(GrainFactory, StoreId))?.Profile.TimeZoneId ?? "UTC");

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? throw new InvalidOperationException($"Store {StoreId} has no group.");

    private static Problem NotFound(string accountId) => Problem.NotFound($"Key account '{accountId}'");
}

/// <summary>A fleet order's row: the account, its cars and value, booked by the credit check (with the GM's approval over the limit).</summary>
internal sealed record FleetOrderRow(string GroupId, string StoreId, string OrderId, string AccountId, int Cars, decimal Value, DateTimeOffset At, string By,
    string? CreditApproval) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO fleet_orders (group_id, store_id, order_id, account_id, cars, value, placed_at, placed_by, credit_approval) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
        GroupId, StoreId, OrderId, AccountId, Cars, Value, At, By, CreditApproval);
}
