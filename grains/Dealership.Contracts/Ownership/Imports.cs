using Dealership.Contracts.Common;

namespace Dealership.Contracts.Ownership;

/// <summary>What a spreadsheet brings into a store.</summary>
public enum ImportKind
{
    /// <summary>The store's suppliers (供应商).</summary>
    Suppliers = 1,

    /// <summary>The parts master with on-hand stock and twelve months of demand (配件主数据).</summary>
    Parts = 2,

    /// <summary>The OEM's monthly parts price file (配件价格表): new selling prices for the parts the store stocks.</summary>
    PartPrices = 3,

    /// <summary>The store's staff and their roles (员工): each signs in first with a one-time code and sets their own password.</summary>
    Staff = 4,

    /// <summary>The store's customers with their consent to marketing contact (客户): matched by mobile number, merged, never duplicated.</summary>
    Customers = 5,

    /// <summary>Open prospects (意向客户) with their consultant, grade and next follow-up: each becomes an active prospect card.</summary>
    Prospects = 6,

    /// <summary>Cars in stock and on their way (整车库存): the opening balance, with each car's real arrival day, cost and floor plan.</summary>
    Vehicles = 7,
}

/// <summary>How far an import run has come.</summary>
public enum ImportStatus
{
    /// <summary>Reading and checking the file.</summary>
    Running = 1,

    /// <summary>A dry run finished: its report says what a real run would do; nothing was changed.</summary>
    Checked = 2,

    /// <summary>The good rows were applied.</summary>
    Applied = 3,

    /// <summary>All or none was asked and a row was bad: nothing was changed.</summary>
    Refused = 4,

    /// <summary>The run stopped part-way (the upload broke off or a step failed); rows applied before are kept, each whole.</summary>
    Broken = 5,
}

/// <summary>What starts an import run: the kind, the file as the gateway received it and how to run.</summary>
/// <param name="Kind">What the file brings in.</param>
/// <param name="FileName">The file's name as uploaded.</param>
/// <param name="FileHash">The file's SHA-256 (hex), kept with the run.</param>
/// <param name="FileBytes">The file's size.</param>
/// <param name="DryRun">Check every row and report; change nothing.</param>
/// <param name="AllOrNone">Apply only if every row is good.</param>
[GenerateSerializer, Immutable, Alias("ImportStart")]
public sealed record ImportStart(
    [property: Id(0)] ImportKind Kind,
    [property: Id(1)] string FileName,
    [property: Id(2)] string FileHash,
    [property: Id(3)] long FileBytes,
    [property: Id(4)] bool DryRun,
    [property: Id(5)] bool AllOrNone);

/// <summary>One data row of the file: its row number as a spreadsheet shows it (the header is row 1) and its cells in template order.</summary>
[GenerateSerializer, Immutable, Alias("ImportRow")]
public sealed record ImportRow([property: Id(0)] int Row, [property: Id(1)] IReadOnlyList<string?> Cells);

/// <summary>Why a row is bad: the row, the column (its template name), a code the web app words in the user's language, and the reason.</summary>
[GenerateSerializer, Immutable, Alias("ImportProblem")]
public sealed record ImportProblem(
    [property: Id(0)] int Row,
    [property: Id(1)] string Column,
    [property: Id(2)] string Code,
    [property: Id(3)] string Message);

/// <summary>
/// One import run: what file, who, when, how far it has come and what it found or did. Rows are counted as they are read;
/// <see cref="Added"/>, <see cref="Updated"/> and <see cref="Unchanged"/> are what a dry run would do or what the run did;
/// <see cref="Skipped"/> counts good rows that concern nothing the store has (a price file's parts the store does not stock).
/// </summary>
[GenerateSerializer, Immutable, Alias("ImportReport")]
public sealed record ImportReport(
    [property: Id(0)] string ImportId,
    [property: Id(1)] ImportKind Kind,
    [property: Id(2)] string FileName,
    [property: Id(3)] string FileHash,
    [property: Id(4)] long FileBytes,
    [property: Id(5)] bool DryRun,
    [property: Id(6)] bool AllOrNone,
    [property: Id(7)] ImportStatus Status,
    [property: Id(8)] string StartedBy,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset? FinishedAt,
    [property: Id(11)] int RowsRead,
    [property: Id(12)] int RowsBad,
    [property: Id(13)] int Added,
    [property: Id(14)] int Updated,
    [property: Id(15)] int Unchanged,
    [property: Id(16)] IReadOnlyList<ImportProblem> FirstProblems,
    [property: Id(17)] int Skipped = 0);

/// <summary>
/// One run of an import into a store (key: <see cref="GrainKeys.InStore"/> with a fresh id). The gateway reads the file and hands
/// the rows over in batches, twice for a run that applies: first every row is checked (bad rows are kept as the run's report,
/// a part number twice in the file is bad on both rows), then the good rows are applied a batch at a time, each batch in one
/// transaction. Rows are never held whole: the run keeps only the numbers of bad rows and the keys it has seen.
/// </summary>
[Alias("IImportGrain")]
public interface IImportGrain : IGrainWithStringKey
{
    [Alias("Begin")]
    Task<Outcome<ImportReport>> Begin(ImportStart start);

    /// <summary>Checks a batch of rows; answers how many rows of the file are bad so far.</summary>
    [Alias("Check")]
    Task<Outcome<int>> Check(IReadOnlyList<ImportRow> rows);

    /// <summary>After every row is checked: whether the run goes on to apply (not a dry run, and not all-or-none with a bad row).</summary>
    [Alias("Checked")]
    Task<Outcome<ImportReport>> Checked();

    /// <summary>Applies the good rows of a batch (the same batches again, in order).</summary>
    [Alias("Apply")]
    Task<Outcome<ImportReport>> Apply(IReadOnlyList<ImportRow> rows);

    /// <summary>Ends the run: kept as checked, applied, refused or broken.</summary>
    [Alias("Finish")]
    Task<Outcome<ImportReport>> Finish(bool broken);

    [Alias("Get")]
    Task<Outcome<ImportReport>> Get();

    /// <summary>Every bad row the run found, in row order, a page at a time.</summary>
    [Alias("Problems")]
    Task<Outcome<Page<ImportProblem>>> Problems(PageRequest page);
}

/// <summary>The store's import runs (key: <see cref="GrainKeys.Store"/>), newest first.</summary>
[Alias("IImportBookGrain")]
public interface IImportBookGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<Outcome<Page<ImportReport>>> List(PageRequest page);
}
