using Dealership.Contracts.Performance;
using Dealership.Contracts.Sales;
using Dealership.Grains.Performance;
using Dealership.Grains.Sales;

namespace Dealership.Rules.Tests.Performance;

/// <summary>Review periods as staff name them, a scorecard's figures from counts, and the headcount arithmetic, on hand-worked cases.</summary>
public sealed class ScorecardRulesTests
{
    [Theory]
    [InlineData("2026-11", "2026-11-01", "2026-11-30")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData("2026-Q4", "2026-10-01", "2026-12-31")]
    [InlineData("2026-W49", "2026-11-30", "2026-12-06")]
    [InlineData("2026-W01", "2025-12-29", "2026-01-04")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-03")]
    public void A_month_or_a_quarter_names_its_days(string name, string from, string to)
    {
        var p = ReviewPeriod.Parse(name)!.Value;
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)),
            (p.From, p.To));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("1999-12")]
    [InlineData("2026-1")]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_period(string? name) => Assert.Null(ReviewPeriod.Parse(name));

    [Fact]
    public void A_day_falls_in_its_ISO_week_and_its_month()
    {
        Assert.Equal(ReviewPeriod.Parse("2026-W49"), ReviewPeriod.WeekOf(new DateOnly(2026, 12, 6))); // a Sunday: the week's last day
        Assert.Equal(ReviewPeriod.Parse("2026-W01"), ReviewPeriod.WeekOf(new DateOnly(2025, 12, 29))); // ISO week 1 of 2026 starts in 2025
        Assert.Equal(ReviewPeriod.Parse("2024-02"), ReviewPeriod.MonthOf(new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void A_scorecard_divides_what_the_records_counted()
    {
        var tally = new Tally();
        tally.Add(SalesFactKind.FirstVisit, 8);
        tally.Add(SalesFactKind.TestDrive, 3);
        tally.Add(SalesFactKind.Order, 2);
        tally.Add(SalesFactKind.RetailSale, 3, 18_000m, withAccessories: 2, withInsurance: 3, withFinance: 1);
        tally.Add(SalesFactKind.RetailSaleUnwound, 1, -6_000m, withAccessories: 1, withInsurance: 1, withFinance: 0);

        var f = ScorecardRules.Figures(tally, (4, 30_000m), (6, 5), (3, 2), 1);

        Assert.Equal((2, 0.5m, 12_000m, 0.4m), (f.Units, f.UnitAttainment, f.GrossProfit, f.ProfitAttainment));
        Assert.Equal((0.25m, 0.375m, 0.8333m), (f.ClosingRate, f.TestDriveRate, f.FollowUpOnTimeRate));
        Assert.Equal((0.5m, 1m, 0.5m, 0.6667m), (f.AccessoryPenetration, f.InsurancePenetration, f.FinancePenetration, f.SatisfactionRate));

        var nothing = ScorecardRules.Figures(new Tally(), null, (0, 0), (0, 0), 0);
        Assert.Equal((null, null, null, null, null), (nothing.TargetUnits, nothing.UnitAttainment, nothing.ClosingRate, nothing.FollowUpOnTimeRate,
            nothing.SatisfactionRate));
    }

    [Fact]
    public void Consultants_needed_round_up_and_are_unknown_without_a_pace_or_a_target()
    {
        Assert.Equal((1.5m, 7), ScorecardRules.Needed(30, 3, 3, 2)); // 30 ÷ (1.5 × 3) = 6.67
        Assert.Equal((2m, 10), ScorecardRules.Needed(240, 12, 48, 24)); // exactly 10
        Assert.Equal((null, null), ScorecardRules.Needed(240, 12, 0, 0));
        Assert.Equal((2m, null), ScorecardRules.Needed(0, 0, 48, 24));
    }
}
