using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Vehicles;

namespace Dealership.Contracts.Reports;

public enum WeeklyReportStatus
{
    Draft = 1,
    Submitted = 2,
}

/// <summary>
/// The weekly report (周报) a store owes by its deadline (default Friday 17:00 local): the week's orders, retail sales,
/// deliveries and gross profit, and the stock list with aged units and the inventory coefficient.
/// </summary>
[GenerateSerializer, Immutable, Alias("WeeklyReportView")]
public sealed record WeeklyReportView(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string Week,
    [property: Id(2)] DateTimeOffset Deadline,
    [property: Id(3)] DateOnly PeriodFrom,
    [property: Id(4)] DateOnly PeriodTo,
    [property: Id(5)] WeeklyReportStatus Status,
    [property: Id(6)] bool Late,
    [property: Id(7)] DateTimeOffset PreparedAt,
    [property: Id(8)] DateTimeOffset? SubmittedAt,
    [property: Id(9)] string? SubmittedBy,
    [property: Id(10)] string? Note,
    [property: Id(11)] SalesFigures Sales,
    [property: Id(12)] StockReport Stock,
    [property: Id(13)] int Revision);

[GenerateSerializer, Immutable, Alias("WeeklyReportSummary")]
public sealed record WeeklyReportSummary(
    [property: Id(0)] string Week,
    [property: Id(1)] DateTimeOffset Deadline,
    [property: Id(2)] WeeklyReportStatus Status,
    [property: Id(3)] bool Late,
    [property: Id(4)] DateTimeOffset? SubmittedAt,
    [property: Id(5)] int Revision);

/// <summary>One store's weekly report for one deadline. Key: <see cref="GrainKeys.InStore"/>(store, "weekly-yyyy-MM-dd") (the local deadline date).</summary>
[Alias("IWeeklyReportGrain")]
public interface IWeeklyReportGrain : IGrainWithStringKey
{
    /// <summary>Prepares (or refreshes) the draft and gives the clerk a task to review and submit it. Called by the store's calendar.</summary>
    [Alias("Prepare")]
    [ForGrainsOnly]
    Task<WeeklyReportView> Prepare(DateTimeOffset deadline);

    /// <summary>At the deadline: a report not yet submitted is flagged late and the sales manager gets a task. True if it was flagged.</summary>
    [Alias("FlagLateIfUnsubmitted")]
    [ForGrainsOnly]
    Task<bool> FlagLateIfUnsubmitted();

    [Alias("Get")]
    Task<Outcome<WeeklyReportView>> Get();

    /// <summary>The clerk rebuilds the draft's figures from the latest numbers.</summary>
    [Alias("Refresh")]
    Task<Outcome<WeeklyReportView>> Refresh();

    /// <summary>The clerk submits the reviewed report; it is then kept unchanged.</summary>
    [Alias("Submit")]
    Task<Outcome<WeeklyReportView>> Submit(string? note, string? operationId);
}

/// <summary>A store's weekly reports, read with SQL from the row each report writes with its own state. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IWeeklyReportListGrain")]
public interface IWeeklyReportListGrain : IGrainWithStringKey
{
    /// <summary>The store's weekly reports, latest deadline first, a page at a time.</summary>
    [Alias("List")]
    Task<Outcome<Page<WeeklyReportSummary>>> List(PageRequest page);
}

/// <summary>
/// The clerk's calendar of one store: prepares the weekly report before its deadline, flags it late after, and asks for
/// next month's OEM order on the store's day. Driven by a durable reminder; each run does only what is due. Key: <see cref="GrainKeys.Store"/>.
/// </summary>
[Alias("IStoreCalendarGrain")]
public interface IStoreCalendarGrain : IGrainWithStringKey
{
    /// <summary>Does what is due now and books the next wake-up; returns what it did. Idempotent.</summary>
    [Alias("RunDueWork")]
    [ForGrainsOnly]
    Task<IReadOnlyList<string>> RunDueWork();

    /// <summary>
    /// The clerk prepares a week's draft now rather than waiting for the reminder: the coming week by default, or the week whose
    /// deadline falls on <paramref name="week"/> (a late one to redo, or one ahead). A date that is not a deadline day of the
    /// store's calendar is 400 <c>week</c>; a submitted week stays frozen (409 <c>report-submitted</c>).
    /// </summary>
    [Alias("PrepareWeek")]
    Task<Outcome<WeeklyReportView>> PrepareWeek(DateOnly? week);

    /// <summary>Asks the calendar to run (e.g. the store opened or its policies changed); one-way, so the store never waits on it.</summary>
    [Alias("Wake"), Orleans.Concurrency.OneWay, ForGrainsOnly]
    Task Wake();
}
