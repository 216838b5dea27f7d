using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dealership.Benchmarks;
using Npgsql;

// Usage (./bench.sh does this): Dealership.Benchmarks --url http://127.0.0.1:5090 --db "<connection string>" [--seconds 10] [--out file.md]
//   --walk-ins LABEL: only walk-ins into Chaoyang's register (after a full run made its consultants), one row named LABEL, for
//   comparing the same path under different settings (cluster security on and off).
var url = Arg("--url") ?? "http://127.0.0.1:5090";
var db = Arg("--db") ?? throw new ArgumentException("--db <connection string> is required");
var seconds = int.Parse(Arg("--seconds") ?? "10", CultureInfo.InvariantCulture);
var output = Arg("--out");
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(2);
const int Workers = 32;
const int HistoryLength = 20_000;

// Two stores of the demo group run the same writes: Chaoyang from an empty history, Haidian after 20,000 earlier entries in the
// same register day, consultant, part and ledger. Hexi holds 10,000 deals for the list.
const string Empty = "bj-chaoyang-vw";
const string Long = "bj-haidian-vw";
const string Listed = "tj-hexi-toyota";
var shortName = new Dictionary<string, string> { [Empty] = "chaoyang", [Long] = "haidian", [Listed] = "hexi" };

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
var api = new Api(http);
await using var database = NpgsqlDataSource.Create(db);
var history = new History(database);
var results = new List<Measurement.Result>();
var writes = new List<(string Name, double PerAction)>();

// The floor of each store: 32 consultants of its own, each a tablet logging walk-ins.
if (Arg("--walk-ins") is { } walkInsLabel)
{
    // The store's own 32 consultants, each available (a full run may have left some on a test drive).
    var manager = await api.SignIn("chaoyang-sm");
    var it = await api.SignIn("huaxia-admin");
    for (var i = 1; i <= Workers; i++)
    {
        await api.Staff(it, $"chaoyang-bench{i:D2}", "SalesConsultant", Empty);
        await api.Ok(HttpMethod.Post, $"/api/stores/{Empty}/consultants/chaoyang-bench{i:D2}/status", manager, new { status = "Available" });
    }

    var consultants = await Task.WhenAll(Enumerable.Range(1, Workers).Select(i => api.SignIn($"chaoyang-bench{i:D2}")));
    var tag = DateTime.UtcNow.Ticks % 1_000_000;
    var keyTag = walkInsLabel.Replace(' ', '-');
    using (var probe = await api.Send(HttpMethod.Post, $"/api/stores/{Empty}/showroom-register", consultants[0],
        new { kind = "Call", source = "Phone", partySize = 1 }, $"{keyTag}-{tag}-probe"))
    {
        if (!probe.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"A walk-in was refused: {(int)probe.StatusCode} {await probe.Content.ReadAsStringAsync()}");
            return 1;
        }
    }

    var only = await Measurement.Run($"walk-in logged, {walkInsLabel}", Workers, warmUp, duration, async (worker, i) => await api.Ok(HttpMethod.Post,
        $"/api/stores/{Empty}/showroom-register", consultants[worker], new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "Bench visitor",
            mobile = $"14{worker:D2}{(tag + i) % 10_000_000:D7}",
            modelOfInterest = "Tiguan L",
            partySize = 1,
        }, $"{keyTag}-{tag}-{worker}-{i}"));
    Console.WriteLine(only.Row());
    if (output is not null)
    {
        await File.AppendAllLinesAsync(output, [only.Row()]);
    }

    return only.Failures == 0 ? 0 : 1;
}

// --web on: only the staff web app in Chromium (./bench.sh <seconds> web): cold and warm loads, write-to-screen latency.
if (Arg("--web") is not null)
{
    var web = await WebApp.Run(api, url);
    web.ToList().ForEach(Console.WriteLine);
    if (output is not null)
    {
        await File.WriteAllLinesAsync(output, web);
    }

    return 0;
}

// --reminders STORES,CARS: only the reminder list at scale (./bench.sh <seconds> reminders): STORES stores of CARS cars each.
if (Arg("--reminders") is { } remindersArg)
{
    var scale = remindersArg.Split(',');
    var reminders = await Reminders.Run(api, database, int.Parse(scale[0], CultureInfo.InvariantCulture), int.Parse(scale[1], CultureInfo.InvariantCulture));
    reminders.ToList().ForEach(Console.WriteLine);
    if (output is not null)
    {
        await File.AppendAllLinesAsync(output, reminders);
    }

    return 0;
}

