using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Grains.Parts;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Ownership;

/// <summary>
/// Parts from an import. A part number the store does not have is created as a part added by hand is (the same state and rows,
/// <see cref="PartsItemGrain.Opened"/>), with its opening stock and its months of demand laid on days
/// (<see cref="ImportedDemand"/>): a batch of new parts is one transaction of a few statements, not a grain call each, so
/// 30,000 parts come in within a minute. A part the store has keeps its stock and history; its description, bin and planning
/// data take the row's (through the part itself, audited as any change is).
/// </summary>
internal static class PartsImport
{
    private const string StateName = "parts-item";

    public static async Task<Dictionary<string, (ImportOutcome Outcome, PartsItemView? Kept)>> Classify(Database database, string storeId,
        IReadOnlyList<ImportedPart> rows)
    {
        var kept = await Kept(database, storeId, rows.Select(p => p.Item.PartNumber));
        return rows.ToDictionary(p => p.Item.PartNumber, p => !kept.TryGetValue(p.Item.PartNumber, out var k) ? (ImportOutcome.Added, (PartsItemView?)null)
            : (Same(k, p) ? ImportOutcome.Unchanged : ImportOutcome.Updated, k), StringComparer.Ordinal);
    }

    /// <summary>
    /// Creates the new parts of a batch in one transaction, one batch of a store at a time (two imports into one store take turns
    /// rather than deadlock); answers how many were created and the parts that someone created meanwhile, which the caller
    /// treats as parts the store has.
    /// </summary>
    public static async Task<(int Created, IReadOnlyList<ImportedPart> Existing)> Create(Database database, string serviceId, string groupId,
        string storeId, IReadOnlyList<ImportedPart> parts, DateOnly today, DateTimeOffset now, string by, string source)
    {
        if (parts.Count == 0)
        {
            return (0, []);
        }

        var states = parts.OrderBy(p => p.Item.PartNumber, StringComparer.Ordinal).ToDictionary(p => GrainKeys.InStore(storeId, p.Item.PartNumber),
            p => (Part: p, State: PartsItemGrain.Opened(storeId, groupId, p.Item, now, by, source)), StringComparer.Ordinal);
        await using var connection = await database.Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var turn = Sql.Query(connection, "SELECT pg_advisory_xact_lock(hashtext($1))", $"parts-import/{storeId}"))
        {
            turn.Transaction = transaction;
            await turn.ExecuteNonQueryAsync();
        }

        var created = new List<string>(parts.Count);
        await using (var insert = Sql.Query(connection,
            "INSERT INTO grain_state (service_id, state_name, grain_key, version, payload, modified_at) " +
            "SELECT $1, $2, k, 1, p::jsonb, now() FROM unnest($3::text[], $4::text[]) AS t(k, p) " +
            "ON CONFLICT (service_id, state_name, grain_key) DO NOTHING RETURNING grain_key",
            serviceId, StateName, states.Keys.ToArray(), states.Values.Select(s => JsonSerializer.Serialize(s.State, GrainStateStore.Json)).ToArray()))
        {
            insert.Transaction = transaction;
            await using var reader = await insert.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                created.Add(reader.GetString(0));
            }
        }

        if (created.Count > 0)
        {
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                foreach (var key in created)
                {
                    foreach (var row in states[key].State.Pending.Snapshot())
                    {
                        batch.BatchCommands.Add(row.ToCommand());
                    }
                }

                await batch.ExecuteNonQueryAsync();
            }

            // A year of a busy part's demand is hundreds of days: COPY writes them several times faster than INSERT. A part created
            // in this transaction has no demand yet, so nothing can conflict.
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY parts_demand (store_id, part_number, day, quantity) FROM STDIN (FORMAT BINARY)");
            foreach (var key in created)
            {
                var part = states[key].Part;
                var days = ImportedDemand.Days(part.Demand, today).ToList();
                var start = ImportedDemand.HistoryStart(today, part.Demand.Count);
                if (part.HasHistory && !days.Exists(d => d.Day == start))
                {
                    days.Add((start, 0));
                }

                foreach (var (day, quantity) in days)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(storeId, NpgsqlTypes.NpgsqlDbType.Text);
                    await copy.WriteAsync(part.Item.PartNumber, NpgsqlTypes.NpgsqlDbType.Text);
                    await copy.WriteAsync(day, NpgsqlTypes.NpgsqlDbType.Date);
                    await copy.WriteAsync(quantity, NpgsqlTypes.NpgsqlDbType.Integer);
                }
            }

            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
        var made = created.ToHashSet(StringComparer.Ordinal);
        return (created.Count, [.. states.Where(s => !made.Contains(s.Key)).Select(s => s.Value.Part)]);
    }

    /// <summary>A price file's rows: a part the store stocks takes its new price (or has it already); any other is skipped.</summary>
    public static async Task<Dictionary<string, (ImportOutcome Outcome, PartsItemView? Kept)>> ClassifyPrices(Database database, string storeId,
        IReadOnlyList<ImportedPrice> rows)
    {
        var kept = await Kept(database, storeId, rows.Select(p => p.PartNumber));
        return rows.ToDictionary(p => p.PartNumber, p => !kept.TryGetValue(p.PartNumber, out var k) ? (ImportOutcome.Skipped, (PartsItemView?)null)
            : (k.Planning.Price == p.Price ? ImportOutcome.Unchanged : ImportOutcome.Updated, k), StringComparer.Ordinal);
    }

    /// <summary>The parts of <paramref name="numbers"/> the store has, by part number.</summary>
    private static async Task<Dictionary<string, PartsItemView>> Kept(Database database, string storeId, IEnumerable<string> numbers) =>
        (await database.List($"SELECT {PartsItemRow.Columns} FROM parts_items WHERE store_id = $1 AND part_number = ANY($2)",
            PartsItemRow.Read, storeId, numbers.ToArray())).ToDictionary(p => p.PartNumber, StringComparer.Ordinal);

    private static bool Same(PartsItemView kept, ImportedPart given) =>
        kept.Description == given.Item.Description && kept.Bin == given.Item.Bin && kept.Planning == given.Over(kept.Planning);
}
