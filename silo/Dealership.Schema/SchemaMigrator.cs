using Npgsql;

namespace Dealership.Schema;

/// <summary>
/// Brings a database up to the current schema. Every silo and gateway calls this before it starts;
/// a session-level advisory lock makes concurrent callers wait for one another, and each script runs
/// in its own transaction together with its row in the history table, so a failed script leaves no trace.
/// </summary>
public static class SchemaMigrator
{
    // An arbitrary constant shared by every process of this product ("DLRSHIP" in ASCII-ish digits).
    private const long AdvisoryLockKey = 0x444C_5253_4849_50;

    /// <summary>Applies every missing script; returns the versions applied by this call.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS dealership_schema_history
                (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var done = new List<int>();
            foreach (var migration in Migration.All)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Name} was changed after it was applied (checksum {checksum} in the database). " +
                            "Released scripts must not be edited; add a new script instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO dealership_schema_history (version, name, checksum) VALUES (@v, @n, @c)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("n", migration.Name);
                    record.Parameters.AddWithValue("c", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                done.Add(migration.Version);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM dealership_schema_history", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetInt32(0)] = reader.GetString(1);
        }

        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