// --export on: only the store's full export at five years of history (./bench.sh <seconds> export).
if (Arg("--export") is not null)
{
    var export = await ExportBench.Run(api, http, database);
    export.ToList().ForEach(Console.WriteLine);
    if (output is not null)
    {
        await File.AppendAllLinesAsync(output, export);
    }

    return 0;
}

// --import on: only a store's parts master imported from spreadsheets (./bench.sh <seconds> import).
if (Arg("--import") is not null)
{
    var imported = await ImportBench.Run(api, http, database);
    imported.ToList().ForEach(Console.WriteLine);
    if (output is not null)
    {
        await File.AppendAllLinesAsync(output, imported);
    }

    return 0;
}

// --rollup N: only group HQ's rollup with N stores writing (./bench.sh <seconds> rollup).
if (Arg("--rollup") is { } rollupStores)
{
    var rollup = await Rollup.Run(api, int.Parse(rollupStores, CultureInfo.InvariantCulture), duration, Arg("--writes-only") is null,
        Arg("--writes-only") ?? "");
    rollup.ToList().ForEach(Console.WriteLine);
    if (output is not null)
    {
        await File.AppendAllLinesAsync(output, rollup);
    }

    return 0;
}

var admin = await api.SignIn("huaxia-admin");
foreach (var store in new[] { Empty, Long })
{
    for (var i = 1; i <= Workers; i++)
    {
        await api.Staff(admin, $"{shortName[store]}-bench{i:D2}", "SalesConsultant", store);
    }
}

var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
await history.Register(Long, today, HistoryLength);
await history.Ledger(Long, HistoryLength);
await history.Deals(Listed, 10_000);
for (var i = 1; i <= Workers; i++)
{
    await history.Consultant(Long, $"haidian-bench{i:D2}", HistoryLength);
}

var parts = new Dictionary<string, string[]>();
var cars = new Dictionary<string, string[]>();
foreach (var store in new[] { Empty, Long })
{
    var planner = await api.SignIn($"{shortName[store]}-parts");
    parts[store] = [.. (await api.Json($"/api/stores/{store}/parts?limit={Workers}", planner)).GetProperty("items").EnumerateArray()
        .Select(p => p.GetProperty("partNumber").GetString()!)];
    var clerk = await api.SignIn($"{shortName[store]}-clerk");
    cars[store] = [.. (await api.Json($"/api/stores/{store}/vehicles?status=InStock&limit={Workers}", clerk)).GetProperty("items").EnumerateArray()
        .Select(v => v.GetProperty("vin").GetString()!)];
}

foreach (var part in parts[Long])
{
    await history.Part(Long, part, HistoryLength);
}

var idle = await IdleWritesPerSecond();
var tokens = new Dictionary<string, (string[] Consultants, string Manager, string Planner, string Clerk)>();
foreach (var store in new[] { Empty, Long })
{
    tokens[store] = (await Task.WhenAll(Enumerable.Range(1, Workers).Select(i => api.SignIn($"{shortName[store]}-bench{i:D2}"))),
        await api.SignIn($"{shortName[store]}-sm"), await api.SignIn($"{shortName[store]}-parts"), await api.SignIn($"{shortName[store]}-clerk"));
}

