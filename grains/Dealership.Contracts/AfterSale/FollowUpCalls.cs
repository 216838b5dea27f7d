using Dealership.Contracts.Common;

namespace Dealership.Contracts.AfterSale;

/// <summary>How a follow-up call after a delivery went.</summary>
public enum CallOutcome
{
    Satisfied = 1,
    Unhappy = 2,
    Unreachable = 3,
}

/// <summary>The caller's record of one call: unhappy needs the reason (it opens a complaint); unreachable is tried again.</summary>
[GenerateSerializer, Immutable, Alias("CallOutcomeDraft")]
public sealed record CallOutcomeDraft(
    [property: Id(0)] CallOutcome Outcome,
    [property: Id(1)] string? Reason = null,
    [property: Id(2)] string? Note = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().MaxLength("note", Note, 500);
        if (!Enum.IsDefined(Outcome))
        {
            errors.Add("outcome", "must be Satisfied, Unhappy or Unreachable.");
        }

        if (Outcome == CallOutcome.Unhappy)
        {
            errors.Required("reason", Reason, 300);
        }
        else
        {
            errors.MaxLength("reason", Reason, 300);
        }

        return errors;
    }
}

/// <summary>One call made, with who made it and when.</summary>
[GenerateSerializer, Immutable, Alias("CallAttempt")]
public sealed record CallAttempt(
    [property: Id(0)] string TaskId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By,
    [property: Id(4)] CallOutcome Outcome,
    [property: Id(5)] string? Reason,
    [property: Id(6)] string? Note,
    [property: Id(7)] string? ComplaintId);

/// <summary>
/// What the customer-service caller needs to make a follow-up call after a delivery: whom to call (name and mobile, in full:
/// the caller dials it), what was delivered, when and by whom — and nothing of the deal's money. Earlier calls about the
/// same delivery come with it.
/// </summary>
[GenerateSerializer, Immutable, Alias("FollowUpCallSheet")]
public sealed record FollowUpCallSheet(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string DealId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string CustomerName,
    [property: Id(4)] string Mobile,
    [property: Id(5)] string Model,
    [property: Id(6)] string Trim,
    [property: Id(7)] string Colour,
    [property: Id(8)] string Vin,
    [property: Id(9)] DateTimeOffset? DeliveredAt,
    [property: Id(10)] string ConsultantId,
    [property: Id(11)] int Attempt,
    [property: Id(12)] DateTimeOffset Due,
    [property: Id(13)] bool Done,
    [property: Id(14)] IReadOnlyList<CallAttempt> Calls);

/// <summary>
/// A follow-up call after a delivery: the call task of a store (key <see cref="GrainKeys.InStore"/>(store, task id)). Recording
/// its outcome completes the task; unreachable books the next try (at most <c>MaxAttempts</c>), unhappy opens a complaint for
/// the sales manager. The consultant who sold the car never records it.
/// </summary>
[Alias("IFollowUpCallGrain")]
public interface IFollowUpCallGrain : IGrainWithStringKey
{
    [Alias("GetSheet")]
    Task<Outcome<FollowUpCallSheet>> GetSheet();

    [Alias("Record")]
    Task<Outcome<FollowUpCallSheet>> Record(CallOutcomeDraft draft, string? operationId);
}
