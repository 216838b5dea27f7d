using Dealership.Contracts.Common;
using Dealership.Contracts.Pricing;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>The store's price book and rebate policies, kept by the sales manager: deals take their prices from them.</summary>
public static class PriceBookApi
{
    public static IEndpointRouteBuilder MapPriceBookApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags("Deals");
        api.MapGet("/price-book", ListPrices).ForStore(RoleSets.PriceReaders).WithName("ListPriceBook").Answers<Page<PriceBookLine>>()
            .WithSummary("The store's price of each specification (list price, guide price, OEM invoice cost), by model, trim and colour.");
        api.MapPut("/price-book", SetPrice).ForStore(RoleSets.PriceKeepers).WithName("SetPrice")
            .Answers<PriceBookLine>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Add or change the price of a specification; a deal's list price and vehicle cost come from it. Kept with who and when.");
        api.MapGet("/rebate-policies", ListRebates).ForStore(RoleSets.PriceReaders).WithName("ListRebatePolicies").Answers<Page<RebatePolicyLine>>()
            .WithSummary("The OEM rebate per unit of each model for a month (?month=yyyy-MM, this month by default).");
        api.MapPut("/rebate-policies", SetRebate).ForStore(RoleSets.PriceKeepers).WithName("SetRebatePolicy")
            .Answers<RebatePolicyLine>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Set a model's rebate per unit for a month; a deal's expected rebate comes from it. Kept with who and when.");
        return app;
    }

    private static IPriceBookGrain Book(IClusterClient cluster, string storeId) => cluster.GetGrain<IPriceBookGrain>(GrainKeys.Store(storeId));

    private static async Task<IResult> ListPrices(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Book(cluster, storeId).ListPrices(page)).ToResult();
    }

    private static async Task<IResult> SetPrice(string storeId, PriceBookEntry entry, IClusterClient cluster, HttpContext http)
    {
        var errors = entry?.Validate() ?? new FieldErrors().Add("model", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Book(cluster, storeId).SetPrice(entry!, operationId)).ToResult();
    }

    private static async Task<IResult> ListRebates(string storeId, string? month, int? limit, string? after, IClusterClient cluster, HttpContext http)
    {
        month ??= RebatePolicy.MonthOf(http.Today());
        if (!RebatePolicy.IsMonth(month))
        {
            return Problems.Invalid("month", "must be a month (yyyy-MM).");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Book(cluster, storeId).ListRebates(month, page)).ToResult();
    }

    private static async Task<IResult> SetRebate(string storeId, RebatePolicy policy, IClusterClient cluster, HttpContext http)
    {
        var errors = policy?.Validate() ?? new FieldErrors().Add("model", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Book(cluster, storeId).SetRebate(policy!, operationId)).ToResult();
    }
}
