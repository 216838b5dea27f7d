using Dealership.Contracts.Pay;
using Dealership.Grains.Pay;

namespace Dealership.Rules.Tests.Pay;

/// <summary>What a store changed from the group template it adopted, part by part.</summary>
public sealed class IncentiveTemplateRulesTests
{
    private static readonly IncentivePlan Template = new("集团标准", new DateOnly(2027, 1, 1), [new("*", 300m), new("Tayron", 500m)], 0.10m, 0m, 0.10m, 0.20m,
        800m, [new(3, 100m)], [new("ID.4", 1_000m, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 15))], [new(1m, 1.1m)]);

    [Fact]
    public void The_name_the_day_and_the_way_an_amount_is_written_are_not_changes()
    {
        var store = Template with
        {
            Name = "朝阳 2027",
            EffectiveFrom = new DateOnly(2027, 2, 1),
            Template = "集团标准",
            GrossProfitShare = 0.100m,
            PerUnit = [new("*", 300.00m), new("Tayron", 500m)],
            MinimumPerDeal = 800.0m,
        };
        Assert.Empty(IncentiveTemplateRules.LocalChanges(store, Template));
    }

    [Fact]
    public void Each_part_the_store_changed_is_named()
    {
        var store = Template with { Tiers = [new(3, 150m)], FinanceShare = 0.25m, Spiffs = [], PerUnit = [new("Tayron", 500m), new("*", 300m)] };
        Assert.Equal(["perUnit", "financeShare", "tiers", "spiffs"], IncentiveTemplateRules.LocalChanges(store, Template));
    }
}
