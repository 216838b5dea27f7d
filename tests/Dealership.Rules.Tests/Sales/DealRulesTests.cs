using Dealership.Contracts.Sales;
using Dealership.Contracts.Stores;
using Dealership.Grains.Sales;

namespace Dealership.Rules.Tests.Sales;

/// <summary>The gross-profit rule of DOMAIN.md workflow 3, on the deal shapes a showroom sees.</summary>
public sealed class DealRulesTests
{
    private static DealTerms Deal(decimal list, decimal discount, decimal cost, decimal rebate = 0m, Accessory[]? accessories = null,
        decimal insurance = 0m, decimal finance = 0m, TradeIn? tradeIn = null, Fee[]? fees = null) =>
        new("Sagitar", "1.5L", "Grey", list, discount, cost, rebate, accessories ?? [], insurance, finance, tradeIn, fees ?? [], DepositKind.Binding);

    [Fact]
    public void A_car_sold_below_invoice_makes_its_profit_from_the_expected_rebate()
    {
        var withRebate = DealRules.Figures(Deal(200_000m, 12_000m, 190_000m, rebate: 8_000m), 0.13m);
        var withoutRebate = DealRules.Figures(Deal(200_000m, 12_000m, 190_000m), 0.13m);

        Assert.Equal(188_000m, withRebate.SellingPrice);
        Assert.Equal(6_000m, withRebate.GrossProfitIncludingVat);
        Assert.Equal(5_309.73m, withRebate.GrossProfit);
        Assert.Equal(-1_769.91m, withoutRebate.GrossProfit);
    }

    [Fact]
    public void A_free_accessory_costs_its_cost_and_a_sold_one_adds_its_margin_and_its_price()
    {
        var f = DealRules.Figures(Deal(100_000m, 0m, 95_000m,
            accessories: [new Accessory("Dash cam", 800m, 2_000m, false), new Accessory("Floor mats", 500m, 0m, true)]), 0.13m);

        Assert.Equal(5_700m, f.GrossProfitIncludingVat);
        Assert.Equal(5_044.25m, f.GrossProfit);
        Assert.Equal(2_000m, f.AccessoriesSold);
        Assert.Equal(102_000m, f.AmountDue);
    }

    [Fact]
    public void Only_the_trade_in_allowance_above_its_valuation_reduces_gross_profit_and_the_allowance_reduces_the_cash_due()
    {
        var over = DealRules.Figures(Deal(150_000m, 0m, 140_000m, tradeIn: new TradeIn("2019 Lavida", 50_000m, 53_000m)), 0.13m);
        var under = DealRules.Figures(Deal(150_000m, 0m, 140_000m, tradeIn: new TradeIn("2019 Lavida", 50_000m, 48_000m)), 0.13m);

        Assert.Equal(7_000m, over.GrossProfitIncludingVat);
        Assert.Equal(6_194.69m, over.GrossProfit);
        Assert.Equal(97_000m, over.CashDue);
        Assert.Equal(10_000m, under.GrossProfitIncludingVat);
        Assert.Equal(102_000m, under.CashDue);
    }

    [Theory]
    [InlineData("0.13", "14504.42")]
    [InlineData("0.09", "15036.70")]
    [InlineData("0", "16390")]
    public void Commissions_count_and_the_sum_is_reported_net_of_the_stores_VAT_rate(string rate, string expected)
    {
        var f = DealRules.Figures(Deal(113_000m, 0m, 100_000m, insurance: 1_130m, finance: 2_260m), decimal.Parse(rate));

        Assert.Equal(16_390m, f.GrossProfitIncludingVat);
        Assert.Equal(decimal.Parse(expected), f.GrossProfit);
    }

    [Fact]
    public void Fees_are_collected_but_are_not_profit_and_the_binding_deposit_cap_is_a_fifth_of_the_price()
    {
        var withFees = DealRules.Figures(Deal(120_000m, 2_000m, 110_000m, fees: [new Fee("Purchase tax", 10_442.48m), new Fee("Plate fee", 500m)]), 0.13m);
        var without = DealRules.Figures(Deal(120_000m, 2_000m, 110_000m), 0.13m);

        Assert.Equal(without.GrossProfit, withFees.GrossProfit);
        Assert.Equal(118_000m + 10_942.48m, withFees.AmountDue);
        Assert.Equal(23_600m, withFees.BindingDepositCap);
    }

