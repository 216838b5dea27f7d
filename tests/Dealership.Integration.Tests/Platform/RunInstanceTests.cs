using System.Diagnostics;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.Platform;

/// <summary>
/// ./run.sh beside a running one: it refuses, saying where the other runs, and it never stops a database it did not start.
/// The steps are run.sh's own (scripts/instance.sh and scripts/postgres.sh), run as run.sh runs them; a whole ./run.sh would
/// build and publish again under the suite's feet.
/// </summary>
public sealed class RunInstanceTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Repo.Root, ".test-data", "instance-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> running = [];

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in running.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_second_instance_in_the_same_folder_is_refused_and_told_where_the_first_runs()
    {
        var url = $"http://127.0.0.1:{Repo.FreePort()}";
        var first = Claim(url);
        Assert.Equal("claimed", await first.StandardOutput.ReadLineAsync());

        var (code, output, error) = await PrivatePostgres.Run("bash", "-c", $"source scripts/instance.sh && instance_claim '{folder}' '{url}' && echo claimed");
        Assert.Equal(1, code);
        Assert.DoesNotContain("claimed", output, StringComparison.Ordinal);
        Assert.Contains($"pid {first.Id}", error, StringComparison.Ordinal);
        Assert.Contains(url, error, StringComparison.Ordinal);

        // The first one gone, the folder is free again.
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var next = Claim(url);
        Assert.Equal("claimed", await next.StandardOutput.ReadLineAsync());
    }

    [Fact]
    public async Task An_instance_whose_address_is_taken_by_another_folder_is_refused()
    {
        using var other = new global::System.Net.Sockets.TcpListener(global::System.Net.IPAddress.Loopback, 0);
        other.Start();
        var url = $"http://127.0.0.1:{((global::System.Net.IPEndPoint)other.LocalEndpoint).Port}";

        var (code, _, error) = await PrivatePostgres.Run("bash", "-c", $"source scripts/instance.sh && instance_claim '{folder}' '{url}'");
        Assert.Equal(1, code);
        Assert.Contains("DEALERSHIP_URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_server_already_running_is_used_and_not_counted_as_started()
    {
        await using var postgres = await PrivatePostgres.Create();
        Assert.Equal("started=1", await postgres.Start());
        Assert.Equal("started=0", await postgres.Start()); // run.sh stops the server on its way out only when this says 1
        Assert.True(await postgres.IsRunning());

        // Already running on another port than asked: refused, rather than a connection string pointing nowhere.
        var (code, _, error) = await PrivatePostgres.Run("bash", "-c",
            $"source scripts/postgres.sh && pg_find_binaries && pg_start '{postgres.DataDir}' {Repo.FreePort()}");
        Assert.NotEqual(0, code);
        Assert.Contains($"on port {postgres.Port}", error, StringComparison.Ordinal);
        Assert.True(await postgres.IsRunning());
    }

    // A shell holding the folder's claim, as a running ./run.sh does; it prints "claimed" once it holds it.
    private Process Claim(string url)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"source scripts/instance.sh && instance_claim '{folder}' '{url}' && echo claimed && exec sleep 600");
        var process = Process.Start(start)!;
        running.Add(process);
        return process;
    }
}
