using System.Text;
using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.Imports;
using Dealership.Gateway.OpenApi;
using Microsoft.AspNetCore.Http.Features;

namespace Dealership.Gateway.Apis;

/// <summary>Onboarding imports: a store's suppliers, parts, staff, customers, prospects and cars from the spreadsheets of the system it leaves, checked row by row.</summary>
public static class ImportsApi
{
    /// <summary>Rows per grain call: a few hundred keeps each message small and the calls few.</summary>
    private const int BatchRows = 500;

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/imports").WithTags(DataExportApi.Tag);
        api.MapPost("", Run).ForStore(RoleSets.ImportReaders).WithName("RunImport").Creates<ImportReport>()
            .WithMetadata(new UploadsFile(["text/csv", ImportUpload.XlsxType, "application/octet-stream"]))
            .Conflicts("import-begun", "idempotency-key-reused").HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("Imports a spreadsheet (the request body: an .xlsx, or CSV in UTF-8 or GB18030, up to 64 MB) of the given kind " +
                "(Suppliers first, then Parts, whose supplier must be known; PartPrices, the OEM's monthly price file, sets the selling price " +
                "of the parts the store stocks and counts the others as skipped; Staff, administrators only, makes each row a member of this store, " +
                "without a password: issue each a one-time sign-in code, with which they set their own; Customers and Prospects, the sales " +
                "manager's, match by mobile number, so a customer the store knows is merged, never duplicated; Vehicles, the opening stock, " +
                "registers each new VIN at its cost, a car in stock from its real arrival day). The header row names the template's columns in Chinese or " +
                "English, in any order. dryRun=true (the default) checks every row and reports each bad one (row, column, code, reason) " +
                "changing nothing; dryRun=false applies every good row, or with allOrNone=true none if any row is bad. Rows are matched " +
                "by their natural key (the supplier's name, the part number, the username, the mobile number, the VIN): running a file again changes nothing. A new part comes " +
                "with its on-hand as opening stock at its cost and its twelve months of demand (month 1 the last whole month) laid on " +
                "days for the planner; a part the store has keeps its stock and history, and takes the row's description, bin and " +
                "planning data. An empty cell of a known supplier leaves what the store has. Cell text is stored as written, never " +
                "evaluated. The run is kept with the file's SHA-256 and who ran it; pass importId (\"im\" and 16 hex digits) to follow " +
                "its progress at GET /imports/{importId} while it runs. A file that is not a spreadsheet, too large, undecodable or " +
                "whose header names an unknown column, or lacks a required one, is a 400 naming file; nothing is changed.");
        api.MapGet("", List).ForStore(RoleSets.ImportReaders).WithName("ListImports").Answers<Page<ImportReport>>()
            .WithSummary("The store's import runs, newest first: who ran which file (by name and SHA-256), when, and what each found and did.");
        api.MapGet("/{importId}", Get).ForStore(RoleSets.ImportReaders).WithName("GetImport").Answers<ImportReport>()
            .WithSummary("One import run with its first bad rows; while it runs, how far it has come (rows read; rows added, updated or " +
                "left unchanged).");
        api.MapGet("/{importId}/problems", ProblemList).ForStore(RoleSets.ImportReaders).WithName("ListImportProblems").Answers<Page<ImportProblem>>()
            .WithSummary("Every bad row the run found, in row order (the header is row 1), a page at a time.");
        api.MapGet("/templates/{kind}.csv", (string storeId, string kind) => Template(kind, "csv")).ForStore(RoleSets.ImportReaders).ValidatesPath()
            .WithName("DownloadImportTemplateCsv").AnswersFile("text/csv")
            .WithSummary("The import's template as CSV (UTF-8): its header row, each column in Chinese and English.");
        api.MapGet("/templates/{kind}.xlsx", (string storeId, string kind) => Template(kind, "xlsx")).ForStore(RoleSets.ImportReaders).ValidatesPath()
            .WithName("DownloadImportTemplateXlsx").AnswersFile(ImportUpload.XlsxType)
            .WithSummary("The import's template as .xlsx: the header row on sheet 数据 Data, and on sheet 说明 Notes what each column holds.");
        return app;
    }

    private static async Task<IResult> Run(string storeId, string? kind, bool? dryRun, bool? allOrNone, string? fileName, string? importId,
        IClusterClient cluster, GatewayRateLimits limits, HttpContext http)
    {
        var errors = new FieldErrors();
        var what = Kind(kind, errors);
        errors.MaxLength("fileName", fileName, 200);
        if (importId is not null && !Idempotency.IsRecordId(importId, "im"))
        {
            errors.Add("importId", "must be 'im' and 16 lower-case hex digits.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (http.Request.ContentLength > ImportUpload.MaxBytes)
        {
            return Problems.ToResult(ImportUpload.TooLarge);
        }

        using var turn = limits.Import();
        if (!turn.IsAcquired)
        {
            return RateLimitAnswers.TooMany(http, limits.ImportsBusy(), "imports running on this gateway");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ImportUpload.MaxBytes + 1;
        }

        var cancel = http.RequestAborted;
        var (upload, bad) = await ImportUpload.Receive(http.Request.Body, cancel);
        if (bad is not null)
        {
            return Problems.ToResult(bad);
        }

        await using (upload)
        {
            var sheet = new ImportSheet(upload!, ImportTemplates.For(what));
            if (await Readable(() => sheet.Check(cancel)) is { } unreadable)
            {
                return Problems.ToResult(unreadable);
            }

            var id = importId ?? Idempotency.NewRecordId(http, "im", storeId);
            var run = cluster.GetGrain<IImportGrain>(GrainKeys.InStore(storeId, id));
            var start = new ImportStart(what, string.IsNullOrWhiteSpace(fileName) ? $"{what}.{(upload!.IsXlsx ? "xlsx" : "csv")}" : fileName.Trim(),
                upload!.Hash, upload.Bytes, dryRun ?? true, allOrNone ?? false);
            var begun = await run.Begin(start);
            if (begun.Problem is { Code: "import-begun" })
            {
                return await Replay(run, start, storeId, id);
            }

            if (!begun.IsOk)
            {
                return begun.ToResult();
            }

            var outcome = await Carry(run, sheet, cancel);
            return outcome.ToResult(r => TypedResults.Created($"/api/stores/{storeId}/imports/{id}", r));
        }
    }

    /// <summary>Both passes over the file; a run that fails part-way is ended as broken, so its report says so.</summary>
    private static async Task<Outcome<ImportReport>> Carry(IImportGrain run, ImportSheet sheet, CancellationToken cancel)
    {
        try
        {
            await foreach (var batch in sheet.Batches(BatchRows, cancel))
            {
                if ((await run.Check(batch)).Problem is { } problem)
                {
                    await run.Finish(broken: true);
                    return problem;
                }
            }

            // Once the rows are checked the run goes on to the end even if the caller leaves: half a file applied helps nobody.
            var checkedRun = await run.Checked();
            if (checkedRun.Value is { Status: ImportStatus.Running })
            {
                await foreach (var batch in sheet.Batches(BatchRows, CancellationToken.None))
                {
                    if ((await run.Apply(batch)).Problem is { } problem)
                    {
                        await run.Finish(broken: true);
                        return problem;
                    }
                }
            }
            else if (!checkedRun.IsOk)
            {
                return checkedRun;
            }

            return await run.Finish(broken: false);
        }
        catch (Exception e) when (Unreadable(e) is not null)
        {
            await run.Finish(broken: true);
            return Unreadable(e)!;
        }
        catch
        {
            await run.Finish(broken: true);
            throw;
        }
    }

    /// <summary>A retry under the same Idempotency-Key (or importId) answers the run it began; another file under it is a 409.</summary>
    private static async Task<IResult> Replay(IImportGrain run, ImportStart start, string storeId, string id)
    {
        var kept = await run.Get();
        if (kept.Value is { } report && (report.Kind != start.Kind || report.FileHash != start.FileHash || report.DryRun != start.DryRun
            || report.AllOrNone != start.AllOrNone))
        {
            return Problems.ToResult(Problem.Conflict("idempotency-key-reused", "This key (or importId) was used for another file or another way of running it."));
        }

        return kept.ToResult(r => TypedResults.Created($"/api/stores/{storeId}/imports/{id}", r));
    }

    private static async Task<Problem?> Readable(Func<Task<Problem?>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (Unreadable(e) is not null)
        {
            return Unreadable(e);
        }
    }

    // A workbook that is not one, or text that stops decoding, is the file's fault: a 400, never a 500.
    private static Problem? Unreadable(Exception e) => e switch
    {
        ImportFileException bad => Problem.Invalid("file", bad.Message),
        DecoderFallbackException => Problem.Invalid("file", "holds text that is neither UTF-8 nor GB18030."),
        _ => null,
    };

    private static async Task<IResult> List(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IImportBookGrain>(GrainKeys.Store(storeId)).List(page)).ToResult();
    }

    private static async Task<IResult> Get(string storeId, string importId, IClusterClient cluster) =>
        !Idempotency.IsRecordId(importId, "im") ? Problems.ToResult(Problem.NotFound($"Import {importId}"))
        : (await cluster.GetGrain<IImportGrain>(GrainKeys.InStore(storeId, importId)).Get()).ToResult();

    private static async Task<IResult> ProblemList(string storeId, string importId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (!Idempotency.IsRecordId(importId, "im") ? Problems.ToResult(Problem.NotFound($"Import {importId}"))
            : (await cluster.GetGrain<IImportGrain>(GrainKeys.InStore(storeId, importId)).Problems(page)).ToResult());
    }

    private static IResult Template(string kind, string format)
    {
        var errors = new FieldErrors();
        var what = Kind(kind, errors);
        return errors.Any ? Problems.Invalid(errors)
            : format == "csv" ? TypedResults.File(ImportTemplateFile.Csv(what), "text/csv; charset=utf-8", ImportTemplateFile.FileName(what, "csv"))
            : TypedResults.File(ImportTemplateFile.Xlsx(what), ImportUpload.XlsxType, ImportTemplateFile.FileName(what, "xlsx"));
    }

    private static ImportKind Kind(string? kind, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(kind))
        {
            errors.Add("kind", "is required (Suppliers, Parts or PartPrices).");
            return default;
        }

        if (kind.All(char.IsAsciiLetter) && Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        errors.Add("kind", "must be Suppliers, Parts or PartPrices.");
        return default;
    }
}
