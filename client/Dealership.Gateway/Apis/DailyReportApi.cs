using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>The daily report to the general manager (日报): a view and its downloads, for today or any past day.</summary>
public static class DailyReportApi
{
    public static IEndpointRouteBuilder MapDailyReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(TargetsApi.Tag);
        api.MapGet("/daily-report", Get).ForStore(RoleSets.DailyReportReaders).WithName("GetDailyReport").Answers<DailyReport>()
            .WithSummary("The daily report for a store-local day (today by default, or date=yyyy-MM-dd): the day's and the month's sales " +
                "numbers (traffic, first visits, test drives, orders, retail sales, deliveries, gross profit, closing rate…), the month's " +
                "target progress at the end of the day, overdue follow-ups, and the stock as it stands now. At the store's closing time " +
                "the general manager is given it as a task.");
        api.MapGet("/daily-report.csv", Csv).ForStore(RoleSets.DailyReportReaders).WithName("DownloadDailyReportCsv").AnswersFile("text/csv")
            .WithSummary("The daily report as CSV: Figure, Value (UTF-8 with BOM).");
        api.MapGet("/daily-report.xlsx", Xlsx).ForStore(RoleSets.DailyReportReaders).WithName("DownloadDailyReportXlsx")
            .AnswersFile(DailyReportExport.XlsxType).WithSummary("The daily report as .xlsx: the sheet Summary (Figure, Value).");
        return app;
    }

    private static async Task<(Outcome<DailyReport>? Report, IResult? Bad)> Read(string storeId, string? date, IClusterClient cluster, HttpContext http)
    {
        var day = http.Today();
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return (null, Problems.Invalid("date", "must be a date (yyyy-MM-dd)."));
        }

        return (await cluster.GetGrain<IDailyReportGrain>(GrainKeys.Store(storeId)).Get(day), null);
    }

    private static async Task<IResult> Get(string storeId, string? date, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await Read(storeId, date, cluster, http);
        return bad ?? report!.ToResult();
    }

    private static async Task<IResult> Csv(string storeId, string? date, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await Read(storeId, date, cluster, http);
        return bad ?? report!.ToResult(r => TypedResults.File(CsvFile.Csv(DailyReportExport.Rows(r)), "text/csv; charset=utf-8",
            $"{storeId}-daily-report-{r.Date:yyyy-MM-dd}.csv"));
    }

    private static async Task<IResult> Xlsx(string storeId, string? date, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await Read(storeId, date, cluster, http);
        return bad ?? report!.ToResult(r => TypedResults.File(DailyReportExport.Xlsx(r), DailyReportExport.XlsxType,
            $"{storeId}-daily-report-{r.Date:yyyy-MM-dd}.xlsx"));
    }
}
