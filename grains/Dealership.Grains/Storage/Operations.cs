using System.Text.Json;
using Dealership.Contracts.Common;
using Npgsql;

namespace Dealership.Grains.Storage;

/// <summary>
/// An Idempotency-Key carried out, with its answer. Written with the change it made (same transaction); a second
/// row for the same scope and key fails the whole write with <see cref="DuplicateOperationException"/>, so two
/// retries racing through different grains still do the work once. Its time is the database's own clock, not business
/// time: the 24 hours are about real retries.
/// </summary>
public sealed record OperationRow(string Scope, string OperationId, string Fingerprint, string ResultJson, string Grain) : Row
{
    public const string Table = "operations";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO operations (scope, operation_id, fingerprint, result, grain, at) VALUES ($1, $2, $3, $4, $5, now())",
        Scope, OperationId, Fingerprint, Sql.Jsonb(ResultJson), Grain);
}

/// <summary>The write carried an operation that another write has already recorded: answer from that record instead.</summary>
public sealed class DuplicateOperationException(string message) : Exception(message);

/// <summary>
/// Replays of Idempotency-Keys: a command with a key first asks here; a key seen in the last
/// <see cref="KeptFor"/> answers as it did the first time, and the same key with another request is refused.
/// </summary>
public sealed class OperationLog(Database database)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>The stored answer to <paramref name="operationId"/> in <paramref name="scope"/>, or null if it was never carried out.</summary>
    public async Task<Outcome<T>?> Replay<T>(string scope, string? operationId, string fingerprint)
    {
        if (operationId is null)
        {
            return null;
        }

        var found = await database.First(
            "SELECT fingerprint, result::text FROM operations WHERE scope = $1 AND operation_id = $2 AND at > now() - $3::interval LIMIT 1",
            r => (Fingerprint: r.GetString(0), Result: r.GetString(1)), scope, operationId, KeptFor);
        if (found.Fingerprint is null)
        {
            return null;
        }

        return found.Fingerprint == fingerprint
            ? JsonSerializer.Deserialize<T>(found.Result, GrainStateStore.Json)!
            : Problem.Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
    }

    /// <summary>The row that records <paramref name="operationId"/> with its answer, to be written with the change.</summary>
    public static OperationRow? Record<T>(string scope, string? operationId, string fingerprint, T result, string grain) =>
        operationId is null ? null : new OperationRow(scope, operationId, fingerprint, JsonSerializer.Serialize(result, GrainStateStore.Json), grain);

    /// <summary>
    /// Writes rows that are not a grain's state, with the Idempotency-Key's row when there is one, in one transaction. Null when
    /// this call wrote them; the kept answer when the same key was carried out elsewhere meanwhile (nothing of this call written).
    /// </summary>
    public async Task<Outcome<T>?> WriteOrReplay<T>(List<Row> rows, string scope, string? operationId, string fingerprint, T answer, string grain)
    {
        if (Record(scope, operationId, fingerprint, answer, grain) is { } operation)
        {
            rows.Add(operation);
        }

        try
        {
            await database.Write(rows);
            return null;
        }
        catch (DuplicateOperationException)
        {
            return await Replay<T>(scope, operationId, fingerprint)
                ?? throw new InvalidOperationException($"Operation {operationId} was recorded but cannot be read back.");
        }
    }

    /// <summary>A stable description of a request, to tell a retry from a different request under the same key.</summary>
    public static string Fingerprint(string operation, params object?[] arguments) =>
        operation + ":" + JsonSerializer.Serialize(arguments, GrainStateStore.Json);

    /// <summary>Removes keys older than <see cref="KeptFor"/>; returns how many.</summary>
    public async Task<int> Expire()
    {
        await using var connection = await database.Source.OpenConnectionAsync();
        await using var command = Sql.Query(connection, "DELETE FROM operations WHERE at < now() - $1::interval", KeptFor);
        return await command.ExecuteNonQueryAsync();
    }
}
