using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.Reports;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record SubmitReportRequest(string? Note);

public static class WeeklyReportsApi
{
    public static IEndpointRouteBuilder MapWeeklyReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/weekly-reports").WithTags("Reports");
        api.MapGet("", List).ForStore(RoleSets.ReportReaders).WithName("ListWeeklyReports").Answers<Page<WeeklyReportSummary>>()
            .WithSummary("The store's weekly reports, newest first, with status and the late flag.");
        api.MapPost("/prepare", Prepare).ForStore(RoleSets.Clerk).WithName("PrepareWeeklyReport")
            .Answers<WeeklyReportView>().Conflicts("report-submitted")
            .WithSummary("Prepare a week's draft now: the coming week, or ?week=yyyy-MM-dd (its deadline day: a late week to redo, or one up to " +
                "four weeks ahead). A submitted week stays as sent (409 report-submitted). The store's calendar also prepares each week before its deadline.");
        api.MapGet("/{week}", Get).ForStore(RoleSets.ReportReaders).WithName("GetWeeklyReport").Answers<WeeklyReportView>()
            .WithSummary("One weekly report ({week} is the local deadline date, yyyy-MM-dd): the week's sales and the stock list.");
        api.MapPost("/{week}/refresh", Refresh).ForStore(RoleSets.Clerk).WithName("RefreshWeeklyReport")
            .Answers<WeeklyReportView>().Conflicts("report-submitted")
            .WithSummary("Rebuild the draft's figures from the latest numbers.");
        api.MapPost("/{week}/submit", Submit).ForStore(RoleSets.Clerk).WithName("SubmitWeeklyReport")
            .Answers<WeeklyReportView>().Conflicts("report-submitted", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Submit the reviewed report (late if after the deadline); it is kept unchanged.");
        api.MapGet("/{week}/summary.csv", SummaryCsv).ForStore(RoleSets.ReportReaders).WithName("DownloadWeeklyReportSummaryCsv")
            .AnswersFile("text/csv").Conflicts("not-submitted")
            .WithSummary("A submitted report's figures as CSV (Figure, Value).");
        api.MapGet("/{week}/stock.csv", StockCsv).ForStore(RoleSets.ReportReaders).WithName("DownloadWeeklyReportStockCsv")
            .AnswersFile("text/csv").Conflicts("not-submitted")
            .WithSummary("A submitted report's stock list as CSV, one row per car.");
        api.MapGet("/{week}/report.xlsx", Xlsx).ForStore(RoleSets.ReportReaders).WithName("DownloadWeeklyReportXlsx")
            .AnswersFile("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").Conflicts("not-submitted")
            .WithSummary("A submitted report as .xlsx: sheets Summary and Stock.");
        return app;
    }

    private static IWeeklyReportGrain Grain(IClusterClient cluster, string storeId, DateOnly week) =>
        cluster.GetGrain<IWeeklyReportGrain>(GrainKeys.WeeklyReport(storeId, week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    private static bool TryWeek(string week, out DateOnly date) => DateOnly.TryParseExact(week, "yyyy-MM-dd", out date);

    private static async Task<IResult> List(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IWeeklyReportListGrain>(GrainKeys.Store(storeId)).List(page)).ToResult();
    }

    private static async Task<IResult> Get(string storeId, string week, IClusterClient cluster) =>
        TryWeek(week, out var date) ? (await Grain(cluster, storeId, date).Get()).ToResult() : NotFound();

    private static async Task<IResult> Prepare(string storeId, string? week, IClusterClient cluster)
    {
        DateOnly? day = null;
        if (week is not null)
        {
            if (!DateOnly.TryParseExact(week, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
            {
                return Problems.Invalid("week", "must be a date (yyyy-MM-dd): the week's deadline day.");
            }

            day = d;
        }

        return (await cluster.GetGrain<IStoreCalendarGrain>(GrainKeys.Store(storeId)).PrepareWeek(day)).ToResult();
    }

    private static async Task<IResult> Refresh(string storeId, string week, IClusterClient cluster) =>
        TryWeek(week, out var date) ? (await Grain(cluster, storeId, date).Refresh()).ToResult() : NotFound();

    private static async Task<IResult> Submit(string storeId, string week, SubmitReportRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!TryWeek(week, out var date))
        {
            return NotFound();
        }

        var errors = new FieldErrors().MaxLength("note", request.Note, 1000);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, date).Submit(request.Note, operationId)).ToResult();
    }

    private static Task<IResult> SummaryCsv(string storeId, string week, IClusterClient cluster) =>
        Download(storeId, week, cluster, r => TypedResults.File(CsvFile.Csv(WeeklyReportExport.SummaryRows(r)), "text/csv; charset=utf-8",
            $"{storeId}-weekly-{r.Week}-summary.csv"));

    private static Task<IResult> StockCsv(string storeId, string week, IClusterClient cluster) =>
        Download(storeId, week, cluster, r => TypedResults.File(CsvFile.Csv(WeeklyReportExport.StockRows(r)), "text/csv; charset=utf-8",
            $"{storeId}-weekly-{r.Week}-stock.csv"));

    private static Task<IResult> Xlsx(string storeId, string week, IClusterClient cluster) =>
        Download(storeId, week, cluster, r => TypedResults.File(WeeklyReportExport.Xlsx(r),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{storeId}-weekly-{r.Week}.xlsx"));

    /// <summary>Downloads are of what was submitted: a draft may still change.</summary>
    private static async Task<IResult> Download(string storeId, string week, IClusterClient cluster, Func<WeeklyReportView, IResult> file)
    {
        if (!TryWeek(week, out var date))
        {
            return NotFound();
        }

        var report = await Grain(cluster, storeId, date).Get();
        if (!report.IsOk)
        {
            return report.ToResult();
        }

        return report.Value!.Status == WeeklyReportStatus.Submitted
            ? file(report.Value)
            : Problems.ToResult(Problem.Conflict("not-submitted", "The report is still a draft; it can be downloaded once submitted."));
    }

    private static IResult NotFound() => Problems.ToResult(Problem.NotFound("Weekly report"));
}
