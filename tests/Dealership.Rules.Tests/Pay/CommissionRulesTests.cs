using Dealership.Contracts.Pay;
using Dealership.Grains.Pay;

namespace Dealership.Rules.Tests.Pay;

/// <summary>A consultant's month of commission on cases worked by hand.</summary>
public sealed class CommissionRulesTests
{
    private static readonly DateOnly December = new(2026, 12, 1);

    // 300 a unit (500 for Tayron), 10% of gross profit, 5% of accessories, 10% of insurance, 20% of finance income, at least 800 a
    // deal; from 3 units 100 more a unit, from 5 units 250; 1.1× at 100% of target, 1.2× at 120%; a 1,000 spiff on ID.4 on 1-15 Dec.
    private static IncentivePlan Plan(DateOnly from, string name = "2026 plan") => new(name, from,
        [new("*", 300m), new("Tayron", 500m)], 0.10m, 0.05m, 0.10m, 0.20m, 800m,
        [new(3, 100m), new(5, 250m)],
        [new("ID.4", 1_000m, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 15))],
        [new(1.0m, 1.1m), new(1.2m, 1.2m)]);

    private static CommissionDeal Deal(string id, string model, int day, decimal grossProfit, decimal accessories = 0m, decimal insurance = 0m,
        decimal finance = 0m) => new(id, model, December.AddDays(day - 1), grossProfit, accessories, insurance, finance);

    [Fact]
    public void A_line_shows_each_component_and_the_minimum_tops_up_a_thin_deal()
    {
        var month = CommissionRules.Month([Plan(December)], [
            Deal("d1", "Tayron", 3, 8_000m, accessories: 2_000m, insurance: 3_000m, finance: 1_500m),
            Deal("d2", "Tiguan L", 4, 1_000m),
        ], null, new DateOnly(2026, 12, 31));

        // d1: 500 + 800 + (100 + 300 + 300) = 2,000. d2: 300 + 100 = 400, topped up by 400 to the 800 minimum.
        var (d1, d2) = (month.Lines[0], month.Lines[1]);
        Assert.Equal((500m, 800m, 700m, 0m, 0m, 0m, 2_000m), (d1.PerUnit, d1.GrossProfitShare, d1.AddOns, d1.MinimumTopUp, d1.Spiff, d1.TierBonus, d1.Total));
        Assert.Equal((300m, 100m, 400m, 800m), (d2.PerUnit, d2.GrossProfitShare, d2.MinimumTopUp, d2.Total));
        Assert.Equal((2, null, 1m, 2_800m, 2_800m), (month.Units, month.Attainment, month.Multiplier, month.Subtotal, month.Total));
    }

    [Fact]
    public void Crossing_a_tier_mid_month_pays_its_bonus_back_to_the_first_unit()
    {
        var deals = Enumerable.Range(1, 4).Select(i => Deal($"d{i}", "Tiguan L", i * 5, 10_000m)).ToList();

        var three = CommissionRules.Month([Plan(December)], deals.Take(2).ToList(), null, new DateOnly(2026, 12, 31));
        var four = CommissionRules.Month([Plan(December)], deals, null, new DateOnly(2026, 12, 31));

        // Two units: no tier (300 + 1,000 each). Four units: the 3-unit tier's 100 on every line, the first two included.
        Assert.All(three.Lines, l => Assert.Equal((0m, 1_300m), (l.TierBonus, l.Total)));
        Assert.All(four.Lines, l => Assert.Equal((100m, 1_400m), (l.TierBonus, l.Total)));
        Assert.Equal(5_600m, four.Total);
    }

    [Fact]
    public void A_spiff_pays_on_the_first_and_last_day_of_its_window_and_not_a_day_outside()
    {
        var month = CommissionRules.Month([Plan(new DateOnly(2026, 11, 1))], [
            new CommissionDeal("nov30", "ID.4", new DateOnly(2026, 11, 30), 5_000m, 0, 0, 0),
            Deal("dec1", "ID.4", 1, 5_000m), Deal("dec15", "id.4 ", 15, 5_000m), Deal("dec16", "ID.4", 16, 5_000m),
        ], null, new DateOnly(2026, 12, 31));

        Assert.Equal([0m, 1_000m, 1_000m, 0m], month.Lines.Select(l => l.Spiff));
    }

    [Fact]
    public void Each_deal_is_paid_by_the_version_in_force_on_its_invoice_day_and_none_before_the_first()
    {
        var old = Plan(new DateOnly(2026, 11, 1), "Nov plan");
        var raised = Plan(new DateOnly(2026, 12, 10), "Dec plan") with { PerUnit = [new("*", 600m)] };

        var month = CommissionRules.Month([raised, old], [
            new CommissionDeal("oct", "Tiguan L", new DateOnly(2026, 10, 31), 10_000m, 0, 0, 0),
            Deal("d9", "Tiguan L", 9, 10_000m), Deal("d10", "Tiguan L", 10, 10_000m),
        ], null, new DateOnly(2026, 12, 31));

        Assert.Equal(new (string?, decimal)[] { (null, 0m), ("Nov plan", 300m), ("Dec plan", 600m) }, month.Lines.Select(l => (l.Plan, l.PerUnit)));
        Assert.Equal(0m, month.Lines[0].Total); // no plan was in force: the statement shows it unpaid
    }

    [Fact]
    public void Attainment_sets_the_multiplier_of_the_plan_at_the_months_end_and_the_total_is_rounded_once()
    {
        // 12,345.65 × 10% = 1,234.565 → 1,234.57 (half away from zero); 300 a unit; no add-ons.
        var deals = new[] { Deal("a", "Tiguan L", 2, 12_345.65m), Deal("b", "Tiguan L", 3, 12_345.65m) };

        var onTarget = CommissionRules.Month([Plan(December)], deals, targetUnits: 2, new DateOnly(2026, 12, 31));
        var short1 = CommissionRules.Month([Plan(December)], deals, targetUnits: 3, new DateOnly(2026, 12, 31));

        Assert.Equal(1_234.57m, onTarget.Lines[0].GrossProfitShare);
        Assert.Equal((1.0m, 1.1m, 3_069.14m, 3_376.05m), (onTarget.Attainment, onTarget.Multiplier, onTarget.Subtotal, onTarget.Total)); // 3,376.054
        Assert.Equal((0.6667m, 1m, 3_069.14m), (short1.Attainment, short1.Multiplier, short1.Total));
    }

    [Fact]
    public void A_plan_with_tiers_out_of_order_a_negative_share_or_overlapping_spiffs_is_refused_naming_the_field()
    {
        var plan = Plan(December) with
        {
            GrossProfitShare = -0.1m,
            Tiers = [new(5, 250m), new(3, 100m)],
            Spiffs = [new("ID.4", 1_000m, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 15)), new("id.4", 500m, new DateOnly(2026, 12, 15), new DateOnly(2026, 12, 31))],
        };

        var errors = plan.Validate();

        Assert.Equal(["grossProfitShare", "spiffs", "tiers"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.False(Plan(December).Validate().Any);
    }

    [Fact]
    public void A_statement_pays_each_line_as_adjusted_times_the_multiplier_once_rounded_less_what_was_charged_back()
    {
        // Two units against a target of two: 100%, so 1.1×. Each line worked 1,300 (300 a unit + 10% of 10,000).
        var month = CommissionRules.Month([Plan(December)], [Deal("d1", "Tiguan L", 2, 10_000m), Deal("d2", "Tiguan L", 3, 10_000m)], 2,
            new DateOnly(2026, 12, 31)) with
        { Month = "2026-12" };
        var at = new DateTimeOffset(2027, 1, 3, 9, 0, 0, TimeSpan.FromHours(8));
        CommissionAdjustment[] adjustments =
        [
            new("d1", 1_000.01m, "first try", at, "sm"),
            new("d1", 1_100.01m, "customer complaint shared", at.AddMinutes(5), "sm"), // the latest counts
            new("gone", 9_999m, "a sale unwound before the month was paid", at, "sm"),
        ];
        var statement = CommissionRules.Statement("sc1", month, adjustments, [new("d0", "Tayron", "2026-11", new DateOnly(2026, 12, 20), 880.55m)],
            StatementStatus.Open);

        // (1,100.01 + 1,300) × 1.1 = 2,640.011 → 2,640.01; less the 880.55 chargeback.
        Assert.Equal((-199.99m, 880.55m, 1_759.46m), (statement.Adjusted, statement.ChargedBack, statement.Total));
        Assert.Equal([("d1", 1_210.01m), ("d2", 1_430m)], CommissionRules.PaidLines(statement).ToArray()); // 1,100.01 × 1.1 = 1,210.011
    }
}