// Each kind of write runs on the empty history and the long one twice, in the order empty, long, long, empty, so a drift of the
// machine over the run (checkpoints, caches) weighs on both alike; each figure is the mean of its two runs.
var run = 0;
string[] statuses = ["WithCustomer", "Available", "OnTestDrive", "Available"];
var kinds = new (string Name, Func<string, Func<int, long, Task<bool>>> Operation)[]
{
    // A walk-in: the consultant logs the visitor's mobile; the register entry, the customer and their counts are one write,
    // the consultant's status the other.
    ("walk-in logged", store =>
    {
        var tag = ++run;
        return async (worker, i) => await api.Ok(HttpMethod.Post, $"/api/stores/{store}/showroom-register", tokens[store].Consultants[worker], new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "Bench visitor",
            mobile = $"13{tag % 10}{worker:D2}{i % 1_000_000:D6}",
            modelOfInterest = "Tiguan L",
            partySize = 1,
        }, $"run{tag}-{worker}-{i}");
    }),
    ("consultant status change", store => async (worker, i) => await api.Ok(HttpMethod.Post,
        $"/api/stores/{store}/consultants/{shortName[store]}-bench{worker + 1:D2}/status", tokens[store].Manager, new { status = statuses[i % statuses.Length] })),
    ("parts movement", store => async (worker, i) => await api.Ok(HttpMethod.Post,
        $"/api/stores/{store}/parts/{parts[store][worker % parts[store].Length]}/movements", tokens[store].Planner,
        new { quantity = i % 2 == 0 ? 1 : -1, reason = i % 2 == 0 ? "Receipt" : "IssueToRepair", note = "bench" })),

    // A ledger line per action: the clerk's count corrections, alternately a car missing and found again.
    ("stock-ledger line", store => async (worker, i) => await api.Ok(HttpMethod.Post, $"/api/stores/{store}/stock-ledger/corrections",
        tokens[store].Clerk, new { vin = cars[store][worker % cars[store].Length], quantity = i % 2 == 0 ? -1 : 1, reason = "bench count" })),
};
foreach (var (name, operation) in kinds)
{
    var runs = new Dictionary<string, List<(Measurement.Result Result, double Writes)>> { [Empty] = [], [Long] = [] };
    foreach (var store in new[] { Empty, Long, Long, Empty })
    {
        runs[store].Add(await Measure($"{name}, {store}", operation(store)));
    }

    foreach (var (store, label) in new[] { (Empty, "empty history"), (Long, $"after {HistoryLength:N0} entries") })
    {
        var pair = runs[store];
        var mean = Measurement.Mean($"{name}, {label}", pair.Select(p => p.Result).ToList());
        results.Add(mean);
        writes.Add((mean.Name, pair.Average(p => p.Writes)));
        Console.WriteLine(mean.Row());
    }
}

var sm = await api.SignIn($"{shortName[Listed]}-sm");
foreach (var clients in new[] { 1, Workers })
{
    results.Add(await Measurement.Run($"deal list, first page of 10,000 deals (GET, limit 50), {clients} client{(clients == 1 ? "" : "s")}", clients,
        warmUp, duration, async (_, _) => await api.Ok(HttpMethod.Get, $"/api/stores/{Listed}/deals?limit=50", sm)));
    Console.WriteLine(results[^1].Row());
}

// The parts review over a parts room of 20,000 part numbers with a year of daily demand (issue 11's scale), one planner.
const int PartsRoom = 20_000;
await history.PartsRoom(Listed, PartsRoom);
var partsPlanner = await api.SignIn($"{shortName[Listed]}-parts");
results.Add(await Measurement.Run($"parts review over {PartsRoom:N0} parts with a year of demand (GET parts-planning, limit 500), 1 client", 1,
    warmUp, duration, async (_, _) => await api.Ok(HttpMethod.Get, $"/api/stores/{Listed}/parts-planning?limit=500", partsPlanner)));
Console.WriteLine(results[^1].Row());

// Receiving a 300-line delivery against a purchase order (issue 11's scale): 300 real parts, each receipt against a fresh sent
// order; timed is the one POST that counts the delivery, moves 300 parts into stock at cost and writes the slip.
const int ReceiptLines = 300;
const int Receipts = 10;
var gm = await api.SignIn($"{shortName[Listed]}-gm");
var receiptParts = Enumerable.Range(1, ReceiptLines).Select(n => $"RCPT-{n:D4}").ToArray();
foreach (var number in receiptParts)
{
    await api.Ok(HttpMethod.Post, $"/api/stores/{Listed}/parts", partsPlanner,
        new { partNumber = number, description = $"Receipt bench part {number}", bin = "R-01", onHand = 0, cost = 20m, supplier = "Bench supplier" });
}

var receiptTimes = new List<double>();
var receiptFailures = 0;
for (var round = 0; round < Receipts + 1; round++)
{
    using var drafted = await api.Send(HttpMethod.Post, $"/api/stores/{Listed}/purchase-orders", partsPlanner,
        new { supplier = "Bench supplier", lines = receiptParts.Select(p => new { partNumber = p, quantity = 10 }) }, Guid.NewGuid().ToString());
    var order = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purchaseOrderId").GetString();
    var path = $"/api/stores/{Listed}/purchase-orders/{order}";
    var ready = await api.Ok(HttpMethod.Post, $"{path}/approve", gm) && await api.Ok(HttpMethod.Post, $"{path}/sent", partsPlanner, new { });
    var delivery = new { deliveryNote = $"BENCH-DN-{round}", lines = Enumerable.Range(1, ReceiptLines).Select(l => new { line = l, delivered = 10, accepted = l % 50 == 0 ? 8 : 10, damaged = l % 50 == 0 ? 1 : 0 }) };
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var ok = ready && await api.Ok(HttpMethod.Post, $"{path}/receipts", partsPlanner, delivery);
    clock.Stop();
    if (round == 0)
    {
        continue; // warm-up
    }

    receiptTimes.Add(clock.Elapsed.TotalMilliseconds);
    receiptFailures += ok ? 0 : 1;
}

