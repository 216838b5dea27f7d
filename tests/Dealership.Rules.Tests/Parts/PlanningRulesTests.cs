using Dealership.Contracts.Parts;
using Dealership.Grains.Parts;

namespace Dealership.Rules.Tests.Parts;

/// <summary>The planner's arithmetic on cases worked by hand.</summary>
public sealed class PlanningRulesTests
{
    private static readonly PlanningPolicy Weekly = new(ServiceLevel: 0.95m, ReviewPeriodDays: 7, MinimumHistoryDays: 90);

    private static readonly double Z95 = PlanningRules.Z(0.95m);

    private static DemandHistory Daily(int days, Func<int, int> demandOnDay) =>
        DemandHistory.Of([.. Enumerable.Range(0, days).Select(demandOnDay)]);

    [Fact]
    public void Steady_demand_needs_no_safety_stock_and_the_order_is_rounded_up_to_the_pack()
    {
        // 2 a day for 100 days: σ = 0. Lead time 10: reorder point 2 × 10 = 20. Order: 2 × (10 + 7) − 5 on hand − 3 on order = 26 → 30.
        var line = PlanningRules.Plan(new PlanningPart("06A115561B", 5, 3, 10, 10, 0, Daily(100, _ => 2)), Weekly, Z95);

        Assert.Equal(PlanningBasis.History, line.Basis);
        Assert.Equal(2, line.MeanDailyDemand, 9);
        Assert.Equal(0, line.DailyDeviation, 9);
        Assert.Equal(0, line.SafetyStock);
        Assert.Equal(20, line.ReorderPoint);
        Assert.Equal(30, line.SuggestedQuantity);
        Assert.True(line.BelowReorderPoint);
    }

    [Fact]
    public void A_quantity_already_a_whole_number_of_packs_is_kept()
    {
        var line = PlanningRules.Plan(new PlanningPart("06A115561B", 5, 3, 10, 2, 0, Daily(100, _ => 2)), Weekly, Z95);

        Assert.Equal(26, line.SuggestedQuantity);
    }

    [Fact]
    public void Variable_demand_carries_safety_stock_by_the_service_level()
    {
        // 0, 4, 0, 4… for 100 days: mean 2; variance (800 − 100 × 2²) / 99 = 4.0404, σ = 2.01008.
        // Lead time 9: safety = 1.64485 × 2.01008 × √9 = 9.92 → 10; reorder point 2 × 9 + 10 = 28.
        // Order: 2 × (9 + 7) + 10 − 12 on hand = 30 → 32 in packs of 4.
        var line = PlanningRules.Plan(new PlanningPart("5Q0698151", 12, 0, 9, 4, 0, Daily(100, d => d % 2 * 4)), Weekly, Z95);

        Assert.Equal(2.01008, line.DailyDeviation, 5);
        Assert.Equal(10, line.SafetyStock);
        Assert.Equal(28, line.ReorderPoint);
        Assert.Equal(32, line.SuggestedQuantity);
        Assert.True(line.BelowReorderPoint);
    }

    [Fact]
    public void Stock_on_hand_and_on_order_that_cover_the_need_suggest_nothing()
    {
        // Need 2 × 17 = 34; 40 on hand and 10 on order: nothing to order, and 50 is above the reorder point of 20.
        var line = PlanningRules.Plan(new PlanningPart("06A115561B", 40, 10, 10, 10, 0, Daily(100, _ => 2)), Weekly, Z95);

        Assert.Equal(0, line.SuggestedQuantity);
        Assert.False(line.BelowReorderPoint);
    }

    [Fact]
    public void Items_on_order_count_toward_the_position()
    {
        var without = PlanningRules.Plan(new PlanningPart("06A115561B", 5, 0, 10, 1, 0, Daily(100, _ => 2)), Weekly, Z95);
        var with = PlanningRules.Plan(new PlanningPart("06A115561B", 5, 20, 10, 1, 0, Daily(100, _ => 2)), Weekly, Z95);

        Assert.Equal(29, without.SuggestedQuantity);
        Assert.Equal(9, with.SuggestedQuantity);
    }

    [Fact]
    public void A_part_with_too_little_history_is_ordered_up_to_its_configured_minimum()
    {
        // 30 days of history (< 90): order up to the minimum of 6: 6 − 2 − 1 = 3 → 4 in packs of 4.
        var line = PlanningRules.Plan(new PlanningPart("L0001", 2, 1, 10, 4, 6, Daily(30, _ => 9)), Weekly, Z95);

        Assert.Equal(PlanningBasis.ConfiguredMinimum, line.Basis);
        Assert.Equal(6, line.ReorderPoint);
        Assert.Equal(4, line.SuggestedQuantity);
        Assert.True(line.BelowReorderPoint);
    }

    [Fact]
    public void Demand_sums_count_the_days_nothing_was_asked_for()
    {
        var history = DemandHistory.Of([0, 0, 3, 0, 1]);

        Assert.Equal(new DemandHistory(5, 4, 10), history);
        Assert.Equal(0.8, history.Mean, 9);

        // (10 − 5 × 0.64) / 4 = 1.7
        Assert.Equal(Math.Sqrt(1.7), history.StandardDeviation, 9);
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.9, 1.281552)]
    [InlineData(0.95, 1.644854)]
    [InlineData(0.975, 1.959964)]
    [InlineData(0.99, 2.326348)]
    public void Z_is_the_normal_quantile_of_the_service_level(double serviceLevel, double z)
    {
        Assert.Equal(z, PlanningRules.Z((decimal)serviceLevel), 5);
    }

    [Fact]
    public void A_service_level_outside_half_to_nearly_all_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanningRules.Z(0.3m));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanningRules.Z(1m));
    }
}
