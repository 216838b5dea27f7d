using Npgsql;

namespace Dealership.Benchmarks;

/// <summary>
/// Gives a store the history of a long-running one, straight in its tables (the rows the system itself would have written),
/// so a measurement can compare a write on an empty history with the same write after 20,000 earlier entries.
/// </summary>
public sealed class History(NpgsqlDataSource database)
{
    /// <summary>20,000 register entries (and their visit facts) in the store's register of <paramref name="day"/>.</summary>
    public Task Register(string storeId, DateOnly day, int entries) => Execute("""
        INSERT INTO register_entries (group_id, store_id, local_date, number, entry_id, at, kind, source, party_size, first_visit, prospect_opened, logged_by)
        SELECT 'huaxia', $1, $2, n, 'tf' || to_char($2, 'YYYYMMDD') || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END, now(), 'Visit', 'WalkIn', 1, true, false, 'history'
          FROM generate_series(1, $3) AS n;
        INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, gross_profit, with_accessories, with_insurance, with_finance, at)
        SELECT 'huaxia', $1, 'Visit', 'tf' || to_char($2, 'YYYYMMDD') || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END, $2, 0, false, false, false, now()
          FROM generate_series(1, $3) AS n;
        """, storeId, day, entries);

    /// <summary>Status changes before the consultant's own (negative revisions, so the consultant's next ones do not meet them).</summary>
    public Task Consultant(string storeId, string staffId, int changes) => Execute("""
        INSERT INTO consultant_status_changes (store_id, staff_id, revision, at, by, from_status, to_status, note)
        SELECT $1, $2, -n, now() - n * interval '1 minute', 'history', 'Available', 'WithCustomer', 'earlier'
          FROM generate_series(1, $3) AS n;
        """, storeId, staffId, changes);

    /// <summary>Movements before the part's own (negative numbers).</summary>
    public Task Part(string storeId, string partNumber, int movements) => Execute("""
        INSERT INTO parts_movements (store_id, part_number, number, at, by, quantity, reason, note, on_hand_after)
        SELECT $1, $2, -n, now() - n * interval '1 minute', 'history', 1, 'Receipt', 'earlier', 1
          FROM generate_series(1, $3) AS n;
        """, storeId, partNumber, movements);

    /// <summary>Ledger lines of other cars, numbered by the store's counter as the cars' own lines are.</summary>
    public Task Ledger(string storeId, int lines) => Execute("""
        WITH c AS (INSERT INTO store_counters (store_id, name, value) VALUES ($1, 'stock-ledger', $2)
                   ON CONFLICT (store_id, name) DO UPDATE SET value = store_counters.value + $2 RETURNING value)
        INSERT INTO stock_ledger (group_id, store_id, number, at, by, vin, type, quantity, model, trim, colour, demo, reason, source_key)
        SELECT 'huaxia', $1, c.value - $2 + n, now(), 'history', 'HISTORY' || lpad(n::text, 10, '0'), CASE WHEN n % 2 = 1 THEN 'Receipt' ELSE 'SaleOut' END,
               CASE WHEN n % 2 = 1 THEN 1 ELSE -1 END, 'Lavida', '1.5L', 'White', false, 'earlier', 'history:' || n
          FROM c, generate_series(1, $2) AS n;
        """, storeId, lines);

    /// <summary>Deals on the store's deal list, opened one a minute.</summary>
    public Task Deals(string storeId, int deals) => Execute("""
        INSERT INTO deals (group_id, store_id, deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, selling_price,
                           gross_profit, updated_at, revision, opened_at)
        SELECT 'huaxia', $1, 'dl' || lpad(to_hex(n), 16, '0'), 'cu' || lpad(to_hex(n), 16, '0'), 'Customer ' || n, 'history', 'Signed', 'Lavida',
               '1.5L', 'White', 120000, 3000, now(), 1, now() - n * interval '1 minute'
          FROM generate_series(1, $2) AS n;
        """, storeId, deals);

    /// <summary>
    /// A parts room of <paramref name="parts"/> part numbers bought two years ago, each asked for on some days of the last year (from
    /// every day for the fastest to one day in 30 for the slowest, 1-4 units), as the planning review reads them.
    /// </summary>
    public Task PartsRoom(string storeId, int parts) => Execute("""
        INSERT INTO parts_items (group_id, store_id, part_number, description, bin, on_hand, revision, updated_at, supplier, lead_time_days,
                                 pack_size, minimum, average_cost, price, created_at, last_movement_at)
        SELECT 'huaxia', $1, 'BENCH-' || lpad(n::text, 6, '0'), 'Bench part ' || n, 'Z-' || (n % 100), n % 50, 1, now(), 'Bench supplier',
               3 + n % 12, CASE WHEN n % 5 = 0 THEN 10 ELSE 1 END, n % 8, 10 + n % 300, 14 + n % 420, now() - interval '2 years',
               now() - (n % 400) * interval '1 day'
          FROM generate_series(1, $2) AS n;
        INSERT INTO parts_demand (store_id, part_number, day, quantity)
        SELECT $1, 'BENCH-' || lpad(n::text, 6, '0'), (now() AT TIME ZONE 'Asia/Shanghai')::date - d, 1 + (n + d) % 4
          FROM generate_series(1, $2) AS n, generate_series(0, 364) AS d
         WHERE (n * 7 + d * 13) % (1 + n % 30) = 0;
        """, storeId, parts);

    /// <summary><paramref name="perDay"/> walk-ins a day in the store's register for each of the <paramref name="days"/> days before <paramref name="today"/>.</summary>
    public Task RegisterYears(string storeId, DateOnly today, int days, int perDay) => Execute("""
        INSERT INTO register_entries (group_id, store_id, local_date, number, entry_id, at, kind, source, customer_name, party_size, first_visit, prospect_opened, logged_by)
        SELECT 'huaxia', $1, $2 - (1 + n / $4), 1 + n % $4, 'ty' || lpad(n::text, 9, '0'), now() - (1 + n / $4) * interval '1 day', 'Visit', 'WalkIn',
               'Visitor ' || n, 1 + n % 3, n % 4 = 0, false, 'history'
          FROM generate_series(0, $3 * $4 - 1) AS n;
        """, storeId, today, days, perDay);

    /// <summary>Earlier movements of each of the parts room's parts (negative numbers, one a day going back).</summary>
    public Task Movements(string storeId, int parts, int perPart) => Execute("""
        INSERT INTO parts_movements (store_id, part_number, number, at, by, quantity, reason, note, on_hand_after, unit_cost)
        SELECT $1, 'BENCH-' || lpad(p::text, 6, '0'), -m, now() - m * interval '1 day', 'history', CASE WHEN m % 3 = 0 THEN 4 ELSE -1 END,
               CASE WHEN m % 3 = 0 THEN 'Receipt' ELSE 'IssueToRepair' END, 'earlier', 10, 10 + p % 300
          FROM generate_series(1, $2) AS p, generate_series(1, $3) AS m;
        """, storeId, parts, perPart);

    /// <summary>Write transactions so far: PostgreSQL gives an id only to a transaction that writes (this call takes one too).</summary>
    public async Task<long> WriteTransactions()
    {
        await using var command = database.CreateCommand("SELECT txid_current()");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task Execute(string sql, params object[] values)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0))
        {
            var command = new NpgsqlBatchCommand(statement.TrimEnd(';'));
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }
}
