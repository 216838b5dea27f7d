using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Targets;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Stores;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Targets;

/// <summary>The general manager's daily report: given as a task at the store's closing time (business clock), counting the day.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DailyReportTests(ClusterFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private async Task<IReadOnlyList<string>> RunCalendar(string store)
    {
        using var _ = As(Caller.Platform("test"));
        return await fixture.Grains.GetGrain<IStoreCalendarGrain>(GrainKeys.Store(store)).RunDueWork();
    }

    private async Task<IReadOnlyList<StoreTask>> ReportTasks(string store)
    {
        using var _ = As(Caller.Platform("test"));
        return [.. Ok(await fixture.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(store)).List(null, StaffRole.GeneralManager, null, PageRequest.All))
            .Items.Where(t => t.Kind == "daily-report")];
    }

    [Fact]
    public async Task At_closing_time_the_general_manager_is_given_the_days_report_once_and_it_counts_the_day()
    {
        var s = await SalesStore.Open(fixture);
        var closing = ScheduleRules.NextDaily(Clock.GetUtcNow().AddHours(1), Shanghai, StorePolicies.Default.ClosingTime);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(closing, Shanghai).DateTime);

        Assert.DoesNotContain(await RunCalendar(s.Store), d => d.StartsWith("daily report", StringComparison.Ordinal));
        Assert.Empty(await ReportTasks(s.Store));

        // An hour before closing a customer walks in; a minute after closing the calendar runs.
        Clock.Advance(closing.AddHours(-1) - Clock.GetUtcNow());
        await s.WalkIn(s.Sc1, "13700001111");
        Assert.DoesNotContain(await RunCalendar(s.Store), d => d.StartsWith("daily report", StringComparison.Ordinal));
        Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Contains($"daily report {day:yyyy-MM-dd} given to the general manager", await RunCalendar(s.Store));
        Assert.DoesNotContain(await RunCalendar(s.Store), d => d.StartsWith("daily report", StringComparison.Ordinal));

        var task = Assert.Single(await ReportTasks(s.Store));
        // The day's cars were computed at closing, for the month's reminder funnel, though nobody opened the list.
        Assert.Equal($"{day:yyyy-MM-dd}", await fixture.Scalar<string>("SELECT day::text FROM service_due_runs WHERE store_id = $1", s.Store));
        Assert.Equal(($"{day:yyyy-MM-dd}", closing.AddHours(12)), (task.Refs["date"], task.Due));

        var reports = fixture.Grains.GetGrain<IDailyReportGrain>(GrainKeys.Store(s.Store));
        using (As(s.Gm))
        {
            var report = Ok(await reports.Get(day));
            Assert.Equal((1, 1, 1), (report.Today.Visits, report.Today.FirstVisits, report.MonthToDate.Visits >= 1 ? 1 : 0));
            Assert.Equal("date", Assert.Single((await reports.Get(day.AddDays(2))).Problem!.Errors!).Key);
        }

        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await reports.Get(day)).Problem?.Code);
        }
    }
}
