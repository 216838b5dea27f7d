using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Errors;

namespace Dealership.Gateway.Apis;

public sealed record LostRequest(LostReason Reason, string? Note);

public sealed record LostDecisionRequest(bool Confirm, string? Note);

public sealed record ReassignRequest(string? FromConsultantId, string? ToConsultantId);

public sealed record ReassignResult(int Reassigned, IReadOnlyList<string> CustomerIds);

/// <summary>Customers and their prospect cards (意向客户卡): follow-ups, lost (战败), reassignment.</summary>
public static class ProspectsApi
{
    private static readonly StaffRole[] Managers = [StaffRole.SalesManager, StaffRole.GeneralManager];

    public static IEndpointRouteBuilder MapProspectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stores/{storeId}").WithTags("Sales floor");
        api.MapGet("/prospects", List).ForStore(ShowroomApi.Floor).WithName("ListProspects")
            .WithSummary("Prospect cards, soonest follow-up first; overdue=true for the overdue list. A consultant sees only their own.");
        api.MapPost("/prospects/reassign", Reassign).ForStore(Managers).WithName("ReassignProspects")
            .WithSummary("Hand every active prospect of one consultant (e.g. one who left) to another.");
        api.MapGet("/customers/{customerId}", Get).ForStore(ShowroomApi.Floor).WithName("GetCustomer")
            .WithSummary("A customer and their prospect card with the follow-up log.");
        api.MapPost("/customers/{customerId}/follow-ups", FollowUp).ForStore(ShowroomApi.Floor).WithName("LogFollowUp")
            .WithSummary("Log a follow-up; the grade may change and the next one is due by the grade's rhythm. Honours Idempotency-Key.");
        api.MapPost("/customers/{customerId}/lost", DeclareLost).ForStore(ShowroomApi.Floor).WithName("DeclareProspectLost")
            .WithSummary("Declare the prospect lost (战败) with a reason; the sales manager confirms.");
        api.MapPost("/customers/{customerId}/lost/decision", DecideLost).ForStore(Managers).WithName("DecideProspectLost")
            .WithSummary("The sales manager confirms a declared loss, or sends the prospect back to active.");
        return app;
    }

    private static ICustomerGrain Customer(IClusterClient cluster, string storeId, string customerId) =>
        cluster.GetGrain<ICustomerGrain>(GrainKeys.InStore(storeId, customerId));

    private static async Task<IResult> List(string storeId, string? consultantId, ProspectStatus? status, bool? overdue, IClusterClient cluster,
        HttpContext http)
    {
        if (status is { } st && !Enum.IsDefined(st))
        {
            return Problems.Invalid("status", "is not a prospect status.");
        }

        if (consultantId is not null && !Ids.IsValid(consultantId))
        {
            return Problems.Invalid("consultantId", "is not a staff id.");
        }

        var caller = http.Caller();
        var who = caller.Role == StaffRole.SalesConsultant ? caller.StaffId : consultantId;
        return TypedResults.Ok(await cluster.GetGrain<IProspectIndexGrain>(GrainKeys.Store(storeId)).List(who, status, overdue ?? false));
    }

    private static async Task<IResult> Get(string storeId, string customerId, IClusterClient cluster) =>
        PersonalData.IsCustomerId(customerId) ? (await Customer(cluster, storeId, customerId).Get()).ToResult() : NotFound();

    private static async Task<IResult> FollowUp(string storeId, string customerId, FollowUpDraft followUp, IClusterClient cluster, HttpContext http)
    {
        if (!PersonalData.IsCustomerId(customerId))
        {
            return NotFound();
        }

        if (followUp is null)
        {
            return Problems.Invalid("note", "is required.");
        }

        var errors = followUp.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Customer(cluster, storeId, customerId).LogFollowUp(followUp, operationId)).ToResult();
    }

    private static async Task<IResult> DeclareLost(string storeId, string customerId, LostRequest request, IClusterClient cluster) =>
        PersonalData.IsCustomerId(customerId)
            ? (await Customer(cluster, storeId, customerId).DeclareLost(request.Reason, request.Note ?? "")).ToResult()
            : NotFound();

    private static async Task<IResult> DecideLost(string storeId, string customerId, LostDecisionRequest request, IClusterClient cluster) =>
        PersonalData.IsCustomerId(customerId)
            ? (await Customer(cluster, storeId, customerId).DecideLost(request.Confirm, request.Note)).ToResult()
            : NotFound();

    private static async Task<IResult> Reassign(string storeId, ReassignRequest request, IClusterClient cluster)
    {
        var errors = new FieldErrors().Id("fromConsultantId", request.FromConsultantId).Id("toConsultantId", request.ToConsultantId);
        if (request.FromConsultantId is not null && request.FromConsultantId == request.ToConsultantId)
        {
            errors.Add("toConsultantId", "must be another consultant.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var prospects = await cluster.GetGrain<IProspectIndexGrain>(GrainKeys.Store(storeId)).List(request.FromConsultantId, null, false);
        var moved = new List<string>();
        foreach (var prospect in prospects.Where(p => p.Status is ProspectStatus.Active or ProspectStatus.LostPending))
        {
            var outcome = await Customer(cluster, storeId, prospect.CustomerId).Reassign(request.ToConsultantId!);
            if (!outcome.IsOk)
            {
                // The first refusal (e.g. the new consultant is not on the floor) stops the run; what moved stays moved.
                return moved.Count == 0 ? outcome.ToResult() : TypedResults.Ok(new ReassignResult(moved.Count, moved));
            }

            moved.Add(prospect.CustomerId);
        }

        return TypedResults.Ok(new ReassignResult(moved.Count, moved));
    }

    private static IResult NotFound() => Problems.ToResult(Problem.NotFound("Customer"));
}
