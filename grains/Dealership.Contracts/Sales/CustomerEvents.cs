using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>What kind of event the store holds (组织客户座谈会、商品展示活动).</summary>
public enum EventKind
{
    ProductShow = 1,
    Launch = 2,
    CustomerForum = 3,
    TestDriveDay = 4,
}

/// <summary>What the invited customer answered.</summary>
public enum InvitationOutcome
{
    Accepted = 1,
    Declined = 2,
    NoAnswer = 3,
}

/// <summary>An event the sales manager sets up: when, what it costs, which models it shows.</summary>
/// <param name="Kind">ProductShow, Launch, CustomerForum or TestDriveDay.</param>
/// <param name="Name">What the invitations call it.</param>
/// <param name="StartsAt">When it starts (the store's time).</param>
/// <param name="EndsAt">When it ends.</param>
/// <param name="Budget">What it may cost (CNY): with the orders it brings, the cost per order.</param>
/// <param name="TargetModels">The models it shows (1-10).</param>
[GenerateSerializer, Immutable, Alias("NewCustomerEvent")]
public sealed record NewCustomerEvent(
    [property: Id(0)] EventKind Kind,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] decimal Budget,
    [property: Id(5)] IReadOnlyList<string> TargetModels)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("name", Name, 80).Range("budget", Budget, 0m, 10_000_000m);
        if (!Enum.IsDefined(Kind))
        {
            errors.Add("kind", "must be ProductShow, Launch, CustomerForum or TestDriveDay.");
        }

        if (StartsAt == default)
        {
            errors.Add("startsAt", "is required.");
        }

        if (EndsAt <= StartsAt || EndsAt > StartsAt.AddDays(14))
        {
            errors.Add("endsAt", "must be after startsAt, within 14 days.");
        }

        if (TargetModels is null || TargetModels.Count is 0 or > 10)
        {
            errors.Add("targetModels", "must list 1-10 models.");
        }
        else
        {
            for (var i = 0; i < TargetModels.Count; i++)
            {
                errors.Required($"targetModels[{i}]", TargetModels[i], 60);
            }
        }

        return errors;
    }
}

/// <summary>An event, with how its invitations stand.</summary>
[GenerateSerializer, Immutable, Alias("CustomerEventView")]
public sealed record CustomerEventView(
    [property: Id(0)] string EventId,
    [property: Id(1)] EventKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset StartsAt,
    [property: Id(4)] DateTimeOffset EndsAt,
    [property: Id(5)] decimal Budget,
    [property: Id(6)] IReadOnlyList<string> TargetModels,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy,
    [property: Id(9)] int Invited,
    [property: Id(10)] int Accepted,
    [property: Id(11)] int CheckedIn);

/// <summary>
/// Whom to invite: prospects by grade and model of interest, and the store's customers by the model they bought, when (the car's
/// age) and their last visit. Customers who opted out of marketing contact are never invited. At least one filter.
/// </summary>
/// <param name="Grades">Active prospects of these grades.</param>
/// <param name="ModelOfInterest">Active prospects interested in this model.</param>
/// <param name="OwnersOfModel">Customers who bought this model here.</param>
/// <param name="DeliveredFrom">Customers whose car was delivered on or after this day.</param>
/// <param name="DeliveredTo">Customers whose car was delivered on or before this day.</param>
/// <param name="NotVisitedSince">Customers not seen at the store (showroom or workshop) since this day.</param>
[GenerateSerializer, Immutable, Alias("InvitationFilter")]
public sealed record InvitationFilter(
    [property: Id(0)] IReadOnlyList<ProspectGrade>? Grades = null,
    [property: Id(1)] string? ModelOfInterest = null,
    [property: Id(2)] string? OwnersOfModel = null,
    [property: Id(3)] DateOnly? DeliveredFrom = null,
    [property: Id(4)] DateOnly? DeliveredTo = null,
    [property: Id(5)] DateOnly? NotVisitedSince = null)
{
    /// <summary>The most customers one invitation run adds.</summary>
    public const int MaxInvited = 500;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Prospects => Grades is { Count: > 0 } || !string.IsNullOrWhiteSpace(ModelOfInterest);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Owners => !string.IsNullOrWhiteSpace(OwnersOfModel) || DeliveredFrom is not null || DeliveredTo is not null;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors().MaxLength("modelOfInterest", ModelOfInterest, 60).MaxLength("ownersOfModel", OwnersOfModel, 60);
        if (Grades is { } grades && grades.Any(g => !Enum.IsDefined(g)))
        {
            errors.Add("grades", "must be H, A, B or C.");
        }

        if (!Prospects && !Owners && NotVisitedSince is null)
        {
            errors.Add("grades", "choose whom to invite: prospects by grade or model, or customers by model, delivery date or last visit.");
        }

        if (Prospects && Owners)
        {
            errors.Add("ownersOfModel", "invite prospects and owners in two runs: one list is either prospects or customers who bought.");
        }

        if (DeliveredFrom is { } from && DeliveredTo is { } to && to < from)
        {
            errors.Add("deliveredTo", "must be on or after deliveredFrom.");
        }

        return errors;
    }
}

