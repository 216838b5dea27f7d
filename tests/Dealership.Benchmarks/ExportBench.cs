using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using Npgsql;

namespace Dealership.Benchmarks;

/// <summary>
/// The store's full export at the size of five years of a busy store: a store given 110,000 register entries, a parts room of
/// 5,000 parts with a year's demand and 100 movements each, 12,000 stock-ledger lines and 6,000 deals (the rows the grains would
/// have written, loaded in SQL), then its export downloaded whole through the gateway as the administrator's browser would.
/// Reports the time, the archive's size and rows, and the gateway's and silo's peak memory before and after (flat memory: the
/// export streams; neither holds a table).
/// </summary>
public static class ExportBench
{
    private const string Store = "bench-export";

    public static async Task<IReadOnlyList<string>> Run(Api api, HttpClient http, NpgsqlDataSource database)
    {
        var admin = await api.SignIn("huaxia-admin");
        await api.Stores(admin, [Store]);
        var history = new History(database);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var seeding = Stopwatch.StartNew();
        await history.RegisterYears(Store, today, 5 * 365, 60);
        await history.PartsRoom(Store, 5_000);
        await history.Movements(Store, 5_000, 100);
        await history.Ledger(Store, 12_000);
        await history.Deals(Store, 6_000);
        seeding.Stop();
        await using (var analyze = database.CreateCommand("ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var rows = await Rows(database);
        var (gatewayBefore, siloBefore) = (HostMemory.PeakMb(HostMemory.IsGateway), HostMemory.PeakMb(HostMemory.IsSilo));
        var file = Path.Combine(Path.GetTempPath(), $"bench-export-{Environment.ProcessId}.zip");
        var clock = Stopwatch.StartNew();
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/stores/{Store}/export.zip"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            await using var target = File.Create(file);
            await body.CopyToAsync(target);
        }

        clock.Stop();
        var (gatewayAfter, siloAfter) = (HostMemory.PeakMb(HostMemory.IsGateway), HostMemory.PeakMb(HostMemory.IsSilo));
        var size = new FileInfo(file).Length;
        long csvBytes;
        int files;
        using (var zip = ZipFile.OpenRead(file))
        {
            csvBytes = zip.Entries.Sum(e => e.Length);
            files = zip.Entries.Count;
        }

        File.Delete(file);
        var seconds = clock.Elapsed.TotalSeconds;
        return
        [
            "",
            "The full export of one store with five years of history (`./bench.sh 10 export`):",
            "",
            "| figure | value |",
            "|---|---|",
            string.Create(CultureInfo.InvariantCulture, $"| the store's rows in its tables | {rows:N0} (loaded in {seeding.Elapsed.TotalSeconds:N0} s) |"),
            string.Create(CultureInfo.InvariantCulture, $"| export downloaded whole | {seconds:N1} s, {rows / seconds:N0} rows/s |"),
            string.Create(CultureInfo.InvariantCulture, $"| archive | {files} files, {size / 1024.0 / 1024.0:N1} MB zipped, {csvBytes / 1024.0 / 1024.0:N1} MB of CSV |"),
            string.Create(CultureInfo.InvariantCulture, $"| gateway peak memory (VmHWM) before → after | {gatewayBefore:N0} → {gatewayAfter:N0} MB |"),
            string.Create(CultureInfo.InvariantCulture, $"| silo peak memory (VmHWM) before → after | {siloBefore:N0} → {siloAfter:N0} MB |"),
        ];
    }

    private static async Task<long> Rows(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "SELECT (SELECT count(*) FROM register_entries WHERE store_id = $1) + (SELECT count(*) FROM parts_movements WHERE store_id = $1) " +
            "+ (SELECT count(*) FROM parts_demand WHERE store_id = $1) + (SELECT count(*) FROM parts_items WHERE store_id = $1) " +
            "+ (SELECT count(*) FROM stock_ledger WHERE store_id = $1) + (SELECT count(*) FROM deals WHERE store_id = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = Store });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
