using Npgsql;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>A database of its own on the PostgreSQL that ./test.sh started (DEALERSHIP_TEST_PG), dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly bool owned;

    private TestDatabase(string name, string connectionString, bool owned = true)
    {
        Name = name;
        ConnectionString = connectionString;
        this.owned = owned;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string Server =>
        Environment.GetEnvironmentVariable("DEALERSHIP_TEST_PG") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException("DEALERSHIP_TEST_PG is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    public static async Task<TestDatabase> Create()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(Server + ";Database=postgres"))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0", admin);
            await command.ExecuteNonQueryAsync();
        }

        return new TestDatabase(name, $"{Server};Database={name};Pooling=true;Maximum Pool Size=20");
    }

    /// <summary>A database this test did not create (e.g. one restored into a cluster of its own): used, never dropped.</summary>
    public static TestDatabase Attached(string name, string connectionString) => new(name, connectionString, owned: false);

    /// <summary>Loads a plain-SQL dump (gzip) made with pg_dump --inserts, e.g. a database written by an earlier release.</summary>
    public async Task Restore(string dumpPath)
    {
        await using var file = File.OpenRead(dumpPath);
        await using var gzip = new global::System.IO.Compression.GZipStream(file, global::System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        // psql meta-commands (\restrict, \unrestrict) are for psql only; the SQL around them runs as it is.
        var lines = (await reader.ReadToEndAsync()).Split('\n').Where(l => !l.StartsWith('\\'));
        var sql = string.Join('\n', lines);
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<NpgsqlConnection> Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (n, v) in parameters)
        {
            command.Parameters.AddWithValue(n, v ?? DBNull.Value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Every stored grain row and its version: equal fingerprints mean no grain state was written. States that change on
    /// their own schedule (a webhook subscription delivering) can be left out by name.
    /// </summary>
    public async Task<string> StorageFingerprint(params string[] except)
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(string_agg(state_name || '|' || grain_key || '|' || version, ';' ORDER BY state_name, grain_key), '') FROM grain_state " +
            "WHERE NOT (state_name = ANY($1))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = except });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!owned)
        {
            return;
        }

        await using var admin = new NpgsqlConnection(Server + ";Database=postgres");
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }
}
