using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;

namespace Dealership.Contracts.AfterSale;

/// <summary>Open (the sales manager has it) → InProgress (someone acts on it) → Closed (with the resolution).</summary>
public enum ComplaintStatus
{
    Open = 1,
    InProgress = 2,
    Closed = 3,
}

[GenerateSerializer, Immutable, Alias("ComplaintAction")]
public sealed record ComplaintAction(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string What);

/// <summary>
/// What opens a complaint: the unhappy customer's delivery (its deal) or service visit (its repair order, <c>dealId</c> empty and
/// <c>consultantId</c> the advisor who served them) and why.
/// </summary>
[GenerateSerializer, Immutable, Alias("ComplaintDraft")]
public sealed record ComplaintDraft(
    [property: Id(0)] string DealId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string Vin,
    [property: Id(4)] string ConsultantId,
    [property: Id(5)] string Reason,
    [property: Id(6)] string Source,
    [property: Id(7)] string? RepairOrderId = null);

[GenerateSerializer, Immutable, Alias("ComplaintView")]
public sealed record ComplaintView(
    [property: Id(0)] string ComplaintId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] ComplaintDraft Subject,
    [property: Id(3)] ComplaintStatus Status,
    [property: Id(4)] DateTimeOffset OpenedAt,
    [property: Id(5)] string OpenedBy,
    [property: Id(6)] IReadOnlyList<ComplaintAction> Actions,
    [property: Id(7)] string? Resolution,
    [property: Id(8)] DateTimeOffset? ClosedAt,
    [property: Id(9)] string? ClosedBy,
    [property: Id(10)] int Revision)
{
    /// <summary>Who answers for the complaint until it is closed: the sales manager for a sale, the general manager for a service visit.</summary>
    public StaffRole Owner => OwnerOf(Subject);

    public static StaffRole OwnerOf(ComplaintDraft draft) => draft.RepairOrderId is null ? StaffRole.SalesManager : StaffRole.GeneralManager;
}

/// <summary>A customer's complaint, tracked by the sales manager to closure. Key: <see cref="GrainKeys.InStore"/>(store, complaint id).</summary>
[Alias("IComplaintGrain")]
public interface IComplaintGrain : IGrainWithStringKey
{
    /// <summary>Opens the complaint (once: opening it again answers as the first time) and gives the sales manager a task.</summary>
    [Alias("Open")]
    [ForGrainsOnly]
    Task<Outcome<ComplaintView>> Open(ComplaintDraft draft);

    [Alias("Get")]
    Task<Outcome<ComplaintView>> Get();

    /// <summary>What was done about it (a call back, an offer, a repair booked); the complaint is in progress.</summary>
    [Alias("Act")]
    Task<Outcome<ComplaintView>> Act(string note, string? operationId);

    /// <summary>Closes it with the resolution the customer accepted; the sales manager's task is done.</summary>
    [Alias("Close")]
    Task<Outcome<ComplaintView>> Close(string resolution, string? operationId);
}

/// <summary>A store's complaints, newest first, optionally by status. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IComplaintListGrain")]
public interface IComplaintListGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<Outcome<Page<ComplaintView>>> List(ComplaintStatus? status, PageRequest page);
}
