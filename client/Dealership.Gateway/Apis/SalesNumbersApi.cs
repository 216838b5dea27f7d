using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public static class SalesNumbersApi
{
    public static IEndpointRouteBuilder MapSalesNumbersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stores/{storeId}/sales-numbers", Get).WithTags("Sales floor")
            .ForStore(RoleSets.NumbersReaders)
            .WithName("GetSalesNumbers")
            .Answers<SalesNumbersView>()
            .WithSummary("Today and month to date, per store and consultant: visits, calls, first visits, record rate (留档率), test-drive rate, " +
                "orders, retail sales, closing rate (orders ÷ first visits), gross profit per unit, penetrations, overdue follow-ups. " +
                "A consultant gets their own line only.");
        return app;
    }

    private static async Task<IResult> Get(string storeId, string? date, IClusterClient cluster, HttpContext http)
    {
        var day = http.Today();
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return Problems.Invalid("date", "must be a date (yyyy-MM-dd).");
        }

        var caller = http.Caller();
        var only = caller.Role == StaffRole.SalesConsultant ? caller.StaffId : null;
        return TypedResults.Ok(await cluster.GetGrain<ISalesNumbersGrain>(GrainKeys.Store(storeId)).Get(day, only));
    }
}
