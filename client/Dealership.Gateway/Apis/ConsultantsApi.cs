using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record StatusRequest(ConsultantStatus Status, string? Note);

public static class ConsultantsApi
{
    public static IEndpointRouteBuilder MapConsultantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/consultants").WithTags("Sales floor");
        api.MapGet("", List).ForStore(RoleSets.Everyone).WithName("ListConsultants").Answers<IReadOnlyList<ConsultantView>>()
            .WithSummary("The store's consultants with their live status.");
        api.MapGet("/{staffId}", Get).ForStore(RoleSets.Everyone).WithName("GetConsultant").Answers<ConsultantView>()
            .WithSummary("One consultant.");
        api.MapPost("/{staffId}/status", SetStatus)
            .ForStore(RoleSets.SalesFloor)
            .WithName("SetConsultantStatus")
            .Answers<ConsultantView>().Conflicts("idempotency-key-reused").Refuses("consultant-inactive").HonoursIdempotencyKey()
            .WithSummary("Set a consultant's live status (a consultant may set only their own).");
        api.MapGet("/{staffId}/history", History).ForStore(RoleSets.SalesFloor)
            .WithName("GetConsultantHistory").Answers<Page<ConsultantStatusChange>>()
            .WithSummary("Status changes with who and when, newest first, a page at a time (limit, after).");
        return app;
    }

    private static IConsultantGrain Grain(IClusterClient cluster, string storeId, string staffId) =>
        cluster.GetGrain<IConsultantGrain>(GrainKeys.InStore(storeId, staffId));

    private static async Task<IResult> List(string storeId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IConsultantListGrain>(GrainKeys.Store(storeId)).List());

    private static async Task<IResult> Get(string storeId, string staffId, IClusterClient cluster) =>
        Ids.IsValid(staffId) ? (await Grain(cluster, storeId, staffId).Get()).ToResult() : NotFound(staffId);

    private static async Task<IResult> SetStatus(string storeId, string staffId, StatusRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!Ids.IsValid(staffId))
        {
            return NotFound(staffId);
        }

        var caller = http.Caller();
        if (caller.Role == StaffRole.SalesConsultant && caller.StaffId != staffId)
        {
            return Problems.ToResult(Problem.Forbidden("A consultant may set only their own status."));
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, staffId).SetStatus(request.Status, request.Note, operationId)).ToResult();
    }

    private static async Task<IResult> History(string storeId, string staffId, int? limit, string? after, IClusterClient cluster, HttpContext http)
    {
        var caller = http.Caller();
        if (!Ids.IsValid(staffId) || (caller.Role == StaffRole.SalesConsultant && caller.StaffId != staffId))
        {
            return NotFound(staffId);
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Grain(cluster, storeId, staffId).GetHistory(page)).ToResult();
    }

    private static IResult NotFound(string staffId) => Problems.ToResult(Problem.NotFound($"Consultant '{staffId}'"));
}
