using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Dealership.Benchmarks;

/// <summary>
/// The morning's reminder list at scale: stores whose books hold <c>carsPerStore</c> cars sold over five years, each serviced
/// about once a year since (the rows the deal, vehicle and repair-order grains write, loaded in SQL), then every store's whole
/// list read through the gateway a page at a time, as an advisor pages it or a nightly export would. Reports the first page,
/// the largest store's whole list and the whole group's, and the gateway's and PostgreSQL's memory before and after.
/// </summary>
public static class Reminders
{
    private const int PageSize = 200;

    public static async Task<IReadOnlyList<string>> Run(Api api, NpgsqlDataSource database, int stores, int carsPerStore)
    {
        var admin = await api.SignIn("huaxia-admin");
        var storeIds = Enumerable.Range(1, stores).Select(i => $"bench-care{stores}-{i:D3}").ToArray();
        await api.Stores(admin, storeIds);
        await api.GroupManager(admin, "bench-care-gm");

        var manager = await api.SignIn("bench-care-gm");
        foreach (var store in storeIds)
        {
            if (!await api.Ok(HttpMethod.Put, $"/api/stores/{store}/maintenance-plans", manager,
                new { model = "*", firstKm = 7_500, firstMonths = 6, intervalKm = 10_000, intervalMonths = 12, operations = new[] { "Engine oil" } }))
            {
                throw new InvalidOperationException($"the plan of {store} was refused");
            }
        }

        var load = Stopwatch.StartNew();
        var visits = 0L;
        foreach (var store in storeIds)
        {
            visits += await Books(database, store, carsPerStore);
        }

        await using (var analyze = database.CreateCommand("ANALYZE vehicles; ANALYZE vehicle_history; ANALYZE deals; ANALYZE repair_orders; ANALYZE customers"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        load.Stop();
        var memoryBefore = await Memory(database);

        var firstPage = Stopwatch.StartNew();
        var first = await api.Json($"/api/stores/{storeIds[0]}/service-reminders?limit=50", manager);
        firstPage.Stop();

        var perStore = new List<(string Store, int Cars, double Ms, int Pages)>();
        var group = Stopwatch.StartNew();
        foreach (var store in storeIds)
        {
            var clock = Stopwatch.StartNew();
            var (due, pages) = await WholeList(api, manager, store);
            perStore.Add((store, due, clock.Elapsed.TotalMilliseconds, pages));
        }

        group.Stop();

        // The same day's computation gives each car's warranty end: the list of warranties ending, and the month's numbers.
        var warrantyList = Stopwatch.StartNew();
        var warranties = await api.Json($"/api/stores/{storeIds[0]}/warranty-reminders?limit=50", manager);
        warrantyList.Stop();
        var numbers = Stopwatch.StartNew();
        var month = await api.Json($"/api/stores/{storeIds[0]}/retention-numbers", manager);
        numbers.Stop();
        var memoryAfter = await Memory(database);
        var largest = perStore.MaxBy(s => s.Ms);
        return
        [
            "",
            $"The reminder list at scale: {stores} store(s) × {carsPerStore:N0} cars sold over five years and serviced about yearly " +
                $"({visits:N0} repair orders; loaded in {load.Elapsed.TotalSeconds:N0} s), each store's list read through the gateway " +
                $"{PageSize} at a time:",
            "",
            "| measure | value |",
            "|---|---|",
            $"| first page (50 cars) of one store | {firstPage.Elapsed.TotalMilliseconds:N0} ms ({first.GetProperty("items").GetArrayLength()} cars) |",
            $"| one store's whole list (slowest) | {largest.Ms:N0} ms: {largest.Cars:N0} cars due, {largest.Pages} pages |",
            $"| every store's whole list, one after another | {group.Elapsed.TotalSeconds:N1} s: {perStore.Sum(s => s.Cars):N0} cars due |",
            $"| one store's warranties ending, first page | {warrantyList.Elapsed.TotalMilliseconds:N0} ms ({warranties.GetProperty("items").GetArrayLength()} cars) |",
            $"| one store's retention numbers for the month | {numbers.Elapsed.TotalMilliseconds:N0} ms ({month.GetProperty("retention").GetProperty("carsOnBooks").GetInt32():N0} cars on the books) |",
            $"| gateway and PostgreSQL memory (RSS), before → after | {memoryBefore} → {memoryAfter} |",
        ];
    }

    private static async Task<(int Cars, int Pages)> WholeList(Api api, string token, string store)
    {
        var (cars, pages) = (0, 0);
        string? after = null;
        do
        {
            var page = await api.Json($"/api/stores/{store}/service-reminders?limit={PageSize}" + (after is null ? "" : $"&after={after}"), token);
            cars += page.GetProperty("items").GetArrayLength();
            pages++;
            after = page.TryGetProperty("next", out var next) && next.ValueKind == System.Text.Json.JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);
        return (cars, pages);
    }

    // A store's books: cars delivered evenly over the last five years, each back about every 12 months (± a month) since,
    // 40 km a day on average; its customers. Returns the repair orders written.
    private static async Task<long> Books(NpgsqlDataSource database, string store, int cars)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in Statements.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var command = new NpgsqlBatchCommand(statement.TrimEnd(';'));
            command.Parameters.Add(new NpgsqlParameter { Value = store });
            command.Parameters.Add(new NpgsqlParameter { Value = cars });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM repair_orders WHERE store_id = $1", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = store });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    // The rows of a store's books ($1 the store, $2 its cars), one statement a line group.
    private const string Statements = """
            INSERT INTO vehicles (group_id, vin, store_id, model, trim, colour, status, demo, revision, certificate, cost, updated_at)
            SELECT 'huaxia', $1 || lpad(n::text, 7, '0'), $1, 'Lavida', '1.5L', 'White', 'Delivered', false, 3, 'CERT', 100000, now()
              FROM generate_series(1, $2) AS n;
            INSERT INTO vehicle_history (group_id, vin, revision, at, by, what, from_status, to_status, store_id)
            SELECT 'huaxia', $1 || lpad(n::text, 7, '0'), 3, now() - (n % 1825) * interval '1 day', 'bench', 'delivered', 'Sold', 'Delivered', $1
              FROM generate_series(1, $2) AS n;
            INSERT INTO customers (group_id, store_id, customer_id, name, masked_mobile, first_seen_at, visits, calls, updated_at, revision)
            SELECT 'huaxia', $1, 'cu' || lpad(to_hex(n), 16, '0'), 'Customer ' || n, '138****' || lpad((n % 10000)::text, 4, '0'),
                   now() - (n % 1825) * interval '1 day', 1, 0, now(), 1
              FROM generate_series(1, $2) AS n;
            INSERT INTO deals (group_id, store_id, deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, vin,
                               selling_price, gross_profit, updated_at, revision, opened_at)
            SELECT 'huaxia', $1, 'dl' || lpad(to_hex(n), 16, '0'), 'cu' || lpad(to_hex(n), 16, '0'), 'Customer ' || n, 'bench', 'Delivered',
                   'Lavida', '1.5L', 'White', $1 || lpad(n::text, 7, '0'), 100000, 3000, now(), 5, now() - (n % 1825) * interval '1 day'
              FROM generate_series(1, $2) AS n;
            INSERT INTO repair_orders (store_id, repair_order_id, group_id, customer_id, customer_name, mobile, vin, odometer, concern, advisor_id,
                                       status, opened_at, delivered_at, total, revision)
            SELECT $1, 'ro' || lpad(to_hex(n), 10, '0') || lpad(to_hex(y), 4, '0'), 'huaxia', 'cu' || lpad(to_hex(n), 16, '0'), 'Customer ' || n,
                   '138' || lpad((n % 100000000)::text, 8, '0'), $1 || lpad(n::text, 7, '0'), (y * 365 + (n % 60) - 30) * (30 + n % 20),
                   'yearly service', 'bench', 'Closed', now() - (n % 1825) * interval '1 day' + (y * 365 + (n % 60) - 30) * interval '1 day',
                   now() - (n % 1825) * interval '1 day' + (y * 365 + (n % 60) - 30) * interval '1 day', 800, 9
              FROM generate_series(1, $2) AS n, generate_series(1, 5) AS y
             WHERE (y * 365 + (n % 60) - 30) < (n % 1825);
            """;

    // Resident memory of this machine's gateway and PostgreSQL processes, in MB (from /proc; "n/a" elsewhere).
    private static async Task<string> Memory(NpgsqlDataSource database)
    {
        await Task.Yield();
        var postgres = HostMemory.ResidentMb(HostMemory.IsPostgres);
        var gateway = HostMemory.ResidentMb(HostMemory.IsGateway);
        return string.Create(CultureInfo.InvariantCulture, $"gateway {gateway:N0} MB, PostgreSQL {postgres:N0} MB");
    }
}
