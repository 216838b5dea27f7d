using Dealership.Contracts.Common;
using Dealership.Contracts.Pay;
using Dealership.Contracts.Staff;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Pay;

/// <summary>
/// The group's plan templates on the cluster and PostgreSQL: HQ keeps them, a store adopts one with its own changes (naming a
/// template the group does not have is refused), and HQ sees which template each store's plan in force follows and where it differs.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IncentiveTemplateTests(ClusterFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task HQ_keeps_a_template_a_store_adopts_it_with_local_changes_and_HQ_sees_what_each_store_changed()
    {
        var s = await SalesStore.Open(fixture);
        var hq = await fixture.NewStaff(s.Group, StaffRole.GroupHq);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(China).DateTime);
        var templates = fixture.Grains.GetGrain<IIncentiveTemplatesGrain>(GrainKeys.Group(s.Group));
        var template = new IncentivePlan("集团 2027 标准", today, [new("*", 300m)], 0.10m, 0.05m, 0.10m, 0.20m, 800m, [new(5, 100m)], [], [new(1m, 1.1m)]);

        using (As(s.Manager))
        {
            Assert.Equal(ProblemKind.Forbidden, (await templates.Set(template, null)).Problem?.Kind); // HQ's
        }

        using (As(hq))
        {
            Assert.Equal("tiers", (await templates.Set(template with { Tiers = [new(5, 1m), new(3, 1m)] }, null)).Problem?.Errors?.Keys.Single());
            var kept = Ok(await templates.Set(template, "template-1"));
            Assert.Equal((template.Name, hq.AuditName), (kept.Plan.Name, kept.SetBy));
        }

        var pay = fixture.Grains.GetGrain<ICommissionGrain>(GrainKeys.Store(s.Store));
        using (As(s.Manager))
        {
            var offered = Ok(await templates.Get());
            Assert.Equal(template.Name, Assert.Single(offered.Templates).Plan.Name);
            Assert.Empty(offered.Stores); // which store does what is HQ's view
            Assert.Equal("template", (await pay.SetPlan(template with { Template = "no such template" }, null)).Problem?.Errors?.Keys.Single());
            // The store's version: 350 a unit instead of 300; its minimum, written 800.00, is the template's 800.
            Ok(await pay.SetPlan(template with { Name = "本店 2027", PerUnit = [new("*", 350m)], MinimumPerDeal = 800.00m, Template = template.Name }, null));
        }

        using (As(hq))
        {
            var view = Ok(await templates.Get());
            var mine = view.Stores.Single(a => a.StoreId == s.Store);
            Assert.Equal(("本店 2027", template.Name, today), (mine.PlanInForce, mine.Template, mine.InForceFrom));
            Assert.Equal(["perUnit"], mine.LocalChanges);
            var other = view.Stores.Single(a => a.StoreId == s.OtherStore);
            Assert.Equal((null, null), (other.PlanInForce, other.Template)); // no plan yet
        }
    }
}
