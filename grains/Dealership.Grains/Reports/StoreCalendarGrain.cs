using Dealership.Grains.Stores;
using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Common;
using Dealership.Grains.Service;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Reports;

public sealed class StoreCalendarState
{
    /// <summary>The weekly deadline whose draft has been prepared.</summary>
    public DateTimeOffset? PreparedFor { get; set; }

    /// <summary>The weekly deadline that has passed and been checked for lateness.</summary>
    public DateTimeOffset? ClosedFor { get; set; }

    /// <summary>The month ("yyyy-MM") whose OEM-order task has been given.</summary>
    public string? OemTaskFor { get; set; }

    /// <summary>The last store-local day whose daily report the general manager has been given.</summary>
    public DateOnly? DailyReportFor { get; set; }
}

/// <summary>
/// The store's calendar: the clerk's weekly report and monthly OEM order, the general manager's daily report at closing time.
/// It keeps what it has done, so a late, early or repeated reminder tick does each thing once; the reminder is re-booked after
/// every run for the next local time, so daylight saving never shifts the store's deadlines.
/// </summary>
public sealed class StoreCalendarGrain(
    [PersistentState("store-calendar", GrainsSetup.StorageName)] IPersistentState<StoreCalendarState> state,
    StoreGroups storeGroups,
    Database database,
    BusinessClock clock) : Grain, IStoreCalendarGrain, IScopedGrain, IRemindable
{
    public const string Reminder = "store-calendar";

    /// <summary>How long before the deadline the weekly draft is prepared for the clerk to review.</summary>
    public static readonly TimeSpan WeeklyDraftLead = TimeSpan.FromHours(4);

    /// <summary>Local time on the OEM-order day at which the clerk's task appears.</summary>
    public static readonly TimeOnly OemTaskTime = new(9, 0);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Reminder)
        {
            await RunDueWork();
        }
    }

    public async Task Wake()
    {
        // The calendar acts as the system, not as whoever changed the store.
        RequestContext.Clear();
        await RunDueWork();
    }

    public async Task<IReadOnlyList<string>> RunDueWork()
    {
        if (Caller.Current is { IsPlatform: false })
        {
            throw new CallerRefusedException("The store calendar runs on its reminder, not on staff requests.");
        }

        RequestContext.Clear();

        if (await StoreFacts.Store(GrainFactory, StoreId) is not { } store || !StoreClock.TryFindZone(store.Profile.TimeZoneId, out var zone))
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var policies = store.Policies;
        var s = state.State;
        var done = new List<string>();
        var (closedBefore, preparedBefore) = (s.ClosedFor, s.PreparedFor);

        // The deadline that has passed most recently: flag it late if the clerk has not submitted.
        var previous = ScheduleRules.NextWeekly(now.AddDays(-7), zone, policies.WeeklyReportDay, policies.WeeklyReportTime);
        if (previous <= now && previous > store.CreatedAt && s.ClosedFor != previous)
        {
            var report = Weekly(previous, zone);
            await report.Prepare(previous);
            if (await report.FlagLateIfUnsubmitted())
            {
                done.Add($"weekly report {Week(previous, zone)} flagged late");
            }

            s.ClosedFor = previous;
        }

        // The coming deadline: prepare the draft once we are within the lead time.
        var next = ScheduleRules.NextWeekly(now, zone, policies.WeeklyReportDay, policies.WeeklyReportTime);
        if (now >= next - WeeklyDraftLead && s.PreparedFor != next)
        {
            await Weekly(next, zone).Prepare(next);
            s.PreparedFor = next;
            done.Add($"weekly report {Week(next, zone)} prepared");
        }

        // The month's OEM-order day: the clerk is asked to draft next month's order.
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var oemDue = ScheduleRules.MonthlyAt(local.Year, local.Month, policies.OemOrderDay, OemTaskTime, zone);
        var month = $"{local:yyyy-MM}";
        if (now >= oemDue && oemDue > store.CreatedAt && s.OemTaskFor != month)
        {
            var target = new DateOnly(local.Year, local.Month, 1).AddMonths(1);
            await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(StoreId)).Add(new TaskDraft($"oem-order-{target:yyyy-MM}:draft",
                "oem-order", $"Draft the OEM order for {target:yyyy-MM}", null, StaffRole.SalesInformationClerk,
                ScheduleRules.MonthlyAt(local.Year, local.Month, DateTime.DaysInMonth(local.Year, local.Month), new TimeOnly(17, 0), zone),
                new Dictionary<string, string> { ["month"] = $"{target:yyyy-MM}" }));
            s.OemTaskFor = month;
            done.Add($"OEM order {target:yyyy-MM} requested");
        }

        // The day whose closing time passed last: its report goes to the general manager as a task (日报).
        var closing = ScheduleRules.NextDaily(now.AddDays(-1), zone, policies.ClosingTime);
        var closedDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(closing, zone).DateTime);
        if (closing <= now && closing > store.CreatedAt && s.DailyReportFor != closedDay)
        {
            await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(StoreId)).Add(new TaskDraft($"daily-report-{closedDay:yyyy-MM-dd}",
                "daily-report", $"Daily report for {closedDay:yyyy-MM-dd}", null, StaffRole.GeneralManager, closing.AddHours(12),
                new Dictionary<string, string> { ["date"] = $"{closedDay:yyyy-MM-dd}" }));
            s.DailyReportFor = closedDay;
            done.Add($"daily report {closedDay:yyyy-MM-dd} given to the general manager");

            // Key accounts' invoices past their due date go to the sales manager to collect (催收), once each.
            if (await GrainFactory.GetGrain<IReceivablesGrain>(GrainKeys.Store(StoreId)).ChaseOverdue() is > 0 and var overdue)
            {
                done.Add($"{overdue} overdue key account invoice(s) to collect");
            }

            // The day's cars are computed at closing if nobody opened the reminder list: the month's reminder funnel counts every day.
            if (DateOnly.FromDateTime(local.DateTime) == closedDay)
            {
                await MaintenanceDueSql.EnsureDay(database, store.GroupId, StoreId, await MaintenanceDueSql.Settings(GrainFactory, StoreId), zone.Id,
                    closedDay, now);
            }
        }

        // Nothing due, nothing written: a wake-up after a policy change must not touch stored state.
        if (done.Count > 0 || s.ClosedFor != closedBefore || s.PreparedFor != preparedBefore)
        {
            await state.WriteStateAsync();
        }

        await BookNextWakeUp(now, next, oemDue, zone, policies);
        return done;
    }

    /// <summary>How far ahead a clerk may prepare a week.</summary>
    public const int WeeksAhead = 4;

    public async Task<Outcome<WeeklyReportView>> PrepareWeek(DateOnly? week)
    {
        if (Roles.Refused("prepare the weekly report", RoleSets.Clerk) is { } refused)
        {
            return refused;
        }

        if (await StoreFacts.Store(GrainFactory, StoreId) is not { } store || !StoreClock.TryFindZone(store.Profile.TimeZoneId, out var zone))
        {
            return Problem.NotFound($"Store '{StoreId}'");
        }

        var now = clock.GetUtcNow();
        var next = ScheduleRules.NextWeekly(now, zone, store.Policies.WeeklyReportDay, store.Policies.WeeklyReportTime);
        if (week is { } day)
        {
            var deadline = ScheduleRules.ToInstant(day.ToDateTime(store.Policies.WeeklyReportTime), zone);
            if (day.DayOfWeek != store.Policies.WeeklyReportDay)
            {
                return Problem.Invalid("week", $"must be a deadline day of this store's calendar (a {store.Policies.WeeklyReportDay}).");
            }

            if (deadline < store.CreatedAt || deadline > next.AddDays(7 * WeeksAhead))
            {
                return Problem.Invalid("week", $"must be a week since the store opened and at most {WeeksAhead} weeks ahead.");
            }

            var chosen = Weekly(deadline, zone);
            if ((await chosen.Get()).Value is { Status: WeeklyReportStatus.Submitted } submitted)
            {
                return Problem.Conflict("report-submitted", $"The weekly report due {submitted.Week} was submitted by {submitted.SubmittedBy}; it stays as sent.");
            }

            if (deadline != next)
            {
                return await chosen.Prepare(deadline);
            }
        }

        var report = await Weekly(next, zone).Prepare(next);
        state.State.PreparedFor = next;
        await state.WriteStateAsync();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        await BookNextWakeUp(now, next, ScheduleRules.MonthlyAt(local.Year, local.Month, store.Policies.OemOrderDay, OemTaskTime, zone), zone, store.Policies);
        return report;
    }

    private async Task BookNextWakeUp(DateTimeOffset now, DateTimeOffset nextDeadline, DateTimeOffset oemDue, TimeZoneInfo zone, StorePolicies policies)
    {
        var candidates = new List<DateTimeOffset> { nextDeadline };
        if (state.State.PreparedFor != nextDeadline)
        {
            candidates.Add(nextDeadline - WeeklyDraftLead);
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var nextMonth = new DateOnly(local.Year, local.Month, 1).AddMonths(1);
        candidates.Add(oemDue > now ? oemDue : ScheduleRules.MonthlyAt(nextMonth.Year, nextMonth.Month, policies.OemOrderDay, OemTaskTime, zone));
        candidates.Add(ScheduleRules.NextDaily(now, zone, policies.ClosingTime));
        var wake = candidates.Where(c => c > now).Min();
        // A daily period is only a safety net: every run books the exact next time again.
        await this.RegisterOrUpdateReminder(Reminder, wake - now, TimeSpan.FromDays(1));
    }

    private IWeeklyReportGrain Weekly(DateTimeOffset deadline, TimeZoneInfo zone) =>
        GrainFactory.GetGrain<IWeeklyReportGrain>(GrainKeys.WeeklyReport(StoreId, Week(deadline, zone)));

    private static string Week(DateTimeOffset deadline, TimeZoneInfo zone) => $"{TimeZoneInfo.ConvertTime(deadline, zone):yyyy-MM-dd}";
}