receiptTimes.Sort();
results.Add(new Measurement.Result($"receiving a {ReceiptLines}-line delivery against a purchase order (POST receipts; {Receipts} orders, one at a time)", 1,
    Receipts, receiptFailures, receiptTimes.Sum() / 1000, receiptTimes[receiptTimes.Count / 2], receiptTimes[^1], Receipts));
Console.WriteLine(results[^1].Row());

// The ceiling: the state write the grain storage issues (dealership_write_state), straight from here, on distinct rows.
var versions = new int?[Workers];
var payload = JsonSerializer.Serialize(new { status = "Available", note = (string?)null, revision = 1 });
results.Add(await Measurement.Run("trivial persisted write (ceiling: dealership_write_state, distinct rows)", Workers, warmUp, duration, async (worker, _) =>
{
    await using var command = database.CreateCommand("SELECT dealership_write_state($1, $2, $3, $4, $5)");
    command.Parameters.Add(new NpgsqlParameter { Value = "benchmark" });
    command.Parameters.Add(new NpgsqlParameter { Value = "bench-ceiling" });
    command.Parameters.Add(new NpgsqlParameter { Value = $"bench/{worker}" });
    command.Parameters.Add(new NpgsqlParameter { Value = (object?)versions[worker] ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
    command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
    var result = await command.ExecuteScalarAsync();
    versions[worker] = result is int v ? v : null;
    return result is int;
}));

await using (var cleanup = database.CreateCommand("DELETE FROM grain_state WHERE service_id = 'benchmark'"))
{
    await cleanup.ExecuteNonQueryAsync();
}

List<string> lines =
[
    $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, " +
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
    $"Each figure: {seconds} s measured after {warmUp.TotalSeconds:N0} s warm-up, {Workers} clients; silo, gateway, PostgreSQL (fsync on) and this " +
        "load generator share the machine.",
    "",
    "| path | workers | throughput | p50 | p99 | failures |",
    "|---|---|---|---|---|---|",
    .. results.Select(r => r.Row()),
    "",
    "PostgreSQL write transactions per staff action (transaction ids consumed, less the idle background rate):",
    .. writes.Select(w => $"- {w.Name}: {w.PerAction:N2}"),
    "",
    "Throughput after 20,000 entries as a share of the empty case:",
    .. results.Where(r => r.Name.Contains("empty history", StringComparison.Ordinal)).Select(e =>
    {
        var after = results.Single(r => r.Name == e.Name.Replace("empty history", $"after {HistoryLength:N0} entries", StringComparison.Ordinal));
        return $"- {e.Name.Replace(", empty history", "", StringComparison.Ordinal)}: {after.PerSecond / e.PerSecond:P0}";
    }),
];
foreach (var line in lines)
{
    Console.WriteLine(line);
}

if (output is not null)
{
    await File.WriteAllLinesAsync(output, lines);
}

return results.Sum(r => r.Failures) == 0 ? 0 : 1;

// Measures one kind of write and how many write transactions it costs.
async Task<(Measurement.Result Result, double Writes)> Measure(string name, Func<int, long, Task<bool>> operation)
{
    var before = await history.WriteTransactions();
    var started = DateTime.UtcNow;
    var result = await Measurement.Run(name, Workers, warmUp, duration, operation);
    var elapsed = (DateTime.UtcNow - started).TotalSeconds;
    var spent = await history.WriteTransactions() - before - 1 - (idle * elapsed);
    return (result, spent / result.AllOperations);
}

// Membership heartbeats and the like write now and then; measured while nothing else runs, and taken off the figures.
async Task<double> IdleWritesPerSecond()
{
    var before = await history.WriteTransactions();
    await Task.Delay(TimeSpan.FromSeconds(5));
    return (await history.WriteTransactions() - before - 1) / 5.0;
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
