using Dealership.Contracts.Common;
using Dealership.Contracts.Performance;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Performance;

/// <summary>
/// Scorecards on the cluster and PostgreSQL, from the records as the product keeps them: sales against target, the funnel's rates,
/// follow-ups by their due day, penetration, satisfaction and complaints; the sales manager's review of an ended period, kept with
/// its figures, and the consultant's acknowledgement, after which it never changes; and the headcount plan.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ScorecardTests(ClusterFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_consultants_month_is_scored_from_the_records_reviewed_once_ended_and_acknowledged_for_good()
    {
        var s = await SalesStore.Open(fixture);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(China).DateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var last = thisMonth.AddMonths(-1);
        var period = $"{last:yyyy-MM}";
        var sc1 = s.Sc1.StaffId;

        // Last month: 3 retail sales (one with accessories), one of them unwound; 4 first visits, 2 test drives, 2 orders; a target of
        // 4 units and 20,000 gross profit.
        var sales = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sales.Add(await Fact(s, "RetailSale", sc1, last.AddDays(i + 1), 5_000m, accessories: i == 0));
        }

        await fixture.Scalar<int>(
            "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
            "with_finance, spec, at) VALUES ($1, $2, 'RetailSaleUnwound', $3, $4, $5, -5000, false, false, false, 'Tiguan L|330TSI|White', now()) RETURNING 1",
            s.Group, s.Store, sales[2], last.AddDays(20), sc1);
        for (var i = 0; i < 4; i++)
        {
            await Fact(s, "FirstVisit", sc1, last.AddDays(i + 2), 0m);
        }

        await Fact(s, "TestDrive", sc1, last.AddDays(5), 0m);
        await Fact(s, "TestDrive", sc1, last.AddDays(6), 0m);
        await Fact(s, "Order", sc1, last.AddDays(7), 0m);
        await Fact(s, "Order", sc1, last.AddDays(8), 0m);
        await fixture.Scalar<int>("INSERT INTO sales_targets (group_id, store_id, year, month, consultant_id, units, gross_profit) " +
            "VALUES ($1, $2, $3, $4, $5, 4, 20000) RETURNING 1", s.Group, s.Store, last.Year, last.Month, sc1);

        // A prospect of sc1 contacted three times: graded H (next within 1 day), met the next morning (on time) and graded A (within 3
        // days), then again five days later (late).
        var customer = "cu" + Guid.NewGuid().ToString("N")[..16];
        var day3 = new DateTimeOffset(last.Year, last.Month, 3, 10, 0, 0, China).ToUniversalTime();
        await fixture.Scalar<int>(
            "INSERT INTO customers (group_id, store_id, customer_id, name, masked_mobile, first_seen_at, visits, calls, consultant_id, grade, " +
            "prospect_status, updated_at, revision) VALUES ($1, $2, $3, '考核客户', '139****0001', $4, 1, 0, $5, 'A', 'Active', $4, 3) RETURNING 1",
            s.Group, s.Store, customer, day3, sc1);
        foreach (var (n, at, grade) in new[] { (1, day3, "H"), (2, day3.AddHours(23), "A"), (3, day3.AddHours(23).AddDays(5), "A") })
        {
            await fixture.Scalar<int>("INSERT INTO customer_contacts (store_id, customer_id, number, at, by, channel, note, grade) " +
                "VALUES ($1, $2, $3, $4, $5, 'Visit', 'test', $6) RETURNING 1", s.Store, customer, n, at, sc1, grade);
        }

        // One complaint opened last month against sc1.
        await fixture.Scalar<int>(
            "INSERT INTO complaints (group_id, store_id, complaint_id, deal_id, customer_id, customer_name, vin, consultant_id, reason, source, " +
            "status, opened_at, opened_by, revision) VALUES ($1, $2, $3, $4, $5, '考核客户', 'LSVTEST', $6, 'late', 'FollowUpCall', 'Open', $7, 'cs', 1) " +
            "RETURNING 1", s.Group, s.Store, "cp" + Guid.NewGuid().ToString("N")[..16], sales[0], customer, sc1, day3.AddDays(10));

        var cards = fixture.Grains.GetGrain<IScorecardGrain>(GrainKeys.Store(s.Store));
        using (As(s.Manager))
        {
            var all = Ok(await cards.Get(period));
            Assert.True(all.Ended);
            var f = all.Consultants.Single(c => c.ConsultantId == sc1).Figures;
            Assert.Equal((2, 4, 0.5m, 10_000m, 0.5m), (f.Units, f.TargetUnits, f.UnitAttainment, f.GrossProfit, f.ProfitAttainment));
            Assert.Equal((4, 2, 2, 0.5m, 0.5m), (f.FirstVisits, f.TestDrives, f.Orders, f.ClosingRate, f.TestDriveRate));
            Assert.Equal((2, 1, 0.5m), (f.FollowUps, f.FollowUpsOnTime, f.FollowUpOnTimeRate));
            Assert.Equal((0.5m, 1), (f.AccessoryPenetration, f.Complaints));
            Assert.Contains(all.Consultants, c => c.ConsultantId == s.Sc2.StaffId); // on the roster, nothing recorded: still scored

            var quarter = $"{last.Year}-Q{(last.Month - 1) / 3 + 1}";
            Assert.Equal(2, Assert.Single(Ok(await cards.Get(quarter)).Consultants, c => c.ConsultantId == sc1).Figures.Units);
            Assert.Equal("period", (await cards.Get("2026-Q5")).Problem?.Errors?.Keys.Single());
            Assert.Equal("period-not-ended", (await cards.Review(sc1, $"{thisMonth:yyyy-MM}", new(4, "good month"), null)).Problem?.Code);
            Assert.Equal("rating", (await cards.Review(sc1, period, new(6, "good month"), null)).Problem?.Errors?.Keys.Single());
            var reviewed = Ok(await cards.Review(sc1, period, new(4, "Closing well; follow-ups slip after the first week."), "review-1"));
            Assert.Equal((4, s.Manager.AuditName, 2), (reviewed.Review!.Rating, reviewed.Review.ReviewedBy, reviewed.Review.Figures.Units));
        }

        using (As(s.Sc1))
        {
            Assert.Equal(ProblemKind.Forbidden, (await cards.Review(sc1, period, new(5, "I did great"), null)).Problem?.Kind);
            var mine = Ok(await cards.Get(period));
            Assert.Equal(sc1, Assert.Single(mine.Consultants).ConsultantId); // their own only
            var acknowledged = Ok(await cards.Acknowledge(period, "Agreed; I will call H prospects daily.", null));
            Assert.Equal((s.Sc1.AuditName, "Agreed; I will call H prospects daily."), (acknowledged.Review!.AcknowledgedBy, acknowledged.Review.ConsultantComment));
            Assert.Equal("review-acknowledged", (await cards.Acknowledge(period, null, null)).Problem?.Code);
        }

        using (As(s.Sc2))
        {
            Assert.Equal("not-reviewed", (await cards.Acknowledge(period, null, null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            Assert.Equal("review-acknowledged", (await cards.Review(sc1, period, new(2, "changed my mind"), null)).Problem?.Code);
            Assert.Equal(4, Ok(await cards.Get(period)).Consultants.Single(c => c.ConsultantId == sc1).Review!.Rating);
        }
    }

    [Fact]
    public async Task The_headcount_plan_divides_the_years_target_by_the_last_twelve_months_pace_and_rounds_up()
    {
        var s = await SalesStore.Open(fixture);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(China).DateTime);
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        // Three months of the year carry a store target of 10 units each; last month two consultants sold 3 units between them.
        for (var m = 1; m <= 3; m++)
        {
            await fixture.Scalar<int>("INSERT INTO sales_targets (group_id, store_id, year, month, consultant_id, units, gross_profit) " +
                "VALUES ($1, $2, $3, $4, '', 10, 50000) RETURNING 1", s.Group, s.Store, today.Year, m);
        }

        await Fact(s, "RetailSale", s.Sc1.StaffId, last.AddDays(1), 5_000m);
        await Fact(s, "RetailSale", s.Sc1.StaffId, last.AddDays(2), 5_000m);
        await Fact(s, "RetailSale", s.Sc2.StaffId, last.AddDays(3), 5_000m);

        var cards = fixture.Grains.GetGrain<IScorecardGrain>(GrainKeys.Store(s.Store));
        using (As(s.Sc1))
        {
            Assert.Equal(ProblemKind.Forbidden, (await cards.Headcount(today.Year)).Problem?.Kind);
        }

        using (As(s.Manager))
        {
            var plan = Ok(await cards.Headcount(today.Year));
            var roster = (int)await fixture.Scalar<long>(
                "SELECT count(*) FROM staff_members WHERE role = 'SalesConsultant' AND NOT disabled AND $1 = ANY(store_ids)", s.Store);
            // 3 units over 2 consultant-months: 1.5 a consultant a month; 30 units over 3 months needs 30 / 4.5 = 6.67 → 7.
            Assert.Equal((30, 3, 3, 2, 1.5m, 7), (plan.TargetUnits, plan.MonthsWithTarget, plan.BasisUnits, plan.BasisConsultantMonths,
                plan.UnitsPerConsultantMonth, plan.ConsultantsNeeded));
            Assert.Equal((roster, 7 - roster), (plan.Roster, plan.Gap));
            Assert.Equal("year", (await cards.Headcount(1999)).Problem?.Errors?.Keys.Single());
        }
    }

    private async Task<string> Fact(SalesStore s, string kind, string consultant, DateOnly day, decimal grossProfit, bool accessories = false)
    {
        var id = "dl" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Scalar<int>(
            "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
            "with_finance, spec, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, false, 'Tiguan L|330TSI|White', now()) RETURNING 1",
            s.Group, s.Store, kind, id, day, consultant, grossProfit, accessories);
        return id;
    }
}
