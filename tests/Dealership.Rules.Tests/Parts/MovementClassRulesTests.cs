using Dealership.Contracts.Parts;
using Dealership.Grains.Parts;

namespace Dealership.Rules.Tests.Parts;

public sealed class MovementClassRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    private static readonly MovementPolicy Default = new();

    [Fact]
    public void Nothing_moved_for_seven_months_is_dead_whatever_it_sold_before()
    {
        Assert.Equal(MovementClass.Dead, MovementClassRules.Classify(new DateOnly(2026, 5, 5), 12, Today, Default));
        Assert.Equal(MovementClass.Dead, MovementClassRules.Classify(new DateOnly(2025, 1, 1), 0, Today, Default));
    }

    [Fact]
    public void A_day_short_of_seven_months_is_not_dead()
    {
        Assert.Equal(MovementClass.Slow, MovementClassRules.Classify(new DateOnly(2026, 5, 6), 0, Today, Default));
    }

    [Theory]
    [InlineData(12, MovementClass.Fast)]
    [InlineData(9, MovementClass.Fast)]
    [InlineData(8, MovementClass.Medium)]
    [InlineData(4, MovementClass.Medium)]
    [InlineData(3, MovementClass.Slow)]
    [InlineData(0, MovementClass.Slow)]
    public void A_moving_part_is_classed_by_the_months_it_was_asked_for(int months, MovementClass expected)
    {
        Assert.Equal(expected, MovementClassRules.Classify(new DateOnly(2026, 12, 1), months, Today, Default));
    }

    [Fact]
    public void The_dead_threshold_is_the_stores_setting()
    {
        var strict = new MovementPolicy(DeadAfterMonths: 3);

        Assert.Equal(MovementClass.Dead, MovementClassRules.Classify(new DateOnly(2026, 9, 5), 2, Today, strict));
        Assert.Equal(MovementClass.Slow, MovementClassRules.Classify(new DateOnly(2026, 9, 5), 2, Today, Default));
    }
}
