using Dealership.Contracts.Common;
using Dealership.Contracts.Performance;
using Dealership.Contracts.Sales;

namespace Dealership.Contracts.Targets;

/// <summary>What a consultant has on in the day.</summary>
public enum PlanItemKind
{
    /// <summary>A handover booked for a deal (an hour from its slot).</summary>
    Delivery = 1,

    /// <summary>A demo car booked for a customer's test drive.</summary>
    TestDrive = 2,

    /// <summary>A prospect whose next follow-up falls due in the day (no set time).</summary>
    FollowUp = 3,
}

/// <summary>One thing on a consultant's day: a delivery or test drive with its time, or a follow-up due; its reference is the deal, booking or customer.</summary>
[GenerateSerializer, Immutable, Alias("PlanItem")]
public sealed record PlanItem(
    [property: Id(0)] PlanItemKind Kind,
    [property: Id(1)] string Reference,
    [property: Id(2)] DateTimeOffset? Starts,
    [property: Id(3)] DateTimeOffset? Ends,
    [property: Id(4)] string CustomerName,
    [property: Id(5)] string? Model);

/// <summary>Two timed items of one consultant that overlap: one of them needs another consultant or another time.</summary>
[GenerateSerializer, Immutable, Alias("PlanClash")]
public sealed record PlanClash(
    [property: Id(0)] string First,
    [property: Id(1)] string Second,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To);

/// <summary>A consultant's day (an empty id: test drives booked without a consultant), its clashes and their follow-ups overdue.</summary>
[GenerateSerializer, Immutable, Alias("ConsultantPlan")]
public sealed record ConsultantPlan(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] IReadOnlyList<PlanItem> Items,
    [property: Id(2)] IReadOnlyList<PlanClash> Clashes,
    [property: Id(3)] int FollowUpsOverdue);

/// <summary>
/// The sales manager's plan of a store-local day (安排好销售顾问每天工作和交车事宜): each consultant's deliveries, test drives and
/// follow-ups due, in time order, with the clashes shown.
/// </summary>
[GenerateSerializer, Immutable, Alias("DailyPlan")]
public sealed record DailyPlan(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] IReadOnlyList<ConsultantPlan> Consultants,
    [property: Id(3)] DateTimeOffset At);

/// <summary>A deal waiting for the manager's approval.</summary>
[GenerateSerializer, Immutable, Alias("ApprovalWaiting")]
public sealed record ApprovalWaiting(
    [property: Id(0)] string DealId,
    [property: Id(1)] string? ConsultantId,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string Model,
    [property: Id(4)] DateTimeOffset Since);

/// <summary>
/// The morning meeting's sheet (晨会): yesterday against the month's target (the daily report), today's plan, follow-ups overdue
/// by consultant (in the plan) and the approvals waiting.
/// </summary>
[GenerateSerializer, Immutable, Alias("MorningMeeting")]
public sealed record MorningMeeting(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] DailyReport Yesterday,
    [property: Id(3)] DailyPlan Today,
    [property: Id(4)] IReadOnlyList<ApprovalWaiting> Approvals);

/// <summary>Which meeting a sheet is for: the week's (Monday's, on the week before) or the month's (on the month before).</summary>
public enum MeetingKind
{
    Weekly = 1,
    Monthly = 2,
}

/// <summary>
/// The weekly or monthly meeting's sheet, from the same numbers as the morning meeting: the period's figures, the month to date
/// against target as the period closed (<see cref="AtClose"/>, the daily report of its last day), every consultant's scorecard for
/// the period, what is booked for the period ahead (deliveries and test drives), and the approvals waiting now.
/// </summary>
[GenerateSerializer, Immutable, Alias("MeetingSheet")]
public sealed record MeetingSheet(
    [property: Id(0)] string StoreId,
    [property: Id(1)] MeetingKind Kind,
    [property: Id(2)] string Period,
    [property: Id(3)] DateOnly From,
    [property: Id(4)] DateOnly To,
    [property: Id(5)] SalesFigures Figures,
    [property: Id(6)] DailyReport AtClose,
    [property: Id(7)] IReadOnlyList<Scorecard> Consultants,
    [property: Id(8)] string AheadPeriod,
    [property: Id(9)] int DeliveriesAhead,
    [property: Id(10)] int TestDrivesAhead,
    [property: Id(11)] IReadOnlyList<ApprovalWaiting> Approvals);

/// <summary>The sales manager's day at a store: the daily plan and the morning meeting's sheet. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IManagersDayGrain")]
public interface IManagersDayGrain : IGrainWithStringKey
{
    [Alias("Plan")]
    Task<Outcome<DailyPlan>> Plan(DateOnly day);

    [Alias("MorningMeeting")]
    Task<Outcome<MorningMeeting>> MorningMeeting(DateOnly day);

    /// <summary>The sheet of the weekly or monthly meeting held on <paramref name="day"/>, on the week or month before it.</summary>
    [Alias("Meeting")]
    Task<Outcome<MeetingSheet>> Meeting(MeetingKind kind, DateOnly day);
}
