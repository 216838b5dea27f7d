using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Dealership.Benchmarks;

/// <summary>
/// A store brought in from its spreadsheets: 40 suppliers, then a parts master of 30,000 part numbers with on-hand stock and twelve
/// months of demand (as a dealer's old system exports it: GB18030 CSV, Chinese headers; most parts slow or dead, a few fast),
/// uploaded through the gateway as the web app does: a dry run, the import, and the same file again (nothing to change). A
/// 3,000-part file goes first, so the peak memory the 30,000-part import adds shows whether memory grows with the file. Then the
/// planner's suggestion list over the imported parts.
/// </summary>
public static class ImportBench
{
    private const string Store = "bench-import";

    private const int Suppliers = 40;

    static ImportBench() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<IReadOnlyList<string>> Run(Api api, HttpClient http, NpgsqlDataSource database)
    {
        var admin = await api.SignIn("huaxia-admin");
        await api.Stores(admin, [Store]);
        await api.Staff(admin, "bench-import-parts", "PartsPlanner", Store);
        var planner = await api.SignIn("bench-import-parts");
        var folder = Directory.CreateTempSubdirectory("bench-import-").FullName;
        try
        {
            var suppliers = Path.Combine(folder, "suppliers.csv");
            await File.WriteAllTextAsync(suppliers, "供应商名称,联系人,联系电话,交货周期(天)\r\n" +
                string.Concat(Enumerable.Range(1, Suppliers).Select(s => $"基准供应商{s:00},联系人{s},010-8888 {s:0000},{3 + (s % 10)}\r\n")));
            await Import(http, admin, "Suppliers", suppliers, dryRun: false);

            var small = Path.Combine(folder, "parts-3000.csv");
            var large = Path.Combine(folder, "parts-30000.csv");
            await PartsFile(small, "S", 3_000);
            await PartsFile(large, "L", 30_000);
            var smallRun = await Import(http, admin, "Parts", small, dryRun: false);
            var (gatewayBefore, siloBefore) = (HostMemory.PeakMb(HostMemory.IsGateway), HostMemory.PeakMb(HostMemory.IsSilo));
            var check = await Import(http, admin, "Parts", large, dryRun: true);
            var apply = await Import(http, admin, "Parts", large, dryRun: false);
            var (gatewayAfter, siloAfter) = (HostMemory.PeakMb(HostMemory.IsGateway), HostMemory.PeakMb(HostMemory.IsSilo));
            var again = await Import(http, admin, "Parts", large, dryRun: false);

            // A file twice the size: if memory grew with the file, its peak would.
            var twice = Path.Combine(folder, "parts-60000.csv");
            await PartsFile(twice, "D", 60_000);
            var doubled = await Import(http, admin, "Parts", twice, dryRun: false);
            var (gatewayDoubled, siloDoubled) = (HostMemory.PeakMb(HostMemory.IsGateway), HostMemory.PeakMb(HostMemory.IsSilo));

            var review = Stopwatch.StartNew();
            var suggestions = await api.Json($"/api/v2/stores/{Store}/parts-planning?toOrderOnly=true&limit=500", planner);
            review.Stop();
            long demandRows;
            await using (var count = database.CreateCommand($"SELECT count(*) FROM parts_demand WHERE store_id = '{Store}'"))
            {
                demandRows = (long)(await count.ExecuteScalarAsync())!;
            }

            var bytes = new FileInfo(large).Length;
            string Line(string what, (JsonElement Report, double Seconds) run) => string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {run.Seconds:N1} s | {30_000 / run.Seconds:N0} rows/s | +{run.Report.GetProperty("added").GetInt32():N0} " +
                $"~{run.Report.GetProperty("updated").GetInt32():N0} ={run.Report.GetProperty("unchanged").GetInt32():N0} |");
            return
            [
                "",
                "A store's parts master imported through the gateway (`./bench.sh 10 import`): 30,000 part numbers with on-hand stock and twelve " +
                    "months of demand, GB18030 CSV with Chinese headers, after 40 suppliers:",
                "",
                "| run | time | rows/s | added ~updated =unchanged |",
                "|---|---|---|---|",
                Line("dry run (every row checked, nothing changed)", check),
                Line("import", apply),
                Line("the same file again (nothing to change)", again),
                "",
                "| figure | value |",
                "|---|---|",
                string.Create(CultureInfo.InvariantCulture, $"| file | {bytes / 1024.0 / 1024.0:N1} MB; a 3,000-part file imported first in {smallRun.Seconds:N1} s |"),
                string.Create(CultureInfo.InvariantCulture, $"| demand days written for the planner | {demandRows:N0} |"),
                string.Create(CultureInfo.InvariantCulture, $"| a 60,000-part file ({new FileInfo(twice).Length / 1024.0 / 1024.0:N1} MB) imported after | {doubled.Seconds:N1} s |"),
                string.Create(CultureInfo.InvariantCulture,
                    $"| gateway peak memory (VmHWM) after 3,000 parts → 30,000 → 60,000 | {gatewayBefore:N0} → {gatewayAfter:N0} → {gatewayDoubled:N0} MB |"),
                string.Create(CultureInfo.InvariantCulture,
                    $"| silo peak memory (VmHWM) after 3,000 parts → 30,000 → 60,000 | {siloBefore:N0} → {siloAfter:N0} → {siloDoubled:N0} MB |"),
                string.Create(CultureInfo.InvariantCulture,
                    $"| the planner's suggestion list over {suggestions.GetProperty("partsReviewed").GetInt32():N0} parts | {review.Elapsed.TotalSeconds:N1} s, " +
                    $"{suggestions.GetProperty("partsToOrder").GetInt32():N0} to order |"),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // An import answers when it is done: a large one may outlast the benchmarks' usual one-minute timeout.
    private static readonly HttpClient Uploads = new() { Timeout = TimeSpan.FromMinutes(10) };

    private static async Task<(JsonElement Report, double Seconds)> Import(HttpClient http, string token, string kind, string path, bool dryRun)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{http.BaseAddress}api/v2/stores/{Store}/imports?kind={kind}&dryRun={(dryRun ? "true" : "false")}&fileName={Path.GetFileName(path)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using var file = File.OpenRead(path);
        request.Content = new StreamContent(file);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await Uploads.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"importing {path}: {(int)response.StatusCode} {body}");
        }

        clock.Stop();
        var report = JsonDocument.Parse(body).RootElement.Clone();
        if (report.GetProperty("rowsBad").GetInt32() > 0)
        {
            throw new InvalidOperationException($"importing {path}: {report.GetProperty("rowsBad").GetInt32()} bad rows: {body[..Math.Min(body.Length, 600)]}");
        }

        return (report, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A parts master as a dealer has it: 40% of parts dead, 35% slow, 20% steady, 5% fast; fixed seed.</summary>
    private static async Task PartsFile(string path, string series, int parts)
    {
        var random = new Random(parts);
        await using var writer = new StreamWriter(path, false, Encoding.GetEncoding(54936));
        await writer.WriteAsync("配件编号,配件名称,库位,供应商,包装数量,成本价,销售价,库存数量,最低库存," +
            string.Join(",", Enumerable.Range(1, 12).Select(m => $"前{m}月需求")) + "\r\n");
        for (var i = 0; i < parts; i++)
        {
            var kind = random.NextDouble();
            var (low, high) = kind < 0.40 ? (0, 0) : kind < 0.75 ? (0, 3) : kind < 0.95 ? (5, 40) : (50, 300);
            var cost = Math.Round(5m + (decimal)(random.NextDouble() * 2_000), 2);
            var demand = string.Join(",", Enumerable.Range(0, 12).Select(_ => random.Next(low, high + 1)));
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"BM{series}-{i:000000},基准配件 {i} 适用 朗逸/速腾,{(char)('A' + (i % 20))}-{i % 50:00}-{i % 7:00},基准供应商{1 + (i % Suppliers):00}," +
                $"{(i % 5 == 0 ? 10 : 1)},{cost},{Math.Round(cost * 1.45m, 2)},{random.Next(0, 40)},{random.Next(0, 4)},{demand}\r\n"));
        }
    }
}