/// <summary>What one invitation run did.</summary>
[GenerateSerializer, Immutable, Alias("InvitationRun")]
public sealed record InvitationRun(
    [property: Id(0)] int Added,
    [property: Id(1)] int AlreadyInvited,
    [property: Id(2)] bool Capped);

/// <summary>A customer on an event's invitation list: what they answered, and their check-in.</summary>
[GenerateSerializer, Immutable, Alias("Invitation")]
public sealed record Invitation(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string CustomerName,
    [property: Id(2)] string? MaskedMobile,
    [property: Id(3)] DateTimeOffset InvitedAt,
    [property: Id(4)] string InvitedBy,
    [property: Id(5)] InvitationOutcome? Outcome,
    [property: Id(6)] DateTimeOffset? OutcomeAt,
    [property: Id(7)] string? OutcomeBy,
    [property: Id(8)] DateTimeOffset? CheckedInAt,
    [property: Id(9)] string? CheckedInBy,
    [property: Id(10)] string? EntryId);

/// <summary>An invitation's answer as the caller records it.</summary>
[GenerateSerializer, Immutable, Alias("InvitationOutcomeDraft")]
public sealed record InvitationOutcomeDraft([property: Id(0)] InvitationOutcome Outcome)
{
    public FieldErrors Validate() =>
        Enum.IsDefined(Outcome) ? new FieldErrors() : new FieldErrors().Add("outcome", "must be Accepted, Declined or NoAnswer.");
}

/// <summary>
/// What the event brought, from the customers who checked in: their test drives, orders (contracts signed) and retail sales
/// (invoiced) within 30 days of the event's start, the gross profit of those sales, and the budget per order.
/// </summary>
[GenerateSerializer, Immutable, Alias("EventResults")]
public sealed record EventResults(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Invited,
    [property: Id(2)] int Accepted,
    [property: Id(3)] int Declined,
    [property: Id(4)] int NoAnswer,
    [property: Id(5)] int Visits,
    [property: Id(6)] int TestDrives,
    [property: Id(7)] int Orders,
    [property: Id(8)] int RetailSales,
    [property: Id(9)] decimal GrossProfit,
    [property: Id(10)] decimal Budget,
    [property: Id(11)] decimal? CostPerOrder);

/// <summary>A store's customer events, their invitation lists and check-ins, and their results. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("ICustomerEventsGrain")]
public interface ICustomerEventsGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Outcome<CustomerEventView>> Create(NewCustomerEvent draft, string? operationId);

    [Alias("List")]
    Task<Outcome<Page<CustomerEventView>>> List(PageRequest page);

    [Alias("Get")]
    Task<Outcome<CustomerEventView>> Get(string eventId);

    [Alias("Invite")]
    Task<Outcome<InvitationRun>> Invite(string eventId, InvitationFilter filter, string? operationId);

    [Alias("Invitations")]
    Task<Outcome<Page<Invitation>>> Invitations(string eventId, PageRequest page);

    [Alias("RecordInvitation")]
    Task<Outcome<Invitation>> RecordInvitation(string eventId, string customerId, InvitationOutcomeDraft draft, string? operationId);

    [Alias("CheckIn")]
    Task<Outcome<Invitation>> CheckIn(string eventId, string customerId, string? operationId);

    [Alias("Results")]
    Task<Outcome<EventResults>> Results(string eventId);
}
