using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Targets;

/// <summary>
/// Targets on the cluster and PostgreSQL: group HQ's year, the sales manager's months and consultants (and splits that do not add
/// up), actuals that follow the deals, and group HQ's rollup of every store, which nobody else sees.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TargetTests(ClusterFixture fixture)
{
    private static readonly MonthWeights Seasons = new([7m, 6m, 8m, 8m, 8m, 8m, 8m, 8m, 9m, 9m, 10m, 11m]);

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), Shanghai).DateTime);

    private IStoreTargetsGrain Targets(string storeId) => fixture.Grains.GetGrain<IStoreTargetsGrain>(TargetKeys.Year(storeId, Today.Year));

    /// <summary>The group's view once <paramref name="done"/> holds: the rollup is pushed by the stores a moment after each change.</summary>
    private async Task<GroupRollup> RollupOnce(string groupId, Caller hq, Func<GroupRollup, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using (As(hq))
            {
                var rollup = Ok(await fixture.Grains.GetGrain<IGroupRollupGrain>(GrainKeys.Group(groupId)).Get());
                if (done(rollup))
                {
                    return rollup;
                }

                Assert.True(DateTime.UtcNow < deadline, $"the rollup did not show the change within 15 s: {rollup}");
            }

            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Hq_sets_the_year_the_sales_manager_splits_it_and_splits_that_do_not_add_up_are_refused()
    {
        var s = await SalesStore.Open(fixture);
        var hq = await fixture.NewStaff(s.Group, StaffRole.GroupHq);
        var targets = Targets(s.Store);
        var month = Today.Month;

        using (As(s.Manager))
        {
            Assert.Equal("forbidden", (await targets.SetAnnual(new AnnualTarget(480, 4_800_000m), null)).Problem?.Code);
            Assert.Equal("no-annual-target", (await targets.SplitMonths(Seasons, null)).Problem?.Code);
        }

        using (As(hq))
        {
            Ok(await targets.SetAnnual(new AnnualTarget(480, 4_800_000m, [new("Tiguan L", 300, 3_200_000m)]), null));
        }

        TargetPlan plan;
        using (As(s.Manager))
        {
            Assert.Equal("weights", Assert.Single((await targets.SplitMonths(new MonthWeights([.. Seasons.Weights.Select(w => w + 1m)]), null)).Problem!.Errors!).Key);
            plan = Ok(await targets.SplitMonths(Seasons, null));
            Assert.Equal((0, 0m), (plan.UnallocatedUnits, plan.UnallocatedGrossProfit));
            var units = plan.Months[month - 1].Units;
            var profit = plan.Months[month - 1].GrossProfit;

            var over = await targets.SplitConsultants(month, new ConsultantSplit([new(s.Sc1.StaffId, units, 0m), new(s.Sc2.StaffId, 1, 0m)]), null);
            Assert.Equal("consultants", Assert.Single(over.Problem!.Errors!).Key);
            var notConsultant = await targets.SplitConsultants(month, new ConsultantSplit([new(s.Tech.StaffId, 1, 0m)]), null);
            Assert.Equal("consultants[0].consultantId", Assert.Single(notConsultant.Problem!.Errors!).Key);

            plan = Ok(await targets.SplitConsultants(month, new ConsultantSplit([new(s.Sc1.StaffId, units / 2, profit / 2), new(s.Sc2.StaffId, 3, 30_000m)]), null));
            Assert.Equal(units - (units / 2) - 3, plan.Months[month - 1].UnallocatedUnits);
            Assert.Equal(s.Manager.AuditName, plan.ChangedBy);
        }

        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await targets.SplitConsultants(month, new ConsultantSplit([new(s.Sc1.StaffId, 99, 0m)]), null)).Problem?.Code);
            var mine = Ok(await targets.Get());
            Assert.Equal(plan.Revision, mine.Revision); // a consultant reads the plan, and changed nothing
            Assert.Equal([s.Sc1.StaffId], mine.Months[month - 1].Consultants.Select(c => c.ConsultantId)); // and sees their own line only
        }

        using (As(hq))
        {
            // A smaller year would leave this month's consultants with more than the month has: refused until their split changes.
            Assert.Equal("splits-exceed-target", (await targets.SetAnnual(new AnnualTarget(12, 100_000m), null)).Problem?.Code);
        }

        Assert.Equal(3L, await fixture.Scalar<long>("SELECT count(*) FROM audit_trail WHERE store_id = $1 AND subject = 'targets'", s.Store));
        Assert.Equal(2L, await fixture.Scalar<long>(
            "SELECT count(*) FROM sales_targets WHERE store_id = $1 AND year = $2 AND month = $3 AND consultant_id <> ''", s.Store, Today.Year, month));
    }

    [Fact]
    public async Task Actuals_follow_orders_invoices_deliveries_and_cancellations_against_the_split()
    {
        WithinOneMonth(TimeSpan.FromHours(10)); // a delivery moves the clock 8 hours: keep every fact in one month
        var s = await SalesStore.Open(fixture);
        var hq = await fixture.NewStaff(s.Group, StaffRole.GroupHq);
        var targets = Targets(s.Store);
        var month = Today.Month;
        using (As(hq))
        {
            Ok(await targets.SetAnnual(new AnnualTarget(480, 4_800_000m), null));
        }

        using (As(s.Manager))
        {
            Ok(await targets.SplitMonths(Seasons, null));
            Ok(await targets.SplitConsultants(month, new ConsultantSplit([new(s.Sc1.StaffId, 10, 100_000m)]), null));
        }

        var (cancelled, _) = await s.SignedDealWithCar();
        using (As(s.Manager))
        {
            Ok(await s.Deal(cancelled).Cancel("customer bought elsewhere", DepositDecision.Refund, null));
        }

        await s.DeliveredDeal();

        using var _ = As(s.Manager);
        var progress = Ok(await targets.GetProgress(month));
        Assert.Equal((1, 1, 1), (progress.Store.Orders, progress.Store.RetailSales, progress.Store.Deliveries));
        Assert.True(progress.Store.GrossProfit != 0m);
        var sc1 = Assert.Single(progress.Consultants, c => c.ConsultantId == s.Sc1.StaffId).Figures;
        Assert.Equal((10, 1, 0.1m), (sc1.TargetUnits, sc1.RetailSales, sc1.Progress));
        Assert.InRange(progress.TimeGone, 0m, 1m);
        Assert.Equal(Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), progress.Month);
    }

    [Fact]
    public async Task Group_hq_sees_every_store_summed_and_ranked_as_deals_happen_and_nobody_else_sees_it()
    {
        WithinOneMonth(TimeSpan.FromHours(10));
        var s = await SalesStore.Open(fixture);
        var hq = await fixture.NewStaff(s.Group, StaffRole.GroupHq);
        using (As(hq))
        {
            Ok(await Targets(s.Store).SetAnnual(new AnnualTarget(120, 1_200_000m), null));
        }

        using (As(s.Manager))
        {
            Ok(await Targets(s.Store).SplitMonths(Seasons, null));
        }

        // The other store has had no change at all: it is on the view all the same.
        var before = await RollupOnce(s.Group, hq, r => r.Stores.Count == 2 && r.Total.TargetUnits > 0);
        Assert.All(before.Stores, r => Assert.Equal(0, r.Summary.Figures.RetailSales));
        Assert.Equal(before.Stores.Sum(r => r.Summary.Figures.TargetUnits), before.Total.TargetUnits);

        await s.DeliveredDeal();

        var after = await RollupOnce(s.Group, hq, r => r.Total.RetailSales == 1 && r.Total.Deliveries == 1);
        var first = after.Stores[0];
        Assert.Equal((1, s.Store, 1), (first.Rank, first.Summary.StoreId, first.Summary.Figures.RetailSales));
        Assert.Equal((2, s.OtherStore), (after.Stores[1].Rank, after.Stores[1].Summary.StoreId));
        Assert.True(first.Summary.Figures.Progress > 0m);

        using (As(s.Gm))
        {
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IGroupRollupGrain>(GrainKeys.Group(s.Group)).Get()).Problem?.Code);
        }

        var (otherGroup, _) = await fixture.NewGroup(1);
        var otherHq = await fixture.NewStaff(otherGroup, StaffRole.GroupHq);
        using (As(otherHq))
        {
            await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<IGroupRollupGrain>(GrainKeys.Group(s.Group)).Get());
        }
    }
}
