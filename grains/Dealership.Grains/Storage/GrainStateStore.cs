using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace Dealership.Grains.Storage;

/// <summary>
/// The project's grain storage: a grain's state is one JSON row in <c>grain_state</c>, keyed by service id, state name
/// and grain key, with a version for optimistic concurrency. The rows a change produces (<see cref="RecordedState.Pending"/>)
/// are sent in the same batch, after the state write, so they commit with it or not at all: one round trip, one commit.
/// </summary>
public sealed class GrainStateStore(Database database, IOptions<ClusterOptions> cluster) : IGrainStorage
{
    /// <summary>Plain JSON with .NET's defaults: the same shape release 7 stored, so its rows read as they are.</summary>
    public static readonly JsonSerializerOptions Json = new();

    private readonly string serviceId = cluster.Value.ServiceId;

    // A grain's state is read as it activates, before any call filter runs: an unreachable database fails the activation with
    // an error that can cross to the caller (see DatabaseFailure). Refusals (a version conflict, a duplicate row) stay as they are.
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        DatabaseFailure.OutOfReachAsFailure(() => Read(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OutcomeUnknownDropsTheActivation(grainState.ETag, () => Write(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OutcomeUnknownDropsTheActivation(grainState.ETag, () => Clear(stateName, grainId, grainState));

    /// <summary>
    /// A write cut off by the database going out of reach may have committed or not, so the activation's state (changed in
    /// memory, its version now perhaps stale) can no longer be trusted. The failure is raised as an inconsistent state, which
    /// makes Orleans drop the activation: the next call reads the stored state afresh. The database failure inside tells the
    /// caller to retry (503); a retry with its Idempotency-Key then finds the change done, or does it.
    /// </summary>
    private static async Task OutcomeUnknownDropsTheActivation(string? etag, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (NpgsqlException e) when (e.IsTransient)
        {
            throw new InconsistentStateException("The write's outcome is unknown: the database went out of reach.", etag ?? "none", "unknown",
                DatabaseFailure.From(e));
        }
    }

    private async Task Read<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.Source.OpenConnectionAsync();
        await using var command = Sql.Query(connection,
            "SELECT version, payload::text FROM grain_state WHERE service_id = $1 AND state_name = $2 AND grain_key = $3",
            serviceId, stateName, grainId.Key.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = reader.GetInt32(0).ToString(CultureInfo.InvariantCulture);
        grainState.State = reader.IsDBNull(1) ? Activator.CreateInstance<T>() : JsonSerializer.Deserialize<T>(reader.GetString(1), Json)!;
        grainState.RecordExists = !reader.IsDBNull(1);
    }

    private async Task Write<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var pending = grainState.State as RecordedState;
        var rows = pending?.Pending.Snapshot() ?? [];
        await using var connection = await database.Source.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Sql.Command("SELECT dealership_write_state($1, $2, $3, $4, $5)",
            serviceId, stateName, grainId.Key.ToString(), Version(grainState.ETag), Sql.Jsonb(JsonSerializer.Serialize(grainState.State, Json))));
        foreach (var row in rows)
        {
            batch.BatchCommands.Add(row.ToCommand());
        }

        int version;
        try
        {
            // A batch runs in one implicit transaction: if any row fails, the state write is undone too.
            version = (int)(await batch.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == "DLVER")
        {
            throw new InconsistentStateException(e.MessageText, grainState.ETag ?? "none", "unknown");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == OperationRow.Table)
        {
            throw new DuplicateOperationException(e.MessageText);
        }

        pending?.Pending.Clear();
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private async Task Clear<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            return;
        }

        // A cleared row is kept (no payload, version moved on), so a stale writer still meets a version conflict.
        await using var connection = await database.Source.OpenConnectionAsync();
        await using var command = Sql.Query(connection,
            "UPDATE grain_state SET payload = NULL, version = version + 1, modified_at = now() " +
            "WHERE service_id = $1 AND state_name = $2 AND grain_key = $3 AND version = $4 RETURNING version",
            serviceId, stateName, grainId.Key.ToString(), Version(grainState.ETag));
        if (await command.ExecuteScalarAsync() is not int version)
        {
            throw new InconsistentStateException($"grain state {stateName}/{grainId.Key} was changed by another writer", grainState.ETag, "unknown");
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
    }

    private static int? Version(string? etag) => etag is null ? null : int.Parse(etag, CultureInfo.InvariantCulture);
}
