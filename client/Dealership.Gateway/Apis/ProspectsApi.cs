using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record LostRequest(LostReason Reason, string? Note);

public sealed record LostDecisionRequest(bool Confirm, string? Note);

public sealed record ReassignRequest([property: Required] string? FromConsultantId, [property: Required] string? ToConsultantId);

/// <summary>Customers and their prospect cards (意向客户卡): follow-ups, lost (战败), reassignment.</summary>
public static class ProspectsApi
{
    public static IEndpointRouteBuilder MapProspectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags("Prospects");
        api.MapGet("/prospects", List).ForStore(RoleSets.SalesFloor).WithName("ListProspects").Answers<Page<ProspectSummary>>()
            .WithSummary("Prospect cards, soonest follow-up first, a page at a time; overdue=true for the overdue list. A consultant sees only their own.");
        api.MapPost("/prospects/reassign", Reassign).ForStore(RoleSets.Managers).WithName("ReassignProspects").Answers<ReassignResult>()
            .WithSummary("Hand every active prospect of one consultant (e.g. one who left) to another.");
        api.MapGet("/customers", Customers).ForStore(RoleSets.SalesFloor).WithName("ListCustomers").Answers<Page<CustomerSummary>>()
            .WithSummary("The store's customers, newest first, a page at a time; search by name or by full mobile number. A consultant sees their own.");
        api.MapGet("/customers/{customerId}", Get).ForStore(RoleSets.SalesFloor).WithName("GetCustomer").Answers<CustomerView>()
            .WithSummary("A customer and their prospect card with its latest follow-ups.");
        api.MapGet("/customers/{customerId}/follow-ups", FollowUps).ForStore(RoleSets.SalesFloor).WithName("ListFollowUps").Answers<Page<FollowUp>>()
            .WithSummary("The prospect card's whole contact log (visits, calls, follow-ups), newest first, a page at a time.");
        api.MapPost("/customers/{customerId}/follow-ups", FollowUp).ForStore(RoleSets.SalesFloor).WithName("LogFollowUp")
            .Answers<CustomerView>().Conflicts("prospect-not-active", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Log a follow-up; the grade may change and the next one is due by the grade's rhythm.");
        api.MapPost("/customers/{customerId}/lost", DeclareLost).ForStore(RoleSets.SalesFloor).WithName("DeclareProspectLost")
            .Answers<CustomerView>().Conflicts("prospect-not-active")
            .WithSummary("Declare the prospect lost (战败) with a reason; the sales manager confirms.");
        api.MapPost("/customers/{customerId}/lost/decision", DecideLost).ForStore(RoleSets.Managers).WithName("DecideProspectLost")
            .Answers<CustomerView>().Conflicts("not-declared-lost")
            .WithSummary("The sales manager confirms a declared loss, or sends the prospect back to active.");
        return app;
    }

    private static ICustomerGrain Customer(IClusterClient cluster, string storeId, string customerId) =>
        cluster.GetGrain<ICustomerGrain>(GrainKeys.InStore(storeId, customerId));

    private static async Task<IResult> List(string storeId, string? consultantId, ProspectStatus? status, bool? overdue, int? limit, string? after,
        IClusterClient cluster)
    {
        if (status is { } st && !Enum.IsDefined(st))
        {
            return Problems.Invalid("status", "is not a prospect status.");
        }

        if (consultantId is not null && !Ids.IsValid(consultantId))
        {
            return Problems.Invalid("consultantId", "is not a staff id.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Lists(cluster, storeId).Prospects(new ProspectFilter(consultantId, status, overdue ?? false), page)).ToResult();
    }

    private static async Task<IResult> Customers(string storeId, string? search, int? limit, string? after, IClusterClient cluster)
    {
        var errors = new FieldErrors().MaxLength("search", search, 60);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Lists(cluster, storeId).Customers(search, page)).ToResult();
    }

    private static async Task<IResult> FollowUps(string storeId, string customerId, int? limit, string? after, IClusterClient cluster)
    {
        if (!PersonalData.IsCustomerId(customerId))
        {
            return NotFound();
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Customer(cluster, storeId, customerId).GetFollowUps(page)).ToResult();
    }

    private static ICustomerListGrain Lists(IClusterClient cluster, string storeId) => cluster.GetGrain<ICustomerListGrain>(GrainKeys.Store(storeId));

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

        return (await Lists(cluster, storeId).ReassignAll(request.FromConsultantId!, request.ToConsultantId!)).ToResult();
    }

    private static IResult NotFound() => Problems.ToResult(Problem.NotFound("Customer"));
}
