using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Integration.Tests.System;

namespace Dealership.Integration.Tests.Platform;

/// <summary>
/// The README's backup and restore, as an operator runs them: scripts/backup.sh while walk-ins keep being logged, then
/// scripts/restore.sh into a fresh data folder and the system started on it. Every walk-in acknowledged before the backup began is
/// there, and the stock list, vehicles, stock ledger, deals, parts and repair orders read as they did when it began.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private const string Store = $"/api/stores/{Demo.Chaoyang}";

    private readonly string work = Path.Combine(Repo.Root, ".test-data", "backup-" + Guid.NewGuid().ToString("N")[..8]);
    private DealershipSystem system = null!;
    private DealershipSystem? restored;
    private string? restoredData;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(work);
        system = await DealershipSystem.Create();
        await system.StartSilo();
        await system.StartGateway(seedDemo: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (restored is not null)
        {
            await restored.DisposeAsync();
        }

        if (restoredData is not null)
        {
            await Run("bash", "-c", "source scripts/postgres.sh && pg_find_binaries && pg_stop \"$0\"", restoredData);
            if (Directory.Exists(restoredData))
            {
                Directory.Delete(restoredData, recursive: true); // as root it lives where the postgres user can reach it, outside work
            }
        }

        await system.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_backup_taken_under_load_restores_into_a_fresh_folder_with_every_acknowledged_write_and_the_same_views()
    {
        var gateway = system.Gateways[0];
        using var sc = gateway.Client(await gateway.SignIn("chaoyang-sc1"));
        var readers = await Readers(gateway);

        // The writer logs walk-ins one after another; holding the gate pauses it between two of them. Each acknowledged walk-in
        // releases `written` once, so the test waits for writes by counting them.
        var gate = new SemaphoreSlim(1);
        using var written = new SemaphoreSlim(0);
        var acknowledged = new List<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await gate.WaitAsync();
                try
                {
                    var entry = await (await sc.Post($"{Store}/showroom-register", new
                    {
                        kind = "Visit",
                        source = "WalkIn",
                        customerName = "Backup Walk-in",
                        mobile = $"137{Random.Shared.Next(0, 100_000_000):D8}",
                        partySize = 1,
                        grade = "B",
                    })).Json(HttpStatusCode.Created);
                    lock (acknowledged)
                    {
                        acknowledged.Add(entry.GetProperty("customerId").GetString()!);
                    }

                    written.Release();
                }
                finally
                {
                    gate.Release();
                }
            }
        });
        await Writes(written, 20);

        // The point of the backup: the writer waits, the views are read, and pg_dump takes its snapshot before writing resumes.
        await gate.WaitAsync();
        List<string> before;
        lock (acknowledged)
        {
            before = [.. acknowledged];
        }

        var views = await Views(readers);
        Assert.All(new[] { "vehicles", "stock ledger", "parts" }, v => Assert.NotEqual("[]", views[v])); // the demo store's, not empty lists
        var backup = Start("scripts/backup.sh", [work], ("ConnectionStrings__Dealership", system.Database.ConnectionString));
        // The dump's snapshot is taken by its first query after BEGIN (query_start > xact_start) and held from then on; pg_dump's
        // earlier autocommit SELECTs (search_path, version) also hold an xmin while they run, so xmin alone is not the snapshot.
        await Until(async () => backup.HasExited || await system.Database.Scalar<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pg_dump' " +
            "AND backend_xmin IS NOT NULL AND query_start > xact_start") > 0);
        gate.Release();

        var output = await backup.StandardOutput.ReadToEndAsync();
        await backup.WaitForExitAsync();
        Assert.True(backup.ExitCode == 0, await backup.StandardError.ReadToEndAsync());
        await Writes(written, 5); // it kept writing after the backup began
        await stop.CancelAsync();
        await writer;
        var file = output.Trim().Split('\n')[^1];
        Assert.Matches(@"dealership-\d{8}T\d{6}Z\.dump$", file);

        var restore = await Run("scripts/restore.sh", file, Path.Combine(work, "postgres"));
        restoredData = restore.Split('\n').Last(l => l.StartsWith("DATA=", StringComparison.Ordinal))["DATA=".Length..];
        var port = Repo.FreePort();
        await Run("bash", "-c", "source scripts/postgres.sh && pg_find_binaries && pg_start \"$0\" \"$1\"", restoredData, $"{port}");
        restored = DealershipSystem.On(TestDatabase.Attached("dealership", $"Host=127.0.0.1;Port={port};Username=postgres;Database=dealership"));
        await restored.StartSilo();
        await restored.StartGateway();

        var again = await Readers(restored.Gateways[0]);
        var after = await Views(again);
        foreach (var (name, view) in views)
        {
            Assert.True(view == after[name], $"{name} differs after the restore:\nbefore: {view}\nafter:  {after[name]}");
        }

        foreach (var customerId in before)
        {
            await (await again.Manager.GetAsync($"{Store}/customers/{customerId}")).Json(HttpStatusCode.OK);
        }

        // One snapshot: what was written after it began is not in it.
        List<string> later;
        lock (acknowledged)
        {
            later = [.. acknowledged.Skip(before.Count)];
        }

        Assert.True(later.Count >= 5);
        foreach (var customerId in later)
        {
            await (await again.Manager.GetAsync($"{Store}/customers/{customerId}")).Problem(HttpStatusCode.NotFound);
        }

        await Task.WhenAll(again.All.Select(c => Task.Run(c.Dispose)));
        await Task.WhenAll(readers.All.Select(c => Task.Run(c.Dispose)));
    }

    private sealed record ViewReaders(HttpClient Manager, HttpClient Clerk, HttpClient Parts, HttpClient Advisor)
    {
        public HttpClient[] All => [Manager, Clerk, Parts, Advisor];
    }

    private static async Task<ViewReaders> Readers(DealershipSystem.Gateway gateway) => new(
        gateway.Client(await gateway.SignIn("chaoyang-sm")), gateway.Client(await gateway.SignIn("chaoyang-clerk")),
        gateway.Client(await gateway.SignIn("chaoyang-parts")), gateway.Client(await gateway.SignIn("chaoyang-advisor")));

    /// <summary>The views an operator checks after a restore, each as the API answers it.</summary>
    private static async Task<Dictionary<string, string>> Views(ViewReaders r) => new()
    {
        ["stock list"] = Text(await (await r.Clerk.GetAsync($"{Store}/stock")).Json(HttpStatusCode.OK)),
        ["vehicles"] = Text(await r.Clerk.All($"{Store}/vehicles")),
        ["stock ledger"] = Text(await r.Clerk.All($"{Store}/stock-ledger")),
        ["deals"] = Text(await r.Manager.All($"{Store}/deals")),
        ["parts"] = Text(await r.Parts.All($"{Store}/parts")),
        ["repair orders"] = Text(await r.Advisor.All($"{Store}/repair-orders")),
    };

    private static string Text(JsonElement e) => JsonSerializer.Serialize(JsonNode.Parse(e.GetRawText()));

    private static async Task Writes(SemaphoreSlim written, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await written.WaitAsync(TimeSpan.FromMinutes(1)), "the writer stopped writing");
        }
    }

    // Polls a condition of another process (the writer, pg_dump) until it holds; fails after a minute.
    private static async Task Until(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within a minute");
            await Task.Delay(20);
        }
    }

    private static Process Start(string file, string[] arguments, params (string Key, string Value)[] environment)
    {
        // A script of the repository by its path from the root; a program (bash) from PATH.
        var program = file.Contains('/') ? Path.Combine(Repo.Root, file) : file;
        var start = new ProcessStartInfo(program) { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task<string> Run(string file, params string[] arguments)
    {
        var (code, output, error) = await Repo.Run(file.Contains('/') ? Path.Combine(Repo.Root, file) : file, arguments);
        Assert.True(code == 0, $"{file} {string.Join(' ', arguments)} failed: {error}");
        return output;
    }
}
