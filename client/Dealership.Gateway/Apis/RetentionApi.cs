using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;

namespace Dealership.Gateway.Apis;

/// <summary>
/// How well the stores bring their customers back: a store's month (reminder funnel, retention, renewals, warranties, events) and
/// the group's stores side by side for HQ, each as a view and an .xlsx download.
/// </summary>
public static class RetentionApi
{
    public const string Tag = "Retention numbers";

    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder app)
    {
        var store = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        store.MapGet("/retention-numbers", Numbers).ForStore(RoleSets.SalesAnalysisReaders).WithName("GetRetentionNumbers").Answers<RetentionNumbers>()
            .WithSummary("A store-local month's retention numbers (this month so far by default, or month=yyyy-MM): the reminder funnel (cars " +
                "due in the month as the daily list first listed them → customers reached about that service → booked → came to the workshop " +
                "by 30 days after due), customer retention at the month's end (cars sold or serviced here in the five years before the last " +
                "twelve months, and those back within them), the insurance renewal rate of the policies expiring in the month, warranty calls " +
                "and extended warranties sold, and the results of the month's customer events. Also in the monthly analysis (retention).");
        store.MapGet("/retention-numbers.xlsx", NumbersXlsx).ForStore(RoleSets.SalesAnalysisReaders).WithName("DownloadRetentionNumbers")
            .AnswersFile(DailyReportExport.XlsxType)
            .WithSummary("The month's retention numbers as .xlsx: a Summary sheet of Figure, Value, named as the view names them.");
        var group = app.MapGroup("/groups/{groupId}").WithTags(Tag);
        group.MapGet("/retention-numbers", Compare).ForGroup(RoleSets.RollupReaders).WithName("CompareRetentionNumbers").Answers<GroupRetention>()
            .WithSummary("Every store of the group side by side on its retention numbers for the month (this month by default, or month=yyyy-MM).");
        group.MapGet("/retention-numbers.xlsx", CompareXlsx).ForGroup(RoleSets.RollupReaders).WithName("DownloadGroupRetentionNumbers")
            .AnswersFile(DailyReportExport.XlsxType)
            .WithSummary("The group's stores side by side as .xlsx: a Stores sheet, one row per store.");
        return app;
    }

    private static async Task<(Outcome<RetentionNumbers>? Numbers, IResult? Bad)> Read(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (first, bad) = MonthlyReportsApi.Month(month, http);
        return bad is not null ? (null, bad) : (await cluster.GetGrain<IRetentionNumbersGrain>(GrainKeys.Store(storeId)).Get(first), null);
    }

    private static async Task<(Outcome<GroupRetention>? Numbers, IResult? Bad)> ReadGroup(string groupId, string? month, IClusterClient cluster,
        HttpContext http)
    {
        var (first, bad) = MonthlyReportsApi.Month(month, http);
        return bad is not null ? (null, bad) : (await cluster.GetGrain<IGroupRetentionGrain>(GrainKeys.Group(groupId)).Compare(first), null);
    }

    private static async Task<IResult> Numbers(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (numbers, bad) = await Read(storeId, month, cluster, http);
        return bad ?? numbers!.ToResult();
    }

    private static async Task<IResult> NumbersXlsx(string storeId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (numbers, bad) = await Read(storeId, month, cluster, http);
        return bad ?? numbers!.ToResult(n => TypedResults.File(RetentionExport.Xlsx(n), DailyReportExport.XlsxType, $"{storeId}-retention-{n.Month}.xlsx"));
    }

    private static async Task<IResult> Compare(string groupId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (numbers, bad) = await ReadGroup(groupId, month, cluster, http);
        return bad ?? numbers!.ToResult();
    }

    private static async Task<IResult> CompareXlsx(string groupId, string? month, IClusterClient cluster, HttpContext http)
    {
        var (numbers, bad) = await ReadGroup(groupId, month, cluster, http);
        return bad ?? numbers!.ToResult(g => TypedResults.File(RetentionExport.Xlsx(g), DailyReportExport.XlsxType, $"{groupId}-retention-{g.Month}.xlsx"));
    }
}
