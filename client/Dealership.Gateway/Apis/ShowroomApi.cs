using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Errors;

namespace Dealership.Gateway.Apis;

/// <summary>The showroom's traffic register (来店来电登记) and who is up next.</summary>
public static class ShowroomApi
{
    public static readonly StaffRole[] Floor = [StaffRole.SalesConsultant, StaffRole.SalesManager, StaffRole.GeneralManager];
    private static readonly StaffRole[] Readers = [.. Floor, StaffRole.GroupHq];

    public static IEndpointRouteBuilder MapShowroomApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stores/{storeId}").WithTags("Sales floor");
        api.MapPost("/traffic", Log).ForStore(Floor).WithName("LogTraffic")
            .WithSummary("Log a visit or call. A mobile number finds or creates the store's customer and opens a prospect card; a walk-in " +
                "without a consultant goes to the one up next (409 no-consultant-available if nobody is). Honours Idempotency-Key.");
        api.MapGet("/traffic", List).ForStore(Readers).WithName("ListTraffic")
            .WithSummary("The traffic register of one local day (default today, store time zone).");
        api.MapGet("/showroom/up-next", UpNext).ForStore(Readers).WithName("GetUpNext")
            .WithSummary("Available consultants in the order walk-ins are offered to them: the one who has waited longest first.");
        return app;
    }

    private static ITrafficLogGrain Register(IClusterClient cluster, string storeId, DateOnly day) =>
        cluster.GetGrain<ITrafficLogGrain>(GrainKeys.InStore(storeId, $"traffic-{day:yyyy-MM-dd}"));

    private static async Task<IResult> Log(string storeId, NewTraffic traffic, IClusterClient cluster, HttpContext http)
    {
        if (traffic is null)
        {
            return Problems.Invalid("kind", "is required.");
        }

        var errors = traffic.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await Register(cluster, storeId, http.Today()).Log(traffic, operationId);
        return outcome.ToResult(e => TypedResults.Created($"/api/stores/{storeId}/traffic?date={e.At:yyyy-MM-dd}", e));
    }

    private static async Task<IResult> List(string storeId, string? date, IClusterClient cluster, HttpContext http)
    {
        var day = http.Today();
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return Problems.Invalid("date", "must be a date (yyyy-MM-dd).");
        }

        return TypedResults.Ok(await Register(cluster, storeId, day).List());
    }

    private static async Task<IResult> UpNext(string storeId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IConsultantListGrain>(GrainKeys.Store(storeId)).UpNext());
}
