using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

/// <summary>The showroom register (来店来电登记): every visit and call of the day, and who is up next for a walk-in.</summary>
public static class ShowroomRegisterApi
{
    public const string Tag = "Showroom register";

    /// <summary>Release 8 renamed /traffic to /showroom-register.</summary>
    private static readonly DateTimeOffset Release8 = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    public static IEndpointRouteBuilder MapShowroomRegisterApi(this IEndpointRouteBuilder app, ApiVersion version)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        api.MapPost("/showroom-register", Log).ForStore(RoleSets.SalesFloor).WithName("LogRegisterEntry").Creates<RegisterEntry>()
            .Conflicts("no-consultant-available", "idempotency-key-reused").Refuses("consultant-inactive").HonoursIdempotencyKey()
            .WithSummary("Log a visit or call. A mobile number finds or creates the store's customer and opens a prospect card; a walk-in " +
                "without a consultant goes to the one up next (409 no-consultant-available if nobody is).");
        api.MapGet("/showroom-register", List).ForStore(RoleSets.SalesFloorReaders).WithName("ListRegisterEntries").Answers<Page<RegisterEntry>>()
            .WithSummary("The register of one local day (default today, store time zone), in the order entries were logged, a page at a time.");
        api.MapGet("/showroom/up-next", UpNext).ForStore(RoleSets.SalesFloorReaders).WithName("GetUpNext").Answers<IReadOnlyList<ConsultantView>>()
            .WithSummary("Available consultants in the order walk-ins are offered to them: the one who has waited longest first.");

        if (version != ApiVersion.V1)
        {
            return app;
        }

        // Release 7 called the register "traffic"; the old path answers the same until the API's change policy retires it.
        api.MapPost("/traffic", Log).ForStore(RoleSets.SalesFloor).WithName("LogTraffic").Creates<RegisterEntry>()
            .Conflicts("no-consultant-available", "idempotency-key-reused").Refuses("consultant-inactive").HonoursIdempotencyKey()
            .DeprecatedFor("POST", "/api/stores/{storeId}/showroom-register", Release8).WithSummary("Log a visit or call (old path).");
        api.MapGet("/traffic", List).ForStore(RoleSets.SalesFloorReaders).WithName("ListTraffic").Answers<Page<RegisterEntry>>()
            .DeprecatedFor("GET", "/api/stores/{storeId}/showroom-register", Release8).WithSummary("The day's register (old path).");
        return app;
    }

    private static IShowroomRegisterGrain Register(IClusterClient cluster, string storeId, DateOnly day) =>
        cluster.GetGrain<IShowroomRegisterGrain>(GrainKeys.ShowroomRegister(storeId, day));

    private static async Task<IResult> Log(string storeId, NewRegisterEntry entry, IClusterClient cluster, HttpContext http)
    {
        if (entry is null)
        {
            return Problems.Invalid("kind", "is required.");
        }

        var errors = entry.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await Register(cluster, storeId, http.Today()).Log(entry, operationId);
        return outcome.ToResult(e => TypedResults.Created($"/api/stores/{storeId}/showroom-register?date={e.At:yyyy-MM-dd}", e));
    }

    private static async Task<IResult> List(string storeId, string? date, int? limit, string? after, IClusterClient cluster, HttpContext http)
    {
        var day = http.Today();
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return Problems.Invalid("date", "must be a date (yyyy-MM-dd).");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Register(cluster, storeId, day).List(page)).ToResult();
    }

    private static async Task<IResult> UpNext(string storeId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IConsultantListGrain>(GrainKeys.Store(storeId)).UpNext());
}
