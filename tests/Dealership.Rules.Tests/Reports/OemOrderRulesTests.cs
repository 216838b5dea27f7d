using Dealership.Contracts.Reports;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Reports;

namespace Dealership.Rules.Tests.Reports;

public sealed class OemOrderRulesTests
{
    private static StockRow Row(string model, string colour, VehicleStatus status, bool demo = false) =>
        new("V", model, "1.5L", colour, status, demo, status == VehicleStatus.InStock ? 10 : null, false, CertificateLocation.InSafe, null, null, false);

    private static IReadOnlyDictionary<string, int> Month(params (string Model, string Colour, int Sold)[] sales) =>
        sales.ToDictionary(s => OemOrderLines.Spec(s.Model, "1.5L", s.Colour), s => s.Sold);

    [Fact]
    public void Without_a_target_the_proposal_is_the_monthly_pace_less_what_is_in_stock_or_on_the_way_rounded_up()
    {
        var stock = new[]
        {
            Row("Lavida", "White", VehicleStatus.InStock), Row("Lavida", "White", VehicleStatus.InTransit),
            Row("Lavida", "White", VehicleStatus.Reserved), Row("Lavida", "White", VehicleStatus.InStock, demo: true),
            Row("Tiguan L", "Black", VehicleStatus.InStock),
        };
        var months = new[] { Month(("Lavida", "White", 4)), Month(("Lavida", "White", 5), ("Tiguan L", "Black", 1)), Month(("Lavida", "White", 3)) };

        var lines = OemOrderRules.Propose(stock, months, null).ToDictionary(l => $"{l.Model} {l.Colour}");

        // Lavida White: 12 sold in three months → 4 a month; 2 available (the reserved and the demo car do not count) → 2.
        Assert.Equal((2, 12, 4m, 4m, 2), (lines["Lavida White"].Available, lines["Lavida White"].RetailLastThreeMonths,
            lines["Lavida White"].MonthlyPace, lines["Lavida White"].Forecast, lines["Lavida White"].Proposed));
        // Tiguan L Black: 1 sold → 0.33 a month, 1 in stock → nothing to order.
        Assert.Equal((0.33m, 0), (lines["Tiguan L Black"].MonthlyPace, lines["Tiguan L Black"].Proposed));
    }

    [Fact]
    public void A_target_is_split_by_the_model_mix_of_the_pace()
    {
        var months = new[] { Month(("Lavida", "White", 6), ("Sagitar", "Grey", 3)), Month(), Month(("Sagitar", "Grey", 3)) };

        var lines = OemOrderRules.Propose([Row("Sagitar", "Grey", VehicleStatus.InStock)], months, 24).ToDictionary(l => l.Model);

        // Pace: Lavida 2, Sagitar 2 a month → each half of 24; Sagitar has one in stock.
        Assert.Equal((12m, 12), (lines["Lavida"].Forecast, lines["Lavida"].Proposed));
        Assert.Equal((12m, 11), (lines["Sagitar"].Forecast, lines["Sagitar"].Proposed));
    }

    [Fact]
    public void Without_a_target_no_sales_history_proposes_nothing_and_never_a_negative_quantity()
    {
        var months = new[] { Month(), Month(), Month() };
        var lines = OemOrderRules.Propose([Row("Lavida", "White", VehicleStatus.InStock), Row("Lavida", "White", VehicleStatus.InStock)], months, null);
        Assert.Equal(0, Assert.Single(lines).Proposed);
        Assert.StartsWith("no retail sale in the last three months", OemOrderRules.Basis(months, null, lines, null));
        Assert.Equal(0, Assert.Single(OemOrderRules.Propose([Row("Lavida", "White", VehicleStatus.InStock), Row("Lavida", "White", VehicleStatus.InStock)],
            months, 1)).Proposed);
    }

