using Dealership.Grains.Stores;
using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Tasks;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Reports;

[Collection(ClusterCollection.Name)]
public sealed class WeeklyReportTests(ClusterFixture fixture)
{
    /// <summary>A store in <paramref name="zoneId"/>, opened on a Saturday so that no deadline is near.</summary>
    private async Task<(string Store, Caller Clerk, TimeZoneInfo Zone)> StoreIn(string zoneId)
    {
        var now = Clock.GetUtcNow();
        var saturdayNoon = now.Date.AddDays(((int)DayOfWeek.Saturday - (int)now.DayOfWeek + 7) % 7 + 7).AddHours(12);
        Clock.Advance(new DateTimeOffset(saturdayNoon, TimeSpan.Zero) - now);
        var groupId = "g" + Guid.NewGuid().ToString("N")[..10];
        var storeId = $"{groupId}-wk";
        using (As(Caller.Platform("test")))
        {
            Ok(await fixture.Grains.GetGrain<IGroupGrain>(GrainKeys.Group(groupId)).Create("Test group"));
            Ok(await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(storeId))
                .Open(groupId, new StoreProfile("Weekly store", "Volkswagen", zoneId), StorePolicies.Default));
        }

        return (storeId, await fixture.NewStaff(groupId, StaffRole.SalesInformationClerk, storeId), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
    }

    private IStoreCalendarGrain Calendar(string store) => fixture.Grains.GetGrain<IStoreCalendarGrain>(GrainKeys.Store(store));

    private IWeeklyReportGrain Report(string store, DateTimeOffset deadline, TimeZoneInfo zone) =>
        fixture.Grains.GetGrain<IWeeklyReportGrain>(GrainKeys.WeeklyReport(store, $"{TimeZoneInfo.ConvertTime(deadline, zone):yyyy-MM-dd}"));

