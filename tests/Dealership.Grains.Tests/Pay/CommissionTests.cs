using Dealership.Contracts.Common;
using Dealership.Contracts.Pay;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Pay;

/// <summary>
/// Consultants' pay on the cluster and PostgreSQL: plan versions kept (never back into a paid month), a consultant's month from the
/// retail sales as the deals recorded them, their pay theirs alone, and a draft previewed on last month.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CommissionTests(ClusterFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_consultants_month_is_worked_from_their_sales_by_the_plan_and_only_they_and_managers_read_it()
    {
        var s = await SalesStore.Open(fixture);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(China).DateTime);
        var month = new DateOnly(today.Year, today.Month, 1);
        var pay = fixture.Grains.GetGrain<ICommissionGrain>(GrainKeys.Store(s.Store));
        var plan = new IncentivePlan("2026 plan", month, [new("*", 300m), new("Tayron", 500m)], 0.10m, 0.05m, 0.10m, 0.20m, 800m,
            [new(2, 100m)], [], []);

        using (As(s.Sc1))
        {
            Assert.Equal(ProblemKind.Forbidden, (await pay.SetPlan(plan, null)).Problem?.Kind); // managers set the plan
        }

        using (As(s.Manager))
        {
            Assert.Equal("effectiveFrom", (await pay.SetPlan(plan with { EffectiveFrom = month.AddMonths(-1) }, null)).Problem?.Errors?.Keys.Single());
            Assert.Equal("tiers", (await pay.SetPlan(plan with { Tiers = [new(3, 1m), new(2, 1m)] }, null)).Problem?.Errors?.Keys.Single());
            var kept = Ok(await pay.SetPlan(plan, "plan-1"));
            Assert.Equal((month, s.Manager.AuditName), (kept.Plan.EffectiveFrom, kept.SetBy));
            var again = Ok(await pay.SetPlan(plan, "plan-1")); // the same request again: the same answer, nothing written twice
            Assert.Equal((kept.SetAt, kept.SetBy, kept.Plan.Name), (again.SetAt, again.SetBy, again.Plan.Name));
            Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM audit_trail WHERE store_id = $1 AND subject = 'incentive-plan'", s.Store));
        }

        // Two sales this month for consultant 1, one last month (before any plan) and one for consultant 2.
        await Sale(s, s.Sc1.StaffId, month, "Tayron", 8_000m, accessories: 2_000m, insurance: 3_000m, finance: 1_500m);
        await Sale(s, s.Sc1.StaffId, month, "Tiguan L", 1_000m);
        await Sale(s, s.Sc1.StaffId, month.AddMonths(-1), "Tiguan L", 10_000m);
        await Sale(s, s.Sc2.StaffId, month, "Tiguan L", 20_000m);

        using (As(s.Sc1))
        {
            // Tayron: 500 + 800 + 700 add-ons + 100 tier = 2,100; Tiguan L: 300 + 100, topped up to 800, + 100 tier = 900.
            var mine = Ok(await pay.Pay(s.Sc1.StaffId, month));
            Assert.Equal((2, 3_000m), (mine.Worked.Units, mine.Total));
            Assert.Equal([2_100m, 900m], mine.Worked.Lines.OrderByDescending(l => l.Total).Select(l => l.Total));
            Assert.Equal(ProblemKind.Forbidden, (await pay.Pay(s.Sc2.StaffId, month)).Problem?.Kind); // not another's
        }

        using (As(s.Manager))
        {
            Assert.Equal(2_300m, Ok(await pay.Pay(s.Sc2.StaffId, month)).Total); // 300 + 2,000; one unit: no tier
            var preview = Ok(await pay.Preview(plan with { PerUnit = [new("*", 1_000m)] }));
            var last = Assert.Single(preview.InForce);
            Assert.Equal((s.Sc1.StaffId, 0m), (last.ConsultantId, last.Pay.Total)); // no plan was in force last month
            Assert.Equal(2_000m, Assert.Single(preview.Draft).Pay.Total); // 1,000 + 1,000 of its gross profit
        }
    }

    private async Task Sale(SalesStore s, string consultant, DateOnly day, string model, decimal grossProfit, decimal accessories = 0m,
        decimal insurance = 0m, decimal finance = 0m) =>
        await fixture.Scalar<int>(
            "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
            "with_finance, spec, at, accessory_income, insurance_income, finance_income) VALUES ($1, $2, 'RetailSale', $3, $4, $5, $6, false, false, " +
            "false, $7, now(), $8, $9, $10) RETURNING 1",
            s.Group, s.Store, "dl" + Guid.NewGuid().ToString("N")[..16], day, consultant, grossProfit, $"{model}|380TSI|White", accessories, insurance, finance);
}
