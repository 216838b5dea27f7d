using System.Data;
using System.Text;
using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Ownership;

/// <summary>
/// One full export of a store's or a group's data. It holds a read-only, repeatable-read transaction open while the caller pulls
/// the pieces, so every file comes from one snapshot however long the download takes; each table streams out of PostgreSQL's
/// COPY a piece at a time, so nothing holds a whole table. An export left unpulled for <see cref="IdleLimit"/> is ended, so an
/// abandoned download never holds a snapshot (and the database's clean-up) for long.
/// </summary>
public sealed class DataExportGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IDataExportGrain, IScopedGrain
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(2);

    /// <summary>Characters of CSV per piece: a few hundred kilobytes per grain call keeps the calls few and each message small.</summary>
    private const int PieceChars = 128 * 1024;

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly Queue<PendingFile> pending = new();
    private NpgsqlConnection? connection;
    private NpgsqlTransaction? snapshot;
    private TextReader? reading;
    private string? readingFile;
    private bool begun;
    private DateTimeOffset lastPull;
    private IGrainTimer? idleCheck;

    private (string Owner, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool IsGroup => GrainKeys.IsGroupExport(Key.Id);

    public async ValueTask<GrainScope> GetScope() =>
        IsGroup ? new(Key.Owner, null) : new(await storeGroups.GroupOf(Key.Owner), Key.Owner);

    public async Task<Outcome<ExportBegun>> Begin()
    {
        if (begun)
        {
            return Problem.Conflict("export-begun", "This export has begun already; start another.");
        }

        if (Roles.Refused(IsGroup ? "export the group's data" : "export the store's data", RoleSets.Administrators) is { } refused)
        {
            return refused;
        }

        if (IsGroup && Caller.IsDirect && Caller.Current is { IsPlatform: false, WholeGroup: false })
        {
            return Problem.Forbidden("Only an administrator of the whole group may export the group's data.");
        }

        var owner = await Owner();
        if (owner is not var (groupId, storeId, stores))
        {
            return Problem.NotFound(IsGroup ? $"Group '{Key.Owner}'" : $"Store '{Key.Owner}'");
        }

        begun = true;
        var whose = storeId is null ? $"group {groupId} (stores {string.Join(", ", stores)})" : $"store {storeId} of group {groupId}";
        var by = Caller.Current?.AuditName ?? "the system";
        var at = clock.GetUtcNow();

        // Audited before any data leaves: an export that cannot be recorded does not run.
        await database.Write([new AuditRow(groupId, storeId, "data-export", Key.Id, at, by, $"began a full export of {whose}")]);

        try
        {
            return await Open(storeId, groupId, stores, whose, by, at);
        }
        catch
        {
            // Nothing half-open stays behind a failed start: the connection and its snapshot go at once.
            await Release(deactivate: true);
            throw;
        }
    }

    private async Task<ExportBegun> Open(string? storeId, string groupId, IReadOnlyList<string> stores, string whose, string by, DateTimeOffset at)
    {
        connection = await database.Source.OpenConnectionAsync();
        snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, snapshot))
        {
            await readOnly.ExecuteNonQueryAsync();
        }

        await using (var settings = new NpgsqlCommand(
            "SELECT set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true), " +
            "set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true)", connection, snapshot))
        {
            settings.Parameters.Add(new() { Value = ExportCatalogue.StoreSetting });
            settings.Parameters.Add(new() { Value = storeId ?? "" });
            settings.Parameters.Add(new() { Value = ExportCatalogue.GroupSetting });
            settings.Parameters.Add(new() { Value = groupId });
            settings.Parameters.Add(new() { Value = ExportCatalogue.StoresSetting });
            settings.Parameters.Add(new() { Value = string.Join(',', stores) });
            await settings.ExecuteNonQueryAsync();
        }

        var tables = (await ExportCatalogue.Tables(connection, snapshot))
            .Where(t => !ExportCatalogue.NotExported.Contains(t.Name))
            .Select(t => (Table: t, Rows: storeId is null ? ExportCatalogue.GroupRows(t) : ExportCatalogue.StoreRows(t)))
            .Where(t => t.Rows is not null)
            .ToList();
        pending.Enqueue(new PendingFile(ExportReadme.FileName, ExportReadme.Write(whose, by, at, [.. tables.Select(t => t.Table)], storeId is not null),
            null));
        foreach (var (table, rows) in tables)
        {
            pending.Enqueue(new PendingFile(ExportReadme.FileOf(table), null, ExportCatalogue.Copy(table, rows!)));
        }

        if (storeId is not null)
        {
            // The store's data as the import templates read it: how a store moves to another installation.
            var zone = StoreFacts.Zone(await StoreFacts.Store(GrainFactory, storeId));
            foreach (var (name, copy) in ImportFiles.For(StoreFacts.LocalDate(at, zone), zone.Id))
            {
                pending.Enqueue(new PendingFile(name, null, copy));
            }
        }

        lastPull = at;
        idleCheck = this.RegisterGrainTimer(EndIfIdle, IdleLimit / 4, IdleLimit / 4);
        return new ExportBegun(Key.Id, at, [.. pending.Select(f => f.Name)]);
    }

    public async Task<Outcome<ExportChunk>> Next()
    {
        if (connection is null)
        {
            return Problem.Conflict("export-not-open", "This export was not begun, or has ended (it ends when left unread for two minutes).");
        }

        lastPull = clock.GetUtcNow();
        if (reading is null)
        {
            if (!pending.TryDequeue(out var file))
            {
                await End();
                return ExportChunk.End;
            }

            if (file.Content is not null)
            {
                return new ExportChunk(file.Name, file.Content, false);
            }

            reading = await connection.BeginTextExportAsync(file.Copy!);
            readingFile = file.Name;
            var first = await Piece();
            return new ExportChunk(file.Name, [.. ByteOrderMark, .. first], false);
        }

        return new ExportChunk(readingFile!, await Piece(), false);
    }

    public Task End() => Release(deactivate: true);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Release(deactivate: false);

    private async Task Release(bool deactivate)
    {
        idleCheck?.Dispose();
        idleCheck = null;
        if (reading is not null)
        {
            // A COPY left midway is cancelled on the server first, or disposing it would read the rest of the table.
            try
            {
                if (reading is NpgsqlCopyTextReader copy)
                {
                    await copy.CancelAsync();
                }

                reading.Dispose();
            }
            catch (NpgsqlException)
            {
            }

            reading = null;
        }

        if (snapshot is not null)
        {
            await snapshot.DisposeAsync();
            snapshot = null;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }

        pending.Clear();
        if (deactivate)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Up to <see cref="PieceChars"/> of the file being read, as UTF-8; at the end of its COPY the file is done.</summary>
    private async Task<byte[]> Piece()
    {
        var buffer = new char[PieceChars];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await reading!.ReadAsync(buffer.AsMemory(filled));
            if (read == 0)
            {
                reading.Dispose();
                reading = null;
                readingFile = null;
                break;
            }

            filled += read;
        }

        return Encoding.UTF8.GetBytes(buffer, 0, filled);
    }

    private async Task<(string GroupId, string? StoreId, IReadOnlyList<string> Stores)?> Owner()
    {
        if (IsGroup)
        {
            var group = await GrainFactory.GetGrain<IGroupGrain>(GrainKeys.Group(Key.Owner)).Get();
            return group.IsOk ? (Key.Owner, null, group.Value!.StoreIds) : null;
        }

        return await storeGroups.GroupOf(Key.Owner) is { } groupId ? (groupId, Key.Owner, [Key.Owner]) : null;
    }

    private async Task EndIfIdle(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - lastPull >= IdleLimit)
        {
            await End();
        }
    }

    private sealed record PendingFile(string Name, byte[]? Content, string? Copy);
}
