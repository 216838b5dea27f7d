using Dealership.Contracts.Targets;
using Dealership.Grains.Targets;

namespace Dealership.Rules.Tests.Targets;

/// <summary>The target arithmetic on cases worked by hand.</summary>
public sealed class TargetRulesTests
{
    private static readonly decimal[] Seasons = [7m, 6m, 8m, 8m, 8m, 8m, 8m, 8m, 9m, 9m, 10m, 11m];

    [Fact]
    public void Weights_that_add_up_give_months_that_add_up_to_the_year_in_whole_units()
    {
        var (units, profit) = TargetRules.Months(new AnnualTarget(485, 4_850_000m), Seasons);

        // 485 × 7% = 33.95, × 6% = 29.1, × 8% = 38.8, × 9% = 43.65, × 10% = 48.5, × 11% = 53.35: the floors make 477, and the
        // eight units left go to the largest remainders (January's .95, the six .8s, September's .65 before October's).
        Assert.Equal(485, units.Sum());
        Assert.Equal([34, 29, 39, 39, 39, 39, 39, 39, 44, 43, 48, 53], units);
        Assert.Equal(339_500m, profit[0]);
        Assert.Equal(4_850_000m, profit.Sum());
    }

    [Fact]
    public void The_months_gross_profit_adds_up_to_the_cent()
    {
        var (_, profit) = TargetRules.Months(new AnnualTarget(100, 1_234_567.89m), Seasons);

        Assert.Equal(1_234_567.89m, profit.Sum());
        Assert.All(profit, p => Assert.Equal(p, decimal.Round(p, 2)));
    }

    [Fact]
    public void Weights_short_of_100_leave_the_gap_unallocated_and_the_consultants_gap_shows_per_month()
    {
        var weights = Seasons.Select((w, i) => i == 11 ? 1m : w).ToArray(); // December 1% instead of 11%: 90% in all
        var consultants = new Dictionary<int, List<ConsultantTarget>> { [1] = [new("sc1", 20, 200_000m), new("sc2", 10, 80_000m)] };

        var (months, unallocatedUnits, unallocatedProfit) = TargetRules.Plan(new AnnualTarget(500, 5_000_000m), weights, consultants);

        Assert.Equal(450, months.Sum(m => m.Units));
        Assert.Equal((50, 500_000m), (unallocatedUnits, unallocatedProfit));
        Assert.Equal((35, 350_000m), (months[0].Units, months[0].GrossProfit));
        Assert.Equal((5, 70_000m), (months[0].UnallocatedUnits, months[0].UnallocatedGrossProfit));
        Assert.Equal(months[1].Units, months[1].UnallocatedUnits); // nobody has February yet
    }

    [Fact]
    public void Without_a_split_the_whole_year_is_unallocated()
    {
        var (months, units, profit) = TargetRules.Plan(new AnnualTarget(120, 1_000_000m), null, new Dictionary<int, List<ConsultantTarget>>());

        Assert.All(months, m => Assert.Equal(0, m.Units));
        Assert.Equal((120, 1_000_000m), (units, profit));
    }

    [Fact]
    public void More_than_100_percent_or_the_wrong_number_of_weights_is_refused_naming_the_field()
    {
        Assert.Contains("weights", new MonthWeights([.. Seasons.Select(w => w + 1m)]).Validate().ToDictionary().Keys);
        Assert.Contains("weights", new MonthWeights([50m, 50m]).Validate().ToDictionary().Keys);
        Assert.Contains("weights[3]", new MonthWeights([.. Seasons.Select((w, i) => i == 3 ? -1m : w)]).Validate().ToDictionary().Keys);
        Assert.False(new MonthWeights(Seasons).Validate().Any);
        Assert.Contains("lines", new AnnualTarget(100, 1m, [new("Passat", 60, 0m), new("Lavida", 50, 0m)]).Validate().ToDictionary().Keys);
    }

    [Fact]
    public void The_share_of_the_month_gone_is_counted_in_the_stores_own_time_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var december = new DateOnly(2026, 12, 1);

        // 2026-12-16 00:00 in Shanghai is 15 days into a 31-day month; the same instant is still the 15th, 16:00, in UTC.
        var (gone, days) = TargetRules.TimeGone(december, new DateTimeOffset(2026, 12, 15, 16, 0, 0, TimeSpan.Zero), shanghai);
        Assert.Equal((15m, 31), (gone, days));
        Assert.Equal(14.67m, TargetRules.TimeGone(december, new DateTimeOffset(2026, 12, 15, 16, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc).DaysGone);
        Assert.Equal(0m, TargetRules.TimeGone(december, new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero), shanghai).DaysGone);
        Assert.Equal(31m, TargetRules.TimeGone(december, new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), shanghai).DaysGone);
    }

    [Fact]
    public void A_month_with_a_daylight_saving_change_is_measured_by_its_real_length()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var march = new DateOnly(2026, 3, 1);

        // March 2026 in New York has 743 hours (clocks go forward on the 8th): midnight of the 16th local is 359 hours in, but
        // 15 of the store's days are gone, and noon that day (EDT) is 15.5.
        var midMonth = new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.FromHours(-4));
        var (gone, days) = TargetRules.TimeGone(march, midMonth, newYork);

        Assert.Equal((15m, 31), (gone, days));
        Assert.Equal(15.5m, TargetRules.TimeGone(march, midMonth.AddHours(12), newYork).DaysGone);
        Assert.Equal(7m, TargetRules.TimeGone(march, new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5)), newYork).DaysGone);
    }

    [Fact]
    public void Progress_is_retail_sales_over_the_target_and_none_without_one()
    {
        var figures = TargetRules.Figures(40, 400_000m, 30, 16, 12, 150_000m);

        Assert.Equal((0.4m, 0.375m), (figures.Progress, figures.GrossProfitProgress));
        Assert.Null(TargetRules.Figures(0, 0m, 3, 2, 1, 10m).Progress);
    }
}