    private async Task<IReadOnlyList<StoreTask>> Tasks(string store, StaffRole role)
    {
        using var _ = As(Caller.Platform("test"));
        return Ok(await fixture.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(store)).List(null, role, null, PageRequest.All)).Items;
    }

    private async Task<IReadOnlyList<string>> Run(string store)
    {
        using var _ = As(Caller.Platform("test"));
        return await Calendar(store).RunDueWork();
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public async Task The_draft_is_prepared_four_hours_before_the_local_Friday_deadline_and_the_clerk_gets_a_task(string zoneId)
    {
        var (store, _, zone) = await StoreIn(zoneId);
        var deadline = ScheduleRules.NextWeekly(Clock.GetUtcNow(), zone, DayOfWeek.Friday, new TimeOnly(17, 0));
        Assert.Equal((DayOfWeek.Friday, 17), (TimeZoneInfo.ConvertTime(deadline, zone).DayOfWeek, TimeZoneInfo.ConvertTime(deadline, zone).Hour));
        await Run(store);

        Clock.Advance(deadline.AddHours(-4).AddMinutes(-1) - Clock.GetUtcNow());
        Assert.DoesNotContain(await Run(store), d => d.StartsWith("weekly", StringComparison.Ordinal));
        using (As(Caller.Platform("test")))
        {
            Assert.Equal("not-found", (await Report(store, deadline, zone).Get()).Problem?.Code);
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
        await Run(store);
        using (As(Caller.Platform("test")))
        {
            var draft = Ok(await Report(store, deadline, zone).Get());
            Assert.Equal((WeeklyReportStatus.Draft, deadline, false), (draft.Status, draft.Deadline, draft.Late));
            Assert.Equal(draft.PeriodTo.AddDays(-6), draft.PeriodFrom);
            Assert.DoesNotContain(await Run(store), d => d.StartsWith("weekly", StringComparison.Ordinal));
        }

        var task = Assert.Single(await Tasks(store, StaffRole.SalesInformationClerk), t => t.Kind == "weekly-report");
        Assert.Equal(deadline, task.Due);
    }

    [Fact]
    public async Task A_report_not_submitted_by_the_deadline_is_flagged_late_the_manager_gets_a_task_and_a_submitted_report_is_kept()
    {
        var (store, clerk, zone) = await StoreIn("Asia/Shanghai");
        var deadline = ScheduleRules.NextWeekly(Clock.GetUtcNow(), zone, DayOfWeek.Friday, new TimeOnly(17, 0));
        Clock.Advance(deadline.AddHours(-2) - Clock.GetUtcNow());
        await Run(store);
        Assert.DoesNotContain(await Tasks(store, StaffRole.SalesManager), t => t.Kind == "weekly-report-late");

        Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Contains(await Run(store), d => d.EndsWith("flagged late", StringComparison.Ordinal));
        Assert.Single(await Tasks(store, StaffRole.SalesManager), t => t.Kind == "weekly-report-late");

        using var _ = As(clerk);
        var submitted = Ok(await Report(store, deadline, zone).Submit("stock counted Friday afternoon", null));
        Assert.Equal((WeeklyReportStatus.Submitted, true), (submitted.Status, submitted.Late));
        Assert.StartsWith(clerk.StaffId, submitted.SubmittedBy);
        Assert.Equal("report-submitted", (await Report(store, deadline, zone).Refresh()).Problem?.Code);
        Assert.Equal("report-submitted", (await Report(store, deadline, zone).Submit("again", null)).Problem?.Code);
        Assert.DoesNotContain(await Tasks(store, StaffRole.SalesInformationClerk), t => t.Kind == "weekly-report");
        Assert.Equal(WeeklyReportStatus.Submitted, Assert.Single(Ok(await fixture.Grains.GetGrain<IWeeklyReportListGrain>(GrainKeys.Store(store)).List(PageRequest.First)).Items).Status);
    }

    [Fact]
    public async Task Only_the_clerk_submits_and_a_report_submitted_in_time_is_not_late()
    {
        var (store, clerk, zone) = await StoreIn("Asia/Shanghai");
        var deadline = ScheduleRules.NextWeekly(Clock.GetUtcNow(), zone, DayOfWeek.Friday, new TimeOnly(17, 0));
        Clock.Advance(deadline.AddHours(-3) - Clock.GetUtcNow());
        await Run(store);
        var manager = await fixture.NewStaff((await StoreGroup(store))!, StaffRole.SalesManager, store);
        using (As(manager))
        {
            Assert.Equal("forbidden", (await Report(store, deadline, zone).Submit(null, null)).Problem?.Code);
        }

        using (As(clerk))
        {
            Assert.False(Ok(await Report(store, deadline, zone).Submit(null, null)).Late);
        }

        Clock.Advance(TimeSpan.FromHours(4));
        Assert.DoesNotContain(await Run(store), d => d.EndsWith("flagged late", StringComparison.Ordinal));
        Assert.DoesNotContain(await Tasks(store, StaffRole.SalesManager), t => t.Kind == "weekly-report-late");
    }

    private async Task<string?> StoreGroup(string store)
    {
        using var _ = As(Caller.Platform("test"));
        return await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store)).GetGroupId();
    }

    [Fact]
    public async Task The_clerk_names_the_week_to_prepare_a_late_one_or_one_ahead_and_a_submitted_week_stays_frozen()
    {
        var (store, clerk, zone) = await StoreIn("Asia/Shanghai");
        var next = ScheduleRules.NextWeekly(Clock.GetUtcNow(), zone, DayOfWeek.Friday, new TimeOnly(17, 0));
        var nextDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(next, zone).DateTime);
        using var _ = As(clerk);

        Assert.Equal($"{nextDay:yyyy-MM-dd}", Ok(await Calendar(store).PrepareWeek(null)).Week);
        Assert.Equal($"{nextDay.AddDays(14):yyyy-MM-dd}", Ok(await Calendar(store).PrepareWeek(nextDay.AddDays(14))).Week);
        Assert.Equal("invalid-input", (await Calendar(store).PrepareWeek(nextDay.AddDays(-1))).Problem?.Code);
        Assert.Equal("invalid-input", (await Calendar(store).PrepareWeek(nextDay.AddDays(-14))).Problem?.Code);
        Assert.Equal("invalid-input", (await Calendar(store).PrepareWeek(nextDay.AddDays(7 * 6))).Problem?.Code);

        // A week later the first week is late and unsubmitted: the clerk prepares it again by name, then submits it.
        Clock.Advance(TimeSpan.FromDays(8));
        var late = Ok(await Calendar(store).PrepareWeek(nextDay));
        Assert.Equal((WeeklyReportStatus.Draft, $"{nextDay:yyyy-MM-dd}"), (late.Status, late.Week));
        Ok(await Report(store, next, zone).Submit("late, sorry", null));
        Assert.Equal("report-submitted", (await Calendar(store).PrepareWeek(nextDay)).Problem?.Code);
        Assert.Equal(WeeklyReportStatus.Submitted, Ok(await Report(store, next, zone).Get()).Status);
    }
}
