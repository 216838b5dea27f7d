namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of a test's own, made and run by scripts/postgres.sh as ./run.sh makes its own, for tests that stop
/// the database (an outage) or start one beside another: the suite's shared server must keep running for the other tests.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private PrivatePostgres(string dataDir, int port)
    {
        DataDir = dataDir;
        Port = port;
    }

    public string DataDir { get; }

    public int Port { get; }

    /// <summary>The server's address, for a database on it.</summary>
    public string Server => $"Host=127.0.0.1;Port={Port};Username=postgres";

    /// <summary>A new cluster (initdb) in .test-data, not started yet.</summary>
    public static async Task<PrivatePostgres> Create()
    {
        var wanted = Path.Combine(Repo.Root, ".test-data", "pg-" + Guid.NewGuid().ToString("N")[..8]);
        // As root the server runs as the postgres user, and the script may place the data where that user can reach it.
        var dataDir = (await Script($"pg_find_binaries && d=$(pg_pick_data_dir {Quote(wanted)}) && pg_init \"$d\" && echo \"$d\"")).Trim().Split('\n')[^1];
        return new PrivatePostgres(dataDir, Repo.FreePort());
    }

    /// <summary>Starts the server (fsync off, as the suite's) and answers PG_STARTED: 1 when this call started it.</summary>
    public async Task<string> Start(int? port = null) =>
        (await Script($"pg_find_binaries && pg_start {Quote(DataDir)} {port ?? Port} fsync=off synchronous_commit=off && echo \"started=$PG_STARTED\""))
            .Trim().Split('\n')[^1];

    /// <summary>Starts the server with a database "dealership" and answers a system on it (no hosts started yet).</summary>
    public async Task<DealershipSystem> StartSystem(int poolSize)
    {
        await Start();
        await CreateDatabase("dealership");
        return DealershipSystem.On(TestDatabase.Attached("dealership", $"{Server};Database=dealership;Maximum Pool Size={poolSize}"));
    }

    /// <summary>A fast shutdown, as an operator's `pg_ctl stop -m fast`: open connections are cut.</summary>
    public Task Stop() => Script($"pg_find_binaries && pg_stop {Quote(DataDir)}");

    /// <summary>Whether the server answers on its port.</summary>
    public async Task<bool> IsRunning() => (await Run("bash", "-c",
        $"source scripts/postgres.sh && pg_find_binaries && pg_as_owner \"$PG_BIN/pg_ctl\" -D {Quote(DataDir)} status >/dev/null && echo yes || echo no")).Output.Trim() == "yes";

    public async Task CreateDatabase(string name) => await Script($"pg_find_binaries && pg_create_db {Quote(DataDir)} {Port} {name}");

    public async ValueTask DisposeAsync()
    {
        await Stop();
        Directory.Delete(DataDir, recursive: true);
    }

    /// <summary>Runs bash with scripts/postgres.sh sourced, from the repository's root; fails the test on a non-zero exit.</summary>
    public static async Task<string> Script(string commands)
    {
        var (code, output, error) = await Run("bash", "-c", "source scripts/postgres.sh && " + commands);
        Assert.True(code == 0, $"{commands} failed ({code}): {error}");
        return output;
    }

    /// <summary>A program run from the repository's root to its end: exit code, standard output and standard error.</summary>
    public static Task<(int Code, string Output, string Error)> Run(string program, params string[] arguments) => Repo.Run(program, arguments);

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
