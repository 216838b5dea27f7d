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

/// <summary>
/// The month's reports, each a view and its downloads for this month so far or any past month: the sales manager's monthly
/// sales analysis (月度销售分析) and the sales information clerk's month-end summary (月末总结).
/// </summary>
public static class MonthlyReportsApi
{
    public static IEndpointRouteBuilder MapMonthlyReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(TargetsApi.Tag);
        api.MapGet("/monthly-analysis", Analysis).ForStore(RoleSets.SalesAnalysisReaders).WithName("GetMonthlyAnalysis").Answers<MonthlyAnalysis>()
            .WithSummary("The monthly sales analysis for a store-local month (this month so far by default, or month=yyyy-MM): the funnel " +
                "from traffic to delivery with record, test-drive and closing rates; gross profit and per unit; accessory, insurance and " +
                "finance penetration; the month's target; each model (enquiries, orders, retail, deliveries, gross profit, share, stock, " +
                "days to sell); each consultant; lost prospects by reason; stock days (stock at the month's end, its age, aged units, " +
                "days to sell, days of supply). A month not begun is a 400.");
        api.MapGet("/monthly-analysis.csv", AnalysisCsv).ForStore(RoleSets.SalesAnalysisReaders).WithName("DownloadMonthlyAnalysisCsv")
            .AnswersFile("text/csv")
            .WithSummary("The monthly sales analysis as CSV (UTF-8 with BOM): every table in one file as Section (Summary, Model, " +
                "Consultant, LostReason), Item, Figure, Value.");
        api.MapGet("/monthly-analysis.xlsx", AnalysisXlsx).ForStore(RoleSets.SalesAnalysisReaders).WithName("DownloadMonthlyAnalysisXlsx")
            .AnswersFile(DailyReportExport.XlsxType)
            .WithSummary("The monthly sales analysis as .xlsx: the sheets Summary (Figure, Value), Models, Consultants and LostReasons.");

        api.MapGet("/month-end-summary", MonthEnd).ForStore(RoleSets.ReportReaders).WithName("GetMonthEndSummary").Answers<MonthEndSummary>()
            .WithSummary("The clerk's month-end summary for a store-local month (this month so far by default, or month=yyyy-MM): the " +
                "month's stock ledger reconciled for the store and by model (opening, receipts, transfers in, returns, sales out, " +
                "transfers out, corrections, closing), orders, retail sales, deliveries and gross profit, the stock for sale at the end " +
                "(aged, in transit, inventory coefficient), the weekly reports due in the month, and where next month's OEM order stands.");
        api.MapGet("/month-end-summary.csv", MonthEndCsv).ForStore(RoleSets.ReportReaders).WithName("DownloadMonthEndSummaryCsv")
            .AnswersFile("text/csv")
            .WithSummary("The month-end summary as CSV (UTF-8 with BOM): Section (Summary, Model), Item, Figure, Value.");
        api.MapGet("/month-end-summary.xlsx", MonthEndXlsx).ForStore(RoleSets.ReportReaders).WithName("DownloadMonthEndSummaryXlsx")
            .AnswersFile(DailyReportExport.XlsxType)
            .WithSummary("The month-end summary as .xlsx: the sheets Summary (Figure, Value) and Stock (the month's ledger by model).");
        return app;
    }

    /// <summary>The month asked for (its first day), this month by default; a malformed one is a 400 naming <c>month</c>.</summary>
    internal static (DateOnly Month, IResult? Bad) Month(string? month, HttpContext http)
    {
        var today = http.Today();
        var first = new DateOnly(today.Year, today.Month, 1);
        if (month is not null && (month.Length != 7
            || !DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)
            || first.Year < 2000))
        {
            return (first, Problems.Invalid("month", "must be a month (yyyy-MM) from 2000 on."));
        }

        return (first, null);
    }

    private static async Task<(Outcome<MonthlyAnalysis>? Report, IResult? Bad)> ReadAnalysis(string storeId, string? month, IClusterClient cluster,
        HttpContext http)
    {
        var (first, bad) = Month(month, http);
        return bad is not null ? (null, bad) : (await cluster.GetGrain<IMonthlyAnalysisGrain>(GrainKeys.Store(storeId)).Get(first), null);
    }

    private static async Task<(Outcome<MonthEndSummary>? Report, IResult? Bad)> ReadMonthEnd(string storeId, string? month, IClusterClient cluster,
        HttpContext http)
    {
        var (first, bad) = Month(month, http);
        return bad is not null ? (null, bad) : (await cluster.GetGrain<IMonthEndSummaryGrain>(GrainKeys.Store(storeId)).Get(first), null);
    }

    private static async Task<IResult> Analysis(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await ReadAnalysis(storeId, month, cluster, http);
        return bad ?? report!.ToResult();
    }

    private static async Task<IResult> AnalysisCsv(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await ReadAnalysis(storeId, month, cluster, http);
        return bad ?? report!.ToResult(r => TypedResults.File(CsvFile.Csv(MonthlyAnalysisExport.Lines(r)), "text/csv; charset=utf-8",
            $"{storeId}-monthly-analysis-{r.Month}.csv"));
    }

    private static async Task<IResult> AnalysisXlsx(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await ReadAnalysis(storeId, month, cluster, http);
        return bad ?? report!.ToResult(r => TypedResults.File(MonthlyAnalysisExport.Xlsx(r), DailyReportExport.XlsxType,
            $"{storeId}-monthly-analysis-{r.Month}.xlsx"));
    }

    private static async Task<IResult> MonthEnd(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await ReadMonthEnd(storeId, month, cluster, http);
        return bad ?? report!.ToResult();
    }

    private static async Task<IResult> MonthEndCsv(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await ReadMonthEnd(storeId, month, cluster, http);
        return bad ?? report!.ToResult(r => TypedResults.File(CsvFile.Csv(MonthEndSummaryExport.Lines(r)), "text/csv; charset=utf-8",
            $"{storeId}-month-end-summary-{r.Month}.csv"));
    }

    private static async Task<IResult> MonthEndXlsx(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (report, bad) = await ReadMonthEnd(storeId, month, cluster, http);
        return bad ?? report!.ToResult(r => TypedResults.File(MonthEndSummaryExport.Xlsx(r), DailyReportExport.XlsxType,
            $"{storeId}-month-end-summary-{r.Month}.xlsx"));
    }
}
