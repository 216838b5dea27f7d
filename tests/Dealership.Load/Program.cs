using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dealership.Benchmarks;
using Dealership.Load;

// Usage (./bench.sh <seconds> load does this): Dealership.Load --url http://127.0.0.1:5090 [--seconds 60] [--stores 3]
//   [--consultants 8] [--warm-up 40] [--seed 20261207] [--out .test-data/load-results.md] [--record .test-data/load-acknowledged.txt]
// Sets up its stores through the API (the demo group's three first; more are opened as bench-load-N), measures the three
// ceilings, then plays the mixed day and reports each step's throughput, latency and errors, and the day as ratios of them.
var url = Arg("--url") ?? "http://127.0.0.1:5090";
var seconds = int.Parse(Arg("--seconds") ?? "60", CultureInfo.InvariantCulture);
var storeCount = int.Parse(Arg("--stores") ?? "3", CultureInfo.InvariantCulture);
var consultants = int.Parse(Arg("--consultants") ?? "8", CultureInfo.InvariantCulture);
var seed = int.Parse(Arg("--seed") ?? "20261207", CultureInfo.InvariantCulture);
var output = Arg("--out") ?? ".test-data/load-results.md";
var record = Arg("--record") ?? ".test-data/load-acknowledged.txt";
var ceilingLength = TimeSpan.FromSeconds(Math.Max(5, seconds / 4));
// The day's first half-minute on two cores is spent compiling its code paths (the runtime's JIT took ~19 % of the machine
// then, ~2 % after): the measured window starts after it, as a server that has run for a while would be measured.
var warmUp = TimeSpan.FromSeconds(int.Parse(Arg("--warm-up") ?? "40", CultureInfo.InvariantCulture));

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
var api = new Api(http);
var admin = await api.SignIn("huaxia-admin");
string[] demo = ["bj-chaoyang-vw", "bj-haidian-vw", "tj-hexi-toyota"];
var random = new Random(seed);
var floors = new List<StoreFloor>();
for (var i = 0; i < storeCount; i++)
{
    var storeId = i < demo.Length ? demo[i] : $"bench-load-{i + 1}";
    // Enough cars for the warm-up and the measured day (a consultant closes about a sale every 2 s here: a sale is one pick of
    // the mix but a dozen steps), with room to spare: a store that has sold every car stops selling, and the report says so.
    floors.Add(await StoreFloor.Open(api, admin, storeId, i + 1, consultants,
        cars: Math.Max(20, (int)(seconds + warmUp.TotalSeconds) * consultants * 3 / 4), random));
    Console.WriteLine($"{storeId}: {consultants} consultants, {floors[^1].CarsToSell.Count} cars to sell, {floors[^1].Parts.Count} parts");
}

// The ceilings, each alone with as many workers as the day has consultants: the HTTP stack, a grain read, a persisted write.
var workers = storeCount * consultants;
var everyone = floors.SelectMany(f => f.Consultants.Select(c => (Floor: f, Consultant: c, Token: f.Tokens[c]))).ToList();
var ceilingWarmUp = TimeSpan.FromSeconds(2);
var httpCeiling = await Measurement.Run("ceiling: GET /health/live", workers, ceilingWarmUp, ceilingLength, async (w, _) =>
{
    using var response = await http.GetAsync("/health/live");
    return response.IsSuccessStatusCode;
});
var readCeiling = await Measurement.Run("ceiling: a grain read (a consultant)", workers, ceilingWarmUp, ceilingLength, (w, _) =>
    api.Ok(HttpMethod.Get, $"/api/stores/{everyone[w].Floor.StoreId}/consultants/{everyone[w].Consultant}", everyone[w].Token));
var writeCeiling = await Measurement.Run("ceiling: a persisted write (a consultant's status)", workers, ceilingWarmUp, ceilingLength, (w, i) =>
    api.Ok(HttpMethod.Post, $"/api/stores/{everyone[w].Floor.StoreId}/consultants/{everyone[w].Consultant}/status", everyone[w].Token,
        new { status = i % 2 == 0 ? "WithCustomer" : "Available" }));
