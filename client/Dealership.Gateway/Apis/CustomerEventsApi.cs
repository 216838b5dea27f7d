using System.Text.RegularExpressions;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

/// <summary>
/// Customer events (组织客户座谈会、商品展示活动): set-up, the invitation list by filters within the consent rules, each answer, the
/// check-in at the door that logs the visit with the event as its source, and the results the event brought.
/// </summary>
public static partial class CustomerEventsApi
{
    public const string Tag = "Customer events";

    public static IEndpointRouteBuilder MapCustomerEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/customer-events").WithTags(Tag);
        api.MapPost("", Create).ForStore(RoleSets.Managers).WithName("CreateCustomerEvent").Answers<CustomerEventView>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Set up an event: a product show, a launch, a customer forum or a test-drive day, with its time, budget and the " +
                "models it shows. Kept with who and when.");
        api.MapGet("", List).ForStore(RoleSets.SalesFloor).WithName("ListCustomerEvents").Answers<Page<CustomerEventView>>()
            .WithSummary("The store's events, latest first, each with how many were invited, accepted and came.");
        api.MapGet("/{eventId}", Get).ForStore(RoleSets.SalesFloor).WithName("GetCustomerEvent").Answers<CustomerEventView>()
            .WithSummary("One event with how its invitations stand.");
        api.MapPost("/{eventId}/invitations", Invite).ForStore(RoleSets.Managers).WithName("InviteToCustomerEvent").Answers<InvitationRun>()
            .WithSummary("Add to the invitation list the customers a filter picks: prospects by grade and model of interest, or customers " +
                "who bought here by model and delivery date (the car's age), and by last visit. Customers who opted out of marketing " +
                "contact are never added; a customer already on the list is not added again; at most 500 a run (capped says more matched).");
        api.MapGet("/{eventId}/invitations", Invitations).ForStore(RoleSets.SalesFloor).WithName("ListEventInvitations")
            .Answers<Page<Invitation>>().WithSummary("The invitation list with each answer and check-in (mobiles masked).");
        api.MapPost("/{eventId}/invitations/{customerId}/outcome", RecordInvitation).ForStore(RoleSets.SalesFloor)
            .WithName("RecordEventInvitation").Answers<Invitation>()
            .WithSummary("Record the invited customer's answer: Accepted, Declined or NoAnswer (the latest answer stands), with who and when.");
        api.MapPost("/{eventId}/invitations/{customerId}/check-in", CheckIn).ForStore(RoleSets.SalesFloor).WithName("CheckInAtCustomerEvent")
            .Answers<Invitation>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The invited customer came: logs their visit in the day's showroom register with the event as its source (it " +
                "counts as the store's traffic); a second check-in is the same one.");
        api.MapGet("/{eventId}/results", Results).ForStore([.. RoleSets.Managers, StaffRole.GroupHq]).WithName("GetCustomerEventResults")
            .Answers<EventResults>()
            .WithSummary("What the event brought from the customers who came: their test drives, orders (contracts signed) and retail " +
                "sales within 30 days of its start, those sales' gross profit, and the budget per order.");
        return app;
    }

    [GeneratedRegex("^ev[0-9a-f]{16}$")]
    private static partial Regex EventIdPattern();

    private static ICustomerEventsGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<ICustomerEventsGrain>(GrainKeys.Store(storeId));

    private static IResult NoEvent() => Problems.ToResult(Problem.NotFound("Customer event"));

    private static async Task<IResult> Create(string storeId, NewCustomerEvent draft, IClusterClient cluster, HttpContext http)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).Create(draft!, operationId)).ToResult();
    }

    private static async Task<IResult> List(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Grain(cluster, storeId).List(page)).ToResult();
    }

    private static async Task<IResult> Get(string storeId, string eventId, IClusterClient cluster) =>
        EventIdPattern().IsMatch(eventId) ? (await Grain(cluster, storeId).Get(eventId)).ToResult() : NoEvent();

    private static async Task<IResult> Invite(string storeId, string eventId, InvitationFilter filter, IClusterClient cluster)
    {
        if (!EventIdPattern().IsMatch(eventId))
        {
            return NoEvent();
        }

        var errors = filter?.Validate() ?? new FieldErrors().Add("grades", "is required.");
        return errors.Any ? Problems.Invalid(errors) : (await Grain(cluster, storeId).Invite(eventId, filter!, null)).ToResult();
    }

    private static async Task<IResult> Invitations(string storeId, string eventId, int? limit, string? after, IClusterClient cluster)
    {
        if (!EventIdPattern().IsMatch(eventId))
        {
            return NoEvent();
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Grain(cluster, storeId).Invitations(eventId, page)).ToResult();
    }

    private static async Task<IResult> RecordInvitation(string storeId, string eventId, string customerId, InvitationOutcomeDraft draft,
        IClusterClient cluster)
    {
        if (!EventIdPattern().IsMatch(eventId) || !PersonalData.IsCustomerId(customerId))
        {
            return NoEvent();
        }

        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        return errors.Any ? Problems.Invalid(errors) : (await Grain(cluster, storeId).RecordInvitation(eventId, customerId, draft!, null)).ToResult();
    }

    private static async Task<IResult> CheckIn(string storeId, string eventId, string customerId, IClusterClient cluster, HttpContext http)
    {
        if (!EventIdPattern().IsMatch(eventId) || !PersonalData.IsCustomerId(customerId))
        {
            return NoEvent();
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).CheckIn(eventId, customerId, operationId)).ToResult();
    }

    private static async Task<IResult> Results(string storeId, string eventId, IClusterClient cluster) =>
        EventIdPattern().IsMatch(eventId) ? (await Grain(cluster, storeId).Results(eventId)).ToResult() : NoEvent();
}
