using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Parts;
using Dealership.Grains.Common;
using Dealership.Grains.Parts;

namespace Dealership.Grains.Ownership;

/// <summary>The parts master (see <see cref="PartsImport"/>): new parts in bulk, known ones through the part, audited.</summary>
internal sealed class PartsImporter : Importer<ImportedPart>
{
    private IReadOnlyDictionary<string, int?> suppliers = new Dictionary<string, int?>();

    public override async Task Prepare(ImportContext context) =>
        suppliers = (await context.Database.List(SupplierNames.Sql, r => (Name: r.GetString(0), Lead: r.IsDBNull(1) ? (int?)null : r.GetInt32(1)),
            context.StoreId)).ToDictionary(s => s.Name, s => s.Lead, StringComparer.Ordinal);

    public override string? Key(ImportRow row) => ImportCells.Clean(row.Cells.Count > 0 ? row.Cells[0] : null)?.ToUpperInvariant();

    protected override (ImportedPart? Record, IReadOnlyList<ImportProblem> Problems) Read(ImportRow row) => ImportRules.Part(row, suppliers);

    protected override async Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<ImportedPart> rows) =>
        (await PartsImport.Classify(context.Database, context.StoreId, rows)).ToDictionary(o => o.Key, o => o.Value.Outcome, StringComparer.Ordinal);

    protected override async Task<ImportTally> Apply(ImportContext context, IReadOnlyList<ImportedPart> rows)
    {
        var outcomes = await PartsImport.Classify(context.Database, context.StoreId, rows);
        var store = await StoreFacts.Store(context.Grains, context.StoreId);
        var now = context.Clock.GetUtcNow();
        var (added, existing) = await PartsImport.Create(context.Database, context.ServiceId, context.GroupId, context.StoreId,
            [.. rows.Where(p => outcomes[p.Item.PartNumber].Outcome == ImportOutcome.Added)], StoreFacts.LocalDate(now, StoreFacts.Zone(store)), now,
            context.By, $"import {context.ImportId}");

        // A part someone created since the rows were checked is a part the store has: it takes the row as one does.
        foreach (var (number, outcome) in await PartsImport.Classify(context.Database, context.StoreId, existing))
        {
            outcomes[number] = outcome;
        }

        var updated = 0;
        foreach (var part in rows.Where(p => outcomes[p.Item.PartNumber].Outcome == ImportOutcome.Updated))
        {
            var kept = outcomes[part.Item.PartNumber].Kept!;
            var grain = context.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(context.StoreId, part.Item.PartNumber));
            if (kept.Description != part.Item.Description || kept.Bin != part.Item.Bin)
            {
                ImportChecks.Must(await grain.Update(part.Item.Description, part.Item.Bin));
            }

            if (part.Over(kept.Planning) is var planning && kept.Planning != planning)
            {
                ImportChecks.Must(await grain.SetPlanning(planning, null));
            }

            updated++;
        }

        return new ImportTally(added, updated, rows.Count - added - updated, 0);
    }
}

/// <summary>The OEM's price file: new prices through each part (audited there, as a price change by hand is); parts not stocked are skipped.</summary>
internal sealed class PartPriceImporter : Importer<ImportedPrice>
{
    public override string? Key(ImportRow row) => ImportCells.Clean(row.Cells.Count > 0 ? row.Cells[0] : null)?.ToUpperInvariant();

    protected override (ImportedPrice? Record, IReadOnlyList<ImportProblem> Problems) Read(ImportRow row) => ImportRules.PartPrice(row);

    protected override async Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<ImportedPrice> rows) =>
        (await PartsImport.ClassifyPrices(context.Database, context.StoreId, rows)).ToDictionary(o => o.Key, o => o.Value.Outcome, StringComparer.Ordinal);

    protected override async Task<ImportTally> Apply(ImportContext context, IReadOnlyList<ImportedPrice> rows)
    {
        var outcomes = await PartsImport.ClassifyPrices(context.Database, context.StoreId, rows);
        var changed = rows.Where(p => outcomes[p.PartNumber].Outcome == ImportOutcome.Updated).ToList();
        await Task.WhenAll(changed.Select(async p =>
        {
            var kept = outcomes[p.PartNumber].Kept!;
            var part = context.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(context.StoreId, p.PartNumber));
            ImportChecks.Must(await part.SetPlanning(kept.Planning with { Price = p.Price }, null));
        }));
        var skipped = rows.Count(p => outcomes[p.PartNumber].Outcome == ImportOutcome.Skipped);
        return new ImportTally(0, changed.Count, rows.Count - changed.Count - skipped, skipped);
    }
}

/// <summary>What every kind's apply step shares.</summary>
internal static class ImportChecks
{
    /// <summary>Calls a grain per record, a few dozen at a time: a batch of 500 at once would queue every write on the database pool.</summary>
    public static async Task<IReadOnlyList<TResult>> InTurns<T, TResult>(IReadOnlyList<T> records, Func<T, Task<TResult>> call)
    {
        var results = new List<TResult>(records.Count);
        foreach (var chunk in records.Chunk(32))
        {
            results.AddRange(await Task.WhenAll(chunk.Select(call)));
        }

        return results;
    }

    /// <summary>A row checked good that the store's own rules refuse is a fault of the checks, not of the file: the run stops as broken.</summary>
    public static T Must<T>(Outcome<T> outcome) => outcome.Problem is { } problem
        ? throw new InvalidOperationException($"An imported row was refused: {problem.Detail}")
        : outcome.Value!;
}
