using Dealership.Contracts.Ownership;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Ownership;

/// <summary>What an import run gives the kind of import it runs: where it writes, into which store, as whom and when.</summary>
internal sealed record ImportContext(Database Database, IGrainFactory Grains, string ServiceId, string GroupId, string StoreId, string ImportId,
    string FileName, string By, BusinessClock Clock)
{
    /// <summary>How records name where they came from: the file and the run.</summary>
    public string Source => $"{FileName} (import {ImportId})";
}

/// <summary>What an applied batch did.</summary>
internal readonly record struct ImportTally(int Added, int Updated, int Unchanged, int Skipped)
{
    public static ImportTally operator +(ImportTally a, ImportTally b) =>
        new(a.Added + b.Added, a.Updated + b.Updated, a.Unchanged + b.Unchanged, a.Skipped + b.Skipped);
}

/// <summary>
/// One kind of import: how a row reads (the pure rules of <see cref="ImportRules"/>), its natural key, what a batch of good rows
/// would do to the store (read, never written) and doing it. The run (<see cref="ImportGrain"/>) holds what spans batches
/// (bad rows, keys seen) and the report; a kind holds only what it read before the first row (the store's suppliers, its
/// consultants).
/// </summary>
internal abstract class Importer
{
    /// <summary>Reads what the rows are checked against, once per run, before the first batch.</summary>
    public virtual Task Prepare(ImportContext context) => Task.CompletedTask;

    /// <summary>The row as a record of the kind, or what is wrong with it.</summary>
    public abstract (object? Record, IReadOnlyList<ImportProblem> Problems) Parse(ImportRow row);

    /// <summary>The row's natural key (null when the row gives none): a key twice in one file is bad on both rows.</summary>
    public abstract string? Key(ImportRow row);

    /// <summary>The key as a report may show it (a customer's mobile is masked).</summary>
    public virtual string Shown(string key) => key;

    /// <summary>
    /// Good rows of a batch that the store's data makes bad (a username another group holds): checked after the rows read well,
    /// before they are counted.
    /// </summary>
    public abstract Task<IReadOnlyList<ImportProblem>> Vet(ImportContext context, IReadOnlyList<(int Row, object Record)> records);

    /// <summary>What each good record of a batch would do, by key.</summary>
    public abstract Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<object> records);

    /// <summary>Applies a batch's good records (each batch whole, or the run is broken).</summary>
    public abstract Task<ImportTally> Apply(ImportContext context, IReadOnlyList<object> records);

    public static Importer For(ImportKind kind) => kind switch
    {
        ImportKind.Suppliers => new SupplierImporter(),
        ImportKind.Parts => new PartsImporter(),
        ImportKind.PartPrices => new PartPriceImporter(),
        ImportKind.Staff => new StaffImporter(),
        ImportKind.Customers => new CustomerImporter(),
        ImportKind.Prospects => new ProspectImporter(),
        ImportKind.Vehicles => new VehicleImporter(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an import kind."),
    };
}

/// <summary>A kind whose records are of one type: the casts are made once, here.</summary>
internal abstract class Importer<T> : Importer where T : class
{
    public sealed override (object? Record, IReadOnlyList<ImportProblem> Problems) Parse(ImportRow row)
    {
        var (record, problems) = Read(row);
        return (record, problems);
    }

    public sealed override async Task<IReadOnlyList<ImportProblem>> Vet(ImportContext context, IReadOnlyList<(int Row, object Record)> records) =>
        records.Count == 0 ? [] : await Vet(context, [.. records.Select(r => (r.Row, (T)r.Record))]);

    public sealed override async Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<object> records) =>
        records.Count == 0 ? new Dictionary<string, ImportOutcome>() : await Classify(context, [.. records.Cast<T>()]);

    public sealed override async Task<ImportTally> Apply(ImportContext context, IReadOnlyList<object> records) =>
        records.Count == 0 ? default : await Apply(context, [.. records.Cast<T>()]);

    protected abstract (T? Record, IReadOnlyList<ImportProblem> Problems) Read(ImportRow row);

    /// <summary>None by default: most kinds' rows are good or bad by themselves.</summary>
    protected virtual Task<IReadOnlyList<ImportProblem>> Vet(ImportContext context, IReadOnlyList<(int Row, T Record)> records) =>
        Task.FromResult<IReadOnlyList<ImportProblem>>([]);

    protected abstract Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<T> records);

    protected abstract Task<ImportTally> Apply(ImportContext context, IReadOnlyList<T> records);
}
