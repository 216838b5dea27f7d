using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;

namespace Dealership.Gateway.Apis;

/// <summary>The parts department's numbers and its workbooks (suggestions, valuation, dead stock), all read from the parts review.</summary>
public static class PartsReportsApi
{
    public static IEndpointRouteBuilder MapPartsReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags("Parts");
        api.MapGet("/parts-numbers", Numbers).ForStore(RoleSets.PartsReaders).WithName("GetPartsNumbers").Answers<PartsNumbers>()
            .WithSummary("Stock value at average cost, fill rate over the last days (default 30), stock turn, dead stock value and share, parts " +
                "below their reorder point and what the review suggests ordering.");
        api.MapGet("/parts-planning.xlsx", Suggestions).ForStore(RoleSets.PartsReaders).WithName("DownloadPartsSuggestions")
            .AnswersFile(PurchaseOrderExport.XlsxType)
            .WithSummary("The review as .xlsx (sheet Suggestions): per part its position, demand, safety stock, reorder point and the quantity to " +
                "order; toOrderOnly=true for the parts to order.");
        api.MapGet("/parts-valuation.xlsx", Valuation).ForStore(RoleSets.PartsReaders).WithName("DownloadPartsValuation")
            .AnswersFile(PurchaseOrderExport.XlsxType)
            .WithSummary("The stock valuation as .xlsx (sheet Valuation): every part on hand at its average cost, with the total.");
        api.MapGet("/parts-dead-stock.xlsx", DeadStock).ForStore(RoleSets.PartsReaders).WithName("DownloadPartsDeadStock")
            .AnswersFile(PurchaseOrderExport.XlsxType)
            .WithSummary("The dead stock as .xlsx (sheet Dead stock): parts with no movement for the store's dead months, their value and last movement.");
        return app;
    }

    private static IPartsListGrain Parts(IClusterClient cluster, string storeId) => cluster.GetGrain<IPartsListGrain>(GrainKeys.Store(storeId));

    private static async Task<IResult> Numbers(string storeId, int? days, IClusterClient cluster) =>
        days is { } d && d is < 1 or > 365
            ? Problems.Invalid("days", "must be between 1 and 365.")
            : (await Parts(cluster, storeId).Numbers(days ?? 30)).ToResult();

    private static Task<IResult> Suggestions(string storeId, bool? toOrderOnly, IClusterClient cluster) =>
        Workbook(storeId, toOrderOnly ?? false, cluster, PartsExport.Suggestions, "parts-suggestions");

    private static Task<IResult> Valuation(string storeId, IClusterClient cluster) =>
        Workbook(storeId, false, cluster, PartsExport.Valuation, "parts-valuation");

    private static Task<IResult> DeadStock(string storeId, IClusterClient cluster) =>
        Workbook(storeId, false, cluster, PartsExport.DeadStock, "parts-dead-stock");

    private static async Task<IResult> Workbook(string storeId, bool toOrderOnly, IClusterClient cluster, Func<PartsPlanningReview, byte[]> book, string name)
    {
        // The whole review at once: a workbook is every line, not a page of them.
        var review = await Parts(cluster, storeId).Review(toOrderOnly, new PageRequest(int.MaxValue, null));
        return review.Value is { } r
            ? TypedResults.File(book(r), PurchaseOrderExport.XlsxType, $"{storeId}-{name}-{r.Date:yyyy-MM-dd}.xlsx")
            : review.ToResult();
    }
}
