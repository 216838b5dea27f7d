using Dealership.Contracts.Common;
using Dealership.Contracts.Performance;
using Dealership.Contracts.Targets;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Targets;

/// <summary>
/// The sales manager's day on the cluster and PostgreSQL: each consultant's handovers, test drives and follow-ups of the day with
/// the clash between a handover and a test drive, follow-ups overdue, and the morning meeting's approvals waiting. The day's
/// records are written as rows, as the deal, booking and prospect grains write them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ManagersDayTests(ClusterFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task The_plan_shows_each_consultants_day_with_its_clash_and_the_meeting_the_approvals_waiting()
    {
        var s = await SalesStore.Open(fixture);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(China).DateTime);
        DateTimeOffset At(int hour, int minute = 0) => new(today.ToDateTime(new TimeOnly(hour, minute)), China);

        // Consultant 1: a handover at 10:00 (an hour) and a test drive 10:30-11:00 — a clash; a follow-up due today, one overdue.
        // Consultant 2: a test drive 10:30-11:00 on another car (no clash with anyone's). Another day's handover is not on the plan.
        var handover = await Deal(s, s.Sc1.StaffId, "Signed", At(10));
        await Deal(s, s.Sc1.StaffId, "Signed", At(10).AddDays(1));
        var clashing = await TestDrive(s, s.Sc1.StaffId, At(10, 30), At(11));
        var other = await TestDrive(s, s.Sc2.StaffId, At(10, 30), At(11));
        var dueToday = await Prospect(s, s.Sc1.StaffId, At(15));
        await Prospect(s, s.Sc1.StaffId, At(9).AddDays(-2));
        var waiting = await Deal(s, s.Sc2.StaffId, "PendingApproval", null);

        var desk = fixture.Grains.GetGrain<IManagersDayGrain>(GrainKeys.Store(s.Store));
        using (As(s.Manager))
        {
            var plan = Ok(await desk.Plan(today));
            var first = plan.Consultants.Single(c => c.ConsultantId == s.Sc1.StaffId);
            Assert.Equal([handover, clashing, dueToday], first.Items.Select(i => i.Reference));
            Assert.Equal((At(10), At(11)), (first.Items[0].Starts, first.Items[0].Ends)); // a handover takes an hour
            var clash = Assert.Single(first.Clashes);
            Assert.Equal((handover, clashing, At(10, 30), At(11)), (clash.First, clash.Second, clash.From, clash.To));
            Assert.Equal(1, first.FollowUpsOverdue);
            var second = plan.Consultants.Single(c => c.ConsultantId == s.Sc2.StaffId);
            Assert.Equal([other], second.Items.Select(i => i.Reference));
            Assert.Empty(second.Clashes);

            var meeting = Ok(await desk.MorningMeeting(today));
            Assert.Equal([waiting], meeting.Approvals.Select(a => a.DealId));
            Assert.Equal((today.AddDays(-1), plan.Consultants.Count), (meeting.Yesterday.Date, meeting.Today.Consultants.Count));
            Assert.Equal("day", (await desk.MorningMeeting(today.AddDays(1))).Problem?.Errors?.Keys.Single()); // held on the day
        }

        using (As(s.Sc1))
        {
            Assert.Equal(ProblemKind.Forbidden, (await desk.Plan(today)).Problem?.Kind); // the manager's plan, not a consultant's
        }
    }

    private async Task<string> Deal(SalesStore s, string consultant, string status, DateTimeOffset? handover)
    {
        var id = "dl" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Scalar<int>(
            "INSERT INTO deals (group_id, store_id, deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, vin, " +
            "selling_price, gross_profit, updated_at, revision, opened_at, handover_slot) " +
            "VALUES ($1, $2, $3, 'cu0000000000000001', '钱女士', $4, $5, 'Tiguan L', '330TSI', 'White', $6, 200000, 5000, $7, 3, $7, $8) RETURNING 1",
            s.Group, s.Store, id, consultant, status, TestVins.Next(), Clock.GetUtcNow().UtcDateTime, (object?)handover?.UtcDateTime ?? DBNull.Value);
        return id;
    }

    [Fact]
    public async Task The_weekly_and_monthly_sheets_look_back_on_the_period_before_and_ahead_to_what_is_booked()
    {
        var s = await SalesStore.Open(fixture);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(China).DateTime);
        var lastWeek = ReviewPeriodOf(today.AddDays(-7));
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        // Two retail sales of consultant 1 last week and one last month; a handover and a test drive booked for tomorrow.
        foreach (var day in new[] { lastWeek.From, lastWeek.To, lastMonth.AddDays(4) })
        {
            await fixture.Scalar<int>(
                "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
                "with_finance, spec, at) VALUES ($1, $2, 'RetailSale', $3, $4, $5, 4000, false, false, false, 'Tiguan L|330TSI|White', now()) RETURNING 1",
                s.Group, s.Store, "dl" + Guid.NewGuid().ToString("N")[..16], day, s.Sc1.StaffId);
        }

        var tomorrow = new DateTimeOffset(today.AddDays(1).ToDateTime(new TimeOnly(10, 0)), China);
        await Deal(s, s.Sc1.StaffId, "Signed", tomorrow);
        await TestDrive(s, s.Sc2.StaffId, tomorrow.AddHours(2), tomorrow.AddHours(3));

        var desk = fixture.Grains.GetGrain<IManagersDayGrain>(GrainKeys.Store(s.Store));
        using (As(s.Sc1))
        {
            Assert.Equal(ProblemKind.Forbidden, (await desk.Meeting(MeetingKind.Weekly, today)).Problem?.Kind);
        }

        using (As(s.Manager))
        {
            var weekly = Ok(await desk.Meeting(MeetingKind.Weekly, today));
            Assert.Equal((lastWeek.Name, lastWeek.From, lastWeek.To), (weekly.Period, weekly.From, weekly.To));
            var lastWeekUnits = lastMonth.AddDays(4) >= lastWeek.From && lastMonth.AddDays(4) <= lastWeek.To ? 3 : 2;
            Assert.Equal(lastWeekUnits, weekly.Figures.RetailSales);
            Assert.Equal(lastWeekUnits, weekly.Consultants.Single(c => c.ConsultantId == s.Sc1.StaffId).Figures.Units);
            var sundayToday = today.DayOfWeek == DayOfWeek.Sunday;
            Assert.Equal(sundayToday ? (0, 0) : (1, 1), (weekly.DeliveriesAhead, weekly.TestDrivesAhead)); // tomorrow may be next week

            var monthly = Ok(await desk.Meeting(MeetingKind.Monthly, today));
            Assert.Equal(($"{lastMonth:yyyy-MM}", lastMonth), (monthly.Period, monthly.From));
            var inLastMonth = new[] { lastWeek.From, lastWeek.To, lastMonth.AddDays(4) }.Count(d => d >= lastMonth && d < lastMonth.AddMonths(1));
            Assert.Equal(inLastMonth, monthly.Figures.RetailSales);
            Assert.Equal(monthly.Figures.RetailSales, monthly.AtClose.MonthToDate.RetailSales); // the month closed on its last day
            Assert.Equal("day", (await desk.Meeting(MeetingKind.Monthly, today.AddDays(1))).Problem?.Errors?.Keys.Single());
        }
    }

    private static ReviewPeriod ReviewPeriodOf(DateOnly day) => ReviewPeriod.WeekOf(day);

    private async Task<string> TestDrive(SalesStore s, string consultant, DateTimeOffset starts, DateTimeOffset ends)
    {
        var id = "tb" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Scalar<int>(
            "INSERT INTO test_drive_bookings (group_id, booking_id, store_id, vin, customer_id, consultant_id, starts_at, ends_at, booked_at, booked_by) " +
            "VALUES ($1, $2, $3, $4, 'cu0000000000000002', $5, $6, $7, $8, $5) RETURNING 1",
            s.Group, id, s.Store, TestVins.Next(), consultant, starts.UtcDateTime, ends.UtcDateTime, Clock.GetUtcNow().UtcDateTime);
        return id;
    }

    private async Task<string> Prospect(SalesStore s, string consultant, DateTimeOffset due)
    {
        var id = "cu" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Scalar<int>(
            "INSERT INTO customers (group_id, store_id, customer_id, name, masked_mobile, first_seen_at, visits, calls, updated_at, revision, " +
            "consultant_id, prospect_status, next_follow_up_due, model_of_interest) " +
            "VALUES ($1, $2, $3, '孙先生', '139****0000', $4, 1, 0, $4, 1, $5, 'Active', $6, 'Tiguan L') RETURNING 1",
            s.Group, s.Store, id, Clock.GetUtcNow().UtcDateTime, consultant, due.UtcDateTime);
        return id;
    }
}
