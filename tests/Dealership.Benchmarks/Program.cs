using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dealership.Benchmarks;
using Npgsql;

// Usage (./bench.sh does this): Dealership.Benchmarks --url http://127.0.0.1:5090 --db "<connection string>" [--seconds 10]
var url = Arg("--url") ?? "http://127.0.0.1:5090";
var db = Arg("--db") ?? throw new ArgumentException("--db <connection string> is required");
var seconds = int.Parse(Arg("--seconds") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(2);
string[] stores = ["bj-chaoyang-vw", "bj-haidian-vw", "tj-hexi-toyota"];
string[] shorts = ["chaoyang", "haidian", "hexi"];
const int ConsultantsPerStore = 16;
const string Password = "demo-password-2026";

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url) };

// The floor: 16 consultants per store, created once (creation is idempotent).
var admin = await SignIn("huaxia-admin");
for (var s = 0; s < stores.Length; s++)
{
    await Task.WhenAll(Enumerable.Range(1, ConsultantsPerStore).Select(async i =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/groups/huaxia/staff")
        {
            Content = JsonContent.Create(new
            {
                username = $"{shorts[s]}-bench{i:D2}",
                displayName = $"Bench consultant {i}",
                role = "SalesConsultant",
                storeIds = new[] { stores[s] },
                wholeGroup = false,
                password = Password,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating a consultant failed: {await response.Content.ReadAsStringAsync()}");
        }
    }));
}

var managers = await Task.WhenAll(shorts.Select(s => SignIn($"{s}-sm")));
string[] statuses = ["WithCustomer", "Available", "OnTestDrive", "Available", "Delivering", "Available"];

var writesBefore = await StorageVersionSum();
long actions = 0;
var staff = await Measurement.Run("consultant status change via gateway (2 writes + feed event)", 48, warmUp, duration, async (worker, i) =>
{
    var store = worker % stores.Length;
    var consultant = $"{shorts[store]}-bench{worker / stores.Length % ConsultantsPerStore + 1:D2}";
    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stores/{stores[store]}/consultants/{consultant}/status")
    {
        Content = JsonContent.Create(new { status = statuses[i % statuses.Length] }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", managers[store]);
    using var response = await http.SendAsync(request);
    Interlocked.Increment(ref actions);
    return response.IsSuccessStatusCode;
});
var writesPerAction = (await StorageVersionSum() - writesBefore) / (double)actions;

// The ceiling: the same state write the grain storage issues (dealership_write_state), straight from here, on distinct rows.
await using var dataSource = NpgsqlDataSource.Create(db);
var versions = new int?[32];
var payload = JsonSerializer.Serialize(new { status = "Available", note = (string?)null, revision = 1 });
var ceiling = await Measurement.Run("trivial persisted write (dealership_write_state, distinct rows)", 32, warmUp, duration, async (worker, _) =>
{
    await using var command = dataSource.CreateCommand("SELECT dealership_write_state($1, $2, $3, $4, $5)");
    command.Parameters.Add(new NpgsqlParameter { Value = "benchmark" });
    command.Parameters.Add(new NpgsqlParameter { Value = "bench-ceiling" });
    command.Parameters.Add(new NpgsqlParameter { Value = $"bench/{worker}" });
    command.Parameters.Add(new NpgsqlParameter { Value = (object?)versions[worker] ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
    command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
    var result = await command.ExecuteScalarAsync();
    versions[worker] = result is int v ? v : null;
    return result is int;
});

await using (var cleanup = dataSource.CreateCommand("DELETE FROM grain_state WHERE service_id = 'benchmark'"))
{
    await cleanup.ExecuteNonQueryAsync();
}

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"Each figure: {seconds} s measured after {warmUp.TotalSeconds:N0} s warm-up; silo, gateway, PostgreSQL (fsync on) and this load generator share the machine.");
Console.WriteLine();
Console.WriteLine("| path | workers | throughput | p50 | p99 | failures |");
Console.WriteLine("|---|---|---|---|---|---|");
Console.WriteLine(staff.Row());
Console.WriteLine(ceiling.Row());
Console.WriteLine();
Console.WriteLine($"PostgreSQL writes per staff action (stored versions added ÷ actions): {writesPerAction:N2}");
Console.WriteLine($"Staff action throughput as a share of the raw write ceiling: {staff.PerSecond / ceiling.PerSecond:P0} (an action costs {writesPerAction:N1} writes)");
return staff.Failures == 0 ? 0 : 1;

async Task<string> SignIn(string username)
{
    using var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password = Password });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}

async Task<long> StorageVersionSum()
{
    await using var connection = new NpgsqlConnection(db);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT coalesce(sum(version), 0) FROM grain_state", connection);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
