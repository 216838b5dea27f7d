using Dealership.Contracts.Targets;
using Dealership.Grains.Targets;

namespace Dealership.Rules.Tests.Targets;

/// <summary>A consultant's day laid out, on cases worked by hand (UTC+8).</summary>
public sealed class DayPlanRulesTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static PlanItem At(string reference, int hour, int minute, int minutes, PlanItemKind kind = PlanItemKind.TestDrive)
    {
        var starts = new DateTimeOffset(2026, 12, 7, hour, minute, 0, China);
        return new PlanItem(kind, reference, starts, starts.AddMinutes(minutes), "客户", "Tiguan L");
    }

    private static PlanItem FollowUp(string reference) => new(PlanItemKind.FollowUp, reference, null, null, "客户", null);

    [Fact]
    public void A_delivery_inside_a_test_drive_clashes_for_the_overlap_and_back_to_back_items_do_not()
    {
        var items = DayPlanRules.InOrder([
            At("td-1", 10, 0, 60), At("dl-1", 10, 30, 60, PlanItemKind.Delivery), At("td-2", 11, 30, 30), At("td-3", 12, 0, 30), FollowUp("cu-1"),
        ]);

        var clash = Assert.Single(DayPlanRules.Clashes(items));

        // 10:30-11:00 is both the test drive and the handover; td-2 starts as the handover ends, td-3 as td-2 ends: no clash.
        Assert.Equal(("td-1", "dl-1", new DateTimeOffset(2026, 12, 7, 10, 30, 0, China), new DateTimeOffset(2026, 12, 7, 11, 0, 0, China)),
            (clash.First, clash.Second, clash.From, clash.To));
        Assert.Equal(["td-1", "dl-1", "td-2", "td-3", "cu-1"], items.Select(i => i.Reference)); // follow-ups, with no time, last
    }

    [Fact]
    public void Three_overlapping_items_are_three_clashes()
    {
        var clashes = DayPlanRules.Clashes([At("a", 14, 0, 90), At("b", 14, 15, 30), At("c", 14, 30, 30)]);

        // b (14:15-14:45) and c (14:30-15:00) overlap too, besides both with a (14:00-15:30).
        Assert.Equal([("a", "b"), ("a", "c"), ("b", "c")], clashes.Select(c => (c.First, c.Second)));
    }
}
