using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Dealership.Grains.Storage;

/// <summary>
/// A row a change appends to (or updates in) one of the project's own tables: a ledger line, a history entry, a list row.
/// A grain adds rows to its state's <see cref="RecordedState.Pending"/>; the storage provider writes them in the same
/// transaction as the state, so a record is never lost and never written twice.
/// </summary>
public abstract record Row
{
    /// <summary>The statement that writes this row.</summary>
    public abstract NpgsqlBatchCommand ToCommand();
}

/// <summary>Grain state whose changes append rows to the project's tables (see <see cref="Row"/>).</summary>
public abstract class RecordedState
{
    /// <summary>Rows written with the next state write; dropped when the state is read again.</summary>
    [JsonIgnore]
    public PendingRows Pending { get; } = new();
}

/// <summary>The rows waiting for the next write of a grain's state.</summary>
public sealed class PendingRows
{
    private readonly List<Row> rows = [];

    public int Count => rows.Count;

    public void Add(Row row) => rows.Add(row);

    public void AddRange(IEnumerable<Row> more) => rows.AddRange(more);

    internal IReadOnlyList<Row> Snapshot() => [.. rows];

    internal void Clear() => rows.Clear();
}

/// <summary>Statements with positional parameters ($1, $2…), the way every table of the project is written.</summary>
public static class Sql
{
    public static NpgsqlBatchCommand Command(string text, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(text);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    public static NpgsqlCommand Query(NpgsqlConnection connection, string text, params object?[] values)
    {
        var command = new NpgsqlCommand(text, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    /// <summary>A text column that may be NULL.</summary>
    public static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>A JSON value for a jsonb column.</summary>
    public static Json Jsonb(string json) => new(json);

    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value },
        // timestamptz takes UTC only; the store's own offset is applied when the value is shown.
        DateTimeOffset at => new NpgsqlParameter { Value = at.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
        Enum e => new NpgsqlParameter { Value = e.ToString(), NpgsqlDbType = NpgsqlDbType.Text },
        Json json => new NpgsqlParameter { Value = json.Text, NpgsqlDbType = NpgsqlDbType.Jsonb },
        _ => new NpgsqlParameter { Value = value },
    };

    public readonly record struct Json(string Text);
}