    [Fact]
    public void Cars_registered_as_ordered_and_earlier_orders_still_awaited_are_subtracted()
    {
        var months = new[] { Month(("Lavida", "White", 6)), Month(("Lavida", "White", 6)), Month(("Lavida", "White", 6)) };
        var stock = new[] { Row("Lavida", "White", VehicleStatus.Ordered), Row("Lavida", "White", VehicleStatus.InStock) };
        var awaited = new Dictionary<string, int> { [OemOrderLines.Spec("Lavida", "1.5L", "White")] = 2 };

        var line = Assert.Single(OemOrderRules.Propose(stock, months, null, awaited));

        // 6 a month: 1 in stock, 1 registered as ordered and 2 still awaited from last month's order → 2 more.
        Assert.Equal((1, 3, 2), (line.Available, line.OnOrder, line.Proposed));
    }

    [Fact]
    public void An_earlier_order_awaits_what_has_not_arrived_since_its_approval_and_drafts_await_nothing()
    {
        var at = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.FromHours(8));
        OemOrderView Order(OemOrderStatus status, params OemOrderLine[] lines) =>
            new("s", "2026-11", status, lines, [], null, null, status == OemOrderStatus.Draft ? null : new OemOrderSeal("S", "gm", at, "d"), [], 1);
        var lavida = OemOrderLines.Spec("Lavida", "1.5L", "White");
        var tiguan = OemOrderLines.Spec("Tiguan L", "1.5L", "Black");

        var awaited = OemOrderRules.Awaited(
            [Order(OemOrderStatus.Sent, new OemOrderLine("Lavida", "1.5L", "White", 5), new OemOrderLine("Tiguan L", "1.5L", "Black", 1)),
                Order(OemOrderStatus.Draft, new OemOrderLine("Lavida", "1.5L", "White", 9))],
            new Dictionary<string, int> { [lavida] = 2, [tiguan] = 3 });

        Assert.Equal(3, awaited[lavida]);
        Assert.Equal(0, awaited[tiguan]);
    }

    [Fact]
    public void With_a_target_and_no_sales_history_the_target_is_split_by_stock_orders_and_prospects_and_the_basis_says_so()
    {
        var months = new[] { Month(), Month(), Month() };
        var stock = new[]
        {
            Row("Lavida", "White", VehicleStatus.InStock), Row("Lavida", "White", VehicleStatus.InStock), Row("Lavida", "White", VehicleStatus.InTransit),
            Row("Sagitar", "Grey", VehicleStatus.Ordered),
        };
        var interest = new Dictionary<string, int> { ["Sagitar"] = 4 };

        var lines = OemOrderRules.Propose(stock, months, 40, null, interest).ToDictionary(l => l.Model);

        // Weights: 3 Lavidas here; 1 Sagitar ordered + 4 prospects → 3 : 5 of 40 = 15 and 25, less what is here or coming.
        Assert.Equal((15m, 12), (lines["Lavida"].Forecast, lines["Lavida"].Proposed));
        Assert.Equal((25m, 24), (lines["Sagitar"].Forecast, lines["Sagitar"].Proposed));
        Assert.StartsWith("the target of 40 units split by the store's stock, orders and active prospects",
            OemOrderRules.Basis(months, 40, [.. lines.Values], interest));

        var nothing = OemOrderRules.Propose([], months, 40);
        Assert.Empty(nothing);
        Assert.StartsWith("no basis to split the target of 40 units", OemOrderRules.Basis(months, 40, nothing, null));
        Assert.StartsWith("no retail sale in the last three months", OemOrderRules.Basis(months, null, nothing, null));
    }

    [Fact]
    public void Lines_refuse_duplicates_negative_quantities_and_the_separator()
    {
        var errors = OemOrderLines.Validate(
        [
            new OemOrderLine("Lavida", "1.5L", "White", 3), new OemOrderLine("lavida", "1.5l", "WHITE", 1),
            new OemOrderLine("Sagitar", "1.5L", "Grey", -1), new OemOrderLine("Tig|uan", "1.5L", "Grey", 1),
        ]).ToDictionary();

        Assert.Contains("lines", errors.Keys);
        Assert.Contains("lines[2].quantity", errors.Keys);
        Assert.Contains("lines[3]", errors.Keys);
    }
}