var boardAlone = await Measurement.Run("board read alone (up next)", workers, ceilingWarmUp, ceilingLength, (w, _) =>
    api.Ok(HttpMethod.Get, $"/api/stores/{everyone[w].Floor.StoreId}/showroom/up-next", everyone[w].Token));
foreach (var r in new[] { httpCeiling, readCeiling, writeCeiling, boardAlone })
{
    Console.WriteLine(r.Row());
}

// The day: a warm-up, then the measured window.
var measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
var recorder = new Recorder(measureFrom);
var day = new MixedDay([api], floors, recorder, seed);
await day.Run(warmUp + TimeSpan.FromSeconds(seconds));

var window = (double)seconds;
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Mixed day: {storeCount} stores × {consultants} consultants ({workers} at once), seed {seed}, {seconds} s measured after {warmUp.TotalSeconds:N0} s of warm-up, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores.");
report.AppendLine();
report.AppendLine("| step | done | per second | p50 | p95 | p99 | refused as expected | errors |");
report.AppendLine("|---|---|---|---|---|---|---|---|");
long total = 0, errors = 0;
var all = new List<double>();
foreach (var (name, figures) in recorder.Operations)
{
    var sorted = figures.Sorted();
    total += sorted.Length;
    errors += figures.Errors;
    all.AddRange(sorted);
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {sorted.Length:N0} | {sorted.Length / window:N1} | {P(sorted, 0.50):N1} ms | {P(sorted, 0.95):N1} ms | {P(sorted, 0.99):N1} ms | {figures.Refusals:N0} | {figures.Errors:N0} |");
}

var allSorted = all.Order().ToArray();
var perSecond = total / window;
report.AppendLine(CultureInfo.InvariantCulture, $"| **the day, every step** | {total:N0} | {perSecond:N1} | {P(allSorted, 0.50):N1} ms | {P(allSorted, 0.95):N1} ms | {P(allSorted, 0.99):N1} ms | | {errors:N0} |");
report.AppendLine();
report.AppendLine("| ceiling (alone, same run) | workers | per second | p50 | p99 | failed |");
report.AppendLine("|---|---|---|---|---|---|");
foreach (var r in new[] { httpCeiling, readCeiling, writeCeiling, boardAlone })
{
    report.AppendLine(r.Row());
}

report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"- the day ÷ the persisted-write ceiling: **{perSecond / writeCeiling.PerSecond:P0}** (target ≥ 60 %), p99 {P(allSorted, 0.99):N1} ms (target < 50 ms)");
report.AppendLine(CultureInfo.InvariantCulture, $"- board reads alone ÷ the grain-read ceiling: **{boardAlone.PerSecond / readCeiling.PerSecond:P0}** (target ≥ 50 %)");
report.AppendLine(CultureInfo.InvariantCulture, $"- the persisted-write ceiling ÷ the HTTP ceiling: {writeCeiling.PerSecond / httpCeiling.PerSecond:P0}; the grain-read ceiling ÷ the HTTP ceiling: {readCeiling.PerSecond / httpCeiling.PerSecond:P0}");
report.AppendLine(CultureInfo.InvariantCulture, $"- cars left to sell at the end: {string.Join(", ", floors.Select(f => $"{f.StoreId} {f.CarsToSell.Count}"))}{(floors.Any(f => f.CarsToSell.IsEmpty) ? " (a store ran out: its sales stopped before the end)" : "")}");
foreach (var (name, figures) in recorder.Operations.Where(o => o.Figures.ErrorKinds.Count > 0))
{
    report.AppendLine(CultureInfo.InvariantCulture, $"- errors of {name}: {string.Join("; ", figures.ErrorKinds.Select(k => $"{k.Key} ×{k.Value}"))}");
}

Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, report.ToString());
await File.WriteAllLinesAsync(record, recorder.Acknowledged.Select(a => a.ToString()));
Console.WriteLine($"Figures in {output}; {recorder.Acknowledged.Count:N0} acknowledged writes listed in {record}.");
return errors == 0 ? 0 : 1;

static double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
