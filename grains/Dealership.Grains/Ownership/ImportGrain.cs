using System.Text.RegularExpressions;
using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Parts;
using Dealership.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Dealership.Grains.Ownership;

/// <summary>
/// One run of an import (see <see cref="IImportGrain"/>). It holds, while it runs, only what spans batches: the numbers of bad
/// rows, each key seen (a key twice in the file is bad on both rows) and the store's suppliers; every problem is written to
/// <c>import_problems</c> as it is found, and the run's counts to <c>imports</c> after each batch, so any gateway can show its
/// progress.
/// </summary>
public sealed partial class ImportGrain(Database database, StoreGroups storeGroups, BusinessClock clock, IOptions<ClusterOptions> cluster)
    : Grain, IImportGrain, IScopedGrain
{
    private const int FirstProblemsShown = 20;

    private readonly HashSet<int> badRows = [];
    private readonly Dictionary<string, Seen> seen = new(StringComparer.Ordinal);
    private readonly List<ImportProblem> firstProblems = [];
    private Importer? importer;
    private ImportContext? context;
    private ImportReport? report;
    private string groupId = "";
    private bool applying;
    private int problemCount;

    private (string StoreId, string ImportId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256();

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    /// <summary>
    /// Who may import each kind: the parts planner parts and suppliers, the sales manager customers and prospects, the general
    /// manager both, the sales information clerk (and the managers) cars, and the administrator all of them and staff.
    /// </summary>
    public static StaffRole[] Importers(ImportKind kind) => kind switch
    {
        ImportKind.Suppliers or ImportKind.Parts or ImportKind.PartPrices => RoleSets.PartsImporters,
        ImportKind.Customers or ImportKind.Prospects => RoleSets.SalesImporters,
        ImportKind.Vehicles => RoleSets.StockImporters,
        _ => RoleSets.Administrators,
    };

    public async Task<Outcome<ImportReport>> Begin(ImportStart start)
    {
        var errors = new FieldErrors().Required("fileName", start.FileName, 200);
        if (!Enum.IsDefined(start.Kind))
        {
            errors.Add("kind", "is not a kind of import.");
        }

        if (!Sha256().IsMatch(start.FileHash))
        {
            errors.Add("fileHash", "must be the file's SHA-256 in hex.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused($"import {start.Kind.ToString().ToLowerInvariant()}", Importers(start.Kind)) is { } refused)
        {
            return refused;
        }

        if (report is not null || await Stored() is not null)
        {
            return Problem.Conflict("import-begun", "This import has begun already; start another.");
        }

        if (await storeGroups.GroupOf(Key.StoreId) is not { } group)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        groupId = group;
        report = new ImportReport(Key.ImportId, start.Kind, start.FileName, start.FileHash, start.FileBytes, start.DryRun, start.AllOrNone,
            ImportStatus.Running, Audit.Who, clock.GetUtcNow(), null, 0, 0, 0, 0, 0, []);
        importer = Importer.For(start.Kind);
        context = new ImportContext(database, GrainFactory, cluster.Value.ServiceId, groupId, Key.StoreId, Key.ImportId, report.FileName,
            report.StartedBy, clock);
        await importer.Prepare(context);

        await database.Write([new ImportRunRow(groupId, Key.StoreId, report)]);
        return report;
    }

    public async Task<Outcome<int>> Check(IReadOnlyList<ImportRow> rows)
    {
        if (Running(applyPhase: false) is { } wrong)
        {
            return wrong;
        }

        var problems = new List<ImportProblem>();
        var good = new List<(ImportRow Row, Seen Seen, object Record)>();
        foreach (var row in rows)
        {
            var (record, found) = importer!.Parse(row);
            problems.AddRange(found);
            if (importer.Key(row) is not { } key)
            {
                continue;
            }

            if (!seen.TryGetValue(key, out var first))
            {
                var sight = new Seen(key, row.Row, record is not null);
                seen[key] = sight;
                if (record is not null)
                {
                    good.Add((row, sight, record));
                }

                continue;
            }

            problems.Add(new ImportProblem(row.Row, Columns[0].Name, "duplicate-in-file", $"'{importer.Shown(key)}' is also on row {first.Row}."));
            if (first.Good)
            {
                // The first row of a key given twice is bad too: which of the two the store meant cannot be told.
                problems.Add(new ImportProblem(first.Row, Columns[0].Name, "duplicate-in-file", $"'{importer.Shown(key)}' is also on row {row.Row}."));
                first.Good = false;
                if (first.Outcome is { } counted)
                {
                    Count(counted, -1);
                }

                good.RemoveAll(g => g.Seen == first);
            }
        }

        if (good.Count > 0)
        {
            var vetted = await importer!.Vet(context!, [.. good.Select(g => (g.Row.Row, g.Record))]);
            foreach (var problem in vetted)
            {
                problems.Add(problem);
                good.Find(g => g.Row.Row == problem.Row).Seen.Good = false;
            }

            good.RemoveAll(g => !g.Seen.Good);
        }

        var outcomes = await importer!.Classify(context!, [.. good.Select(g => g.Record)]);
        foreach (var (_, sight, _) in good)
        {
            sight.Outcome = outcomes[sight.Key];
            Count(sight.Outcome.Value, +1);
        }

        Keep(problems);
        report = report! with { RowsRead = report.RowsRead + rows.Count, RowsBad = badRows.Count };
        await database.Write([.. problems.Select(p => new ImportProblemRow(Key.StoreId, Key.ImportId, ++problemCount, p)),
            new ImportRunRow(groupId, Key.StoreId, report)]);
        return report.RowsBad;
    }

    public async Task<Outcome<ImportReport>> Checked()
    {
        if (Running(applyPhase: false) is { } wrong)
        {
            return wrong;
        }

        if (report!.DryRun)
        {
            return await End(ImportStatus.Checked);
        }

        if (report.AllOrNone && report.RowsBad > 0)
        {
            report = report with { Added = 0, Updated = 0, Unchanged = 0, Skipped = 0 };
            return await End(ImportStatus.Refused);
        }

        // The apply pass counts what it does, row by row, from nothing.
        applying = true;
        report = report with { Added = 0, Updated = 0, Unchanged = 0, Skipped = 0 };
        return report;
    }

    public async Task<Outcome<ImportReport>> Apply(IReadOnlyList<ImportRow> rows)
    {
        if (Running(applyPhase: true) is { } wrong)
        {
            return wrong;
        }

        var good = rows.Where(r => !badRows.Contains(r.Row)).Select(r => importer!.Parse(r).Record).OfType<object>().ToList();
        var done = await importer!.Apply(context!, good);
        report = report! with
        {
            Added = report.Added + done.Added,
            Updated = report.Updated + done.Updated,
            Unchanged = report.Unchanged + done.Unchanged,
            Skipped = report.Skipped + done.Skipped,
        };
        await database.Write([new ImportRunRow(groupId, Key.StoreId, report)]);
        return report;
    }

    public async Task<Outcome<ImportReport>> Finish(bool broken)
    {
        if (report is null)
        {
            return await Get();
        }

        return report.Status != ImportStatus.Running ? report
            : await End(broken ? ImportStatus.Broken : report.DryRun ? ImportStatus.Checked : ImportStatus.Applied);
    }

    public async Task<Outcome<ImportReport>> Get()
    {
        if (Roles.Refused("read imports", RoleSets.ImportReaders) is { } refused)
        {
            return refused;
        }

        if (report is not null)
        {
            return report with { FirstProblems = [.. firstProblems] };
        }

        return await Stored() is { } stored ? stored : Problem.NotFound($"Import {Key.ImportId}");
    }

    public async Task<Outcome<Page<ImportProblem>>> Problems(PageRequest page)
    {
        if (Roles.Refused("read imports", RoleSets.ImportReaders) is { } refused)
        {
            return refused;
        }

        if (report is null && await Stored() is null)
        {
            return Problem.NotFound($"Import {Key.ImportId}");
        }

        // Problems are numbered as they are found, not in row order (a duplicate's first row is found late): the cursor is both.
        var after = Cursor.Keys(page.After);
        int row = 0, seq = 0;
        if (page.After is not null && (after is not [var r0, var s0] || !int.TryParse(r0, out row) || !int.TryParse(s0, out seq)))
        {
            return Problem.Invalid("after", "is not a cursor of this report.");
        }

        var rows = await database.Page(
            $"SELECT {ImportProblemRow.Columns}, seq FROM import_problems WHERE store_id = $1 AND import_id = $2 AND (row, seq) > ($3, $4) " +
            "ORDER BY row, seq",
            r => (Problem: ImportProblemRow.Read(r), Seq: r.GetInt32(4)), p => Cursor.From(p.Problem.Row, p.Seq), page, Key.StoreId, Key.ImportId,
            row, seq);
        return new Page<ImportProblem>([.. rows.Items.Select(r => r.Problem)], rows.Next);
    }

    private IReadOnlyList<ImportColumn> Columns => ImportTemplates.For(report!.Kind);

    private Problem? Running(bool applyPhase) =>
        report is null ? Problem.NotFound($"Import {Key.ImportId}")
        : report.Status != ImportStatus.Running ? Problem.Conflict("import-finished", $"This import has finished ({report.Status}).")
        : applying != applyPhase ? Problem.Conflict("import-out-of-order", applyPhase ? "Every row is checked before any is applied." : "The rows are checked already.")
        : null;

    private void Count(ImportOutcome outcome, int by) => report = outcome switch
    {
        ImportOutcome.Added => report! with { Added = report.Added + by },
        ImportOutcome.Updated => report! with { Updated = report.Updated + by },
        ImportOutcome.Skipped => report! with { Skipped = report.Skipped + by },
        _ => report! with { Unchanged = report.Unchanged + by },
    };

    private void Keep(List<ImportProblem> problems)
    {
        foreach (var problem in problems)
        {
            badRows.Add(problem.Row);
            if (firstProblems.Count < FirstProblemsShown)
            {
                firstProblems.Add(problem);
            }
        }
    }

    private async Task<ImportReport> End(ImportStatus status)
    {
        report = report! with { Status = status, FinishedAt = clock.GetUtcNow(), FirstProblems = [.. firstProblems] };
        List<Row> rows = [new ImportRunRow(groupId, Key.StoreId, report)];
        if (status is ImportStatus.Applied or ImportStatus.Broken)
        {
            rows.Add(new AuditRow(groupId, Key.StoreId, "import", Key.ImportId, report.FinishedAt!.Value, report.StartedBy,
                $"{report.Kind} from {report.FileName} (SHA-256 {report.FileHash}): {status}, {report.Added} added, {report.Updated} updated, " +
                $"{report.Unchanged} unchanged, {report.RowsBad} bad rows left out"));
        }

        await database.Write(rows);
        return report;
    }

    /// <summary>
    /// The run as kept. A run kept as running that this activation does not hold was left by an activation that is gone (a silo
    /// restarted mid-run): it is broken, and is kept so, so that it never shows as running for ever.
    /// </summary>
    private async Task<ImportReport?> Stored()
    {
        var problems = await database.List(
            $"SELECT {ImportProblemRow.Columns} FROM import_problems WHERE store_id = $1 AND import_id = $2 ORDER BY row, seq LIMIT $3",
            ImportProblemRow.Read, Key.StoreId, Key.ImportId, FirstProblemsShown);
        var stored = await database.First($"SELECT {ImportRunRow.Columns}, group_id FROM imports WHERE store_id = $1 AND import_id = $2",
            r => (Report: ImportRunRow.Read(r, problems), GroupId: r.GetString(17)), Key.StoreId, Key.ImportId);
        if (stored.Report is not { Status: ImportStatus.Running } kept || report is not null)
        {
            return stored.Report;
        }

        var broken = kept with { Status = ImportStatus.Broken, FinishedAt = clock.GetUtcNow() };
        await database.Write([new ImportRunRow(stored.GroupId, Key.StoreId, broken)]);
        return broken;
    }

    /// <summary>A key met in the file: its first row, whether that row is good (and still counted), and what it does.</summary>
    private sealed class Seen(string key, int row, bool good)
    {
        public string Key => key;

        public int Row => row;

        public bool Good { get; set; } = good;

        public ImportOutcome? Outcome { get; set; }
    }
}
