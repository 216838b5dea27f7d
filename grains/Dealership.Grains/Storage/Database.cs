using Dealership.Contracts.Common;
using Npgsql;

namespace Dealership.Grains.Storage;

/// <summary>
/// The project's PostgreSQL as the silo uses it: one pooled data source for grain state, records and list queries.
/// The gateway never opens it; reads run in the silo, behind the same caller checks as writes.
/// </summary>
public sealed class Database(NpgsqlDataSource source) : IAsyncDisposable
{
    public static Database Connect(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    public NpgsqlDataSource Source => source;

    /// <summary>
    /// Writes rows that belong to no grain's state (e.g. a visit without a customer) in one transaction; returns what the first
    /// statement returned, if anything (e.g. the number a ledger line was given).
    /// </summary>
    public async Task<object?> Write(IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        await using var connection = await source.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var row in rows)
        {
            batch.BatchCommands.Add(row.ToCommand());
        }

        try
        {
            // One round trip: the statements of a batch run in one implicit transaction.
            return await batch.ExecuteScalarAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == OperationRow.Table)
        {
            throw new DuplicateOperationException(e.MessageText);
        }
    }

    /// <summary>Runs a statement that returns no rows (a clean-up); answers how many rows it touched.</summary>
    public async Task<int> Execute(string sql, params object?[] values)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = Sql.Query(connection, sql, values);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query and maps each row.</summary>
    public async Task<List<T>> List<T>(string sql, Func<NpgsqlDataReader, T> map, params object?[] values)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = Sql.Query(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync())
        {
            list.Add(map(reader));
        }

        return list;
    }

    /// <summary>
    /// One page of a query whose ORDER BY is a stable key and whose WHERE already starts after the page's cursor: reads one row
    /// more than asked to learn whether a next page exists, and makes the next cursor from the last row kept.
    /// </summary>
    public async Task<Page<T>> Page<T>(string sql, Func<NpgsqlDataReader, T> map, Func<T, string> cursorOf, PageRequest page, params object?[] values)
    {
        var limit = page.Limit;
        var rows = await List(limit == int.MaxValue ? sql : $"{sql} LIMIT {limit + 1}", map, values);
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new Page<T>(rows, cursorOf(rows[^1]));
    }

    /// <summary>The first row of a query (which should say LIMIT 1), mapped, or default.</summary>
    public async Task<T?> First<T>(string sql, Func<NpgsqlDataReader, T> map, params object?[] values) =>
        (await List(sql, map, values)).FirstOrDefault();

    /// <summary>The first column of the first row.</summary>
    public async Task<T?> Scalar<T>(string sql, params object?[] values)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = Sql.Query(connection, sql, values);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