    [Theory]
    [InlineData("3000", false, "None")]
    [InlineData("3000.01", false, "SalesManager")]
    [InlineData("15000", false, "SalesManager")]
    [InlineData("15000.01", false, "GeneralManager")]
    [InlineData("0", true, "SalesManager")]
    public void The_approval_tier_follows_the_discount_limits_and_the_every_deal_policy(string discount, bool everyDeal, string tier)
    {
        var terms = Deal(200_000m, decimal.Parse(discount), 150_000m);
        var policies = StorePolicies.Default with { ApproveEveryDeal = everyDeal };

        Assert.Equal(Enum.Parse<ApprovalTier>(tier), DealRules.Approval(terms, DealRules.Figures(terms, 0.13m), policies).Tier);
    }

    [Fact]
    public void Gross_profit_below_the_floor_needs_the_manager_and_never_lowers_a_GM_decision()
    {
        var thin = Deal(200_000m, 1_000m, 198_000m);
        var deepAndThin = Deal(200_000m, 20_000m, 198_000m);
        var policies = StorePolicies.Default with { GrossProfitFloor = 1_000m };

        var (tier, reasons) = DealRules.Approval(thin, DealRules.Figures(thin, 0.13m), policies);
        Assert.Equal(ApprovalTier.SalesManager, tier);
        Assert.Single(reasons);
        var (deepTier, deepReasons) = DealRules.Approval(deepAndThin, DealRules.Figures(deepAndThin, 0.13m), policies);
        Assert.Equal(ApprovalTier.GeneralManager, deepTier);
        Assert.Equal(2, deepReasons.Count);
    }

    [Fact]
    public void Free_accessories_at_cost_and_trade_in_over_allowance_count_toward_the_discount_the_limits_measure()
    {
        var policies = StorePolicies.Default;
        var terms = Deal(200_000m, 2_000m, 180_000m, accessories: [new Accessory("Film", 1_500m, 0m, true), new Accessory("Cam", 600m, 1_600m, false)],
            tradeIn: new TradeIn("2016 Jetta", 30_000m, 31_000m));

        Assert.Equal(4_500m, DealRules.MeasuredDiscount(terms));
        var (tier, reasons) = DealRules.Approval(terms, DealRules.Figures(terms, 0.13m), policies);
        Assert.Equal(ApprovalTier.SalesManager, tier);
        Assert.Equal(ApprovalTier.None, DealRules.Approval(terms with { Accessories = [], TradeIn = null }, DealRules.Figures(terms, 0.13m), policies).Tier);
        Assert.StartsWith("discount 4500.00 (price 2000.00, free accessories 1500.00, trade-in over-allowance 1000.00)", Assert.Single(reasons));
    }

    [Theory]
    [InlineData(200_000, 6_000, ApprovalTier.None)]
    [InlineData(190_000, 6_000, ApprovalTier.GeneralManager)]
    [InlineData(200_000, 9_000, ApprovalTier.GeneralManager)]
    public void A_list_price_or_rebate_other_than_the_books_goes_to_the_general_manager(int list, int rebate, ApprovalTier expected)
    {
        var terms = Deal(list, 1_000m, 180_000m, rebate: rebate);
        var books = new BookPrices(200_000m, 6_000m, "2026-12");

        Assert.Equal(expected, DealRules.Approval(terms, DealRules.Figures(terms, 0.13m), StorePolicies.Default, books).Tier);
    }

    [Fact]
    public void Terms_refuse_a_discount_at_the_list_price_a_priced_free_gift_and_fractions_of_a_fen()
    {
        var bad = Deal(100_000m, 100_000m, 90_000.001m, accessories: [new Accessory("Film", 100m, 50m, true)]).Validate().ToDictionary();

        Assert.Contains("discount", bad.Keys);
        Assert.Contains("vehicleCost", bad.Keys);
        Assert.Contains("accessories[0].price", bad.Keys);
    }
}
