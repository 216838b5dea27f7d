using Dealership.Contracts.KeyAccounts;
using Dealership.Grains.KeyAccounts;
using Dealership.Grains.Sales;

namespace Dealership.Rules.Tests.KeyAccounts;

/// <summary>Ageing (账龄) by days since invoice, the oldest invoices settled first, the fleet order's bad input named, the agreed price's approval.</summary>
public sealed class ReceivablesRulesTests
{
    private static readonly DateOnly Day = new(2027, 3, 31);

    [Theory]
    [InlineData(0, AgeingBucket.Days0To30)]
    [InlineData(30, AgeingBucket.Days0To30)]
    [InlineData(31, AgeingBucket.Days31To60)]
    [InlineData(60, AgeingBucket.Days31To60)]
    [InlineData(61, AgeingBucket.Days61To90)]
    [InlineData(90, AgeingBucket.Days61To90)]
    [InlineData(91, AgeingBucket.Over90)]
    public void An_invoice_ages_by_the_days_since_its_date(int days, AgeingBucket bucket)
    {
        var invoice = ReceivablesRules.Open("INV-1", null, Day.AddDays(-days), Day.AddDays(-days + 30), 100m, 100m, Day);
        Assert.Equal((days, bucket, Math.Max(0, days - 30)), (invoice.AgeDays, invoice.Bucket, invoice.DaysOverdue));
    }

    [Fact]
    public void The_ageing_sums_each_bucket_and_what_is_overdue()
    {
        OpenInvoice[] open =
        [
            ReceivablesRules.Open("INV-1", null, Day.AddDays(-95), Day.AddDays(-65), 300m, 120m, Day),
            ReceivablesRules.Open("INV-2", null, Day.AddDays(-45), Day.AddDays(-15), 200m, 200m, Day),
            ReceivablesRules.Open("INV-3", null, Day.AddDays(-10), Day.AddDays(20), 50m, 50m, Day),
        ];
        Assert.Equal(new Ageing(50m, 200m, 0m, 120m, 370m, 320m), ReceivablesRules.Ageing(open));
    }

    [Fact]
    public void A_payment_settles_the_oldest_invoices_first_and_only_those_it_covers_in_full()
    {
        OpenInvoice[] open =
        [
            ReceivablesRules.Open("INV-B", null, Day.AddDays(-10), Day, 100m, 100m, Day),
            ReceivablesRules.Open("INV-A", null, Day.AddDays(-40), Day, 100m, 60m, Day),
            ReceivablesRules.Open("INV-C", null, Day.AddDays(-10), Day, 100m, 100m, Day),
        ];
        Assert.Equal(["INV-A", "INV-B"], ReceivablesRules.Settled(open, 160m));
        Assert.Equal(["INV-A"], ReceivablesRules.Settled(open, 159.99m));
        Assert.Empty(ReceivablesRules.Settled(open, 59.99m));
    }

    [Fact]
    public void A_fleet_order_names_each_bad_field()
    {
        var order = new NewFleetOrder("ka 1; DROP", "cu0000000000000001", null, [new("Tiguan L", "330TSI", "White", 0), new("", "330TSI", "White", 1)], " ");
        var errors = order.Validate();
        Assert.Equal(["accountId", "creditApproval", "lines[0].quantity", "lines[1].model"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["lines"], new NewFleetOrder("ka1", "cu0000000000000001", null, [new("Tiguan L", "330TSI", "White", 150),
            new("Tiguan L", "330TSI", "Black", 51)], null).Validate().ToDictionary().Keys);
        Assert.Equal(["slot"], new FleetBatchRequest(FleetStep.BookHandover, 5, null).Validate().ToDictionary().Keys);
        Assert.Equal(["count", "slot"], new FleetBatchRequest(FleetStep.Deliver, 0, DateTimeOffset.UnixEpoch).Validate().ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_deal_at_the_agreed_price_needs_no_approval_and_one_below_it_does()
    {
        var policies = Contracts.Stores.StorePolicies.Default with { ApproveEveryDeal = true };
        var terms = new Contracts.Sales.DealTerms("Tiguan L", "330TSI", "White", 205_000m, 0m, 200_000m, 6_000m, null, 0m, 0m, null, null,
            Contracts.Sales.DepositKind.Refundable);
        var books = new BookPrices(205_000m, 6_000m, "2027-03", Agreed: true);
        var (tier, reasons) = DealRules.Approval(terms, DealRules.Figures(terms, 0.13m), policies, books);
        Assert.Equal(Contracts.Sales.ApprovalTier.None, tier);
        Assert.Contains("agreed price", Assert.Single(reasons));

        var below = terms with { Discount = 5_000m };
        Assert.NotEqual(Contracts.Sales.ApprovalTier.None, DealRules.Approval(below, DealRules.Figures(below, 0.13m), policies, books).Tier);
        var other = terms with { ListPrice = 210_000m };
        Assert.Equal(Contracts.Sales.ApprovalTier.GeneralManager, DealRules.Approval(other, DealRules.Figures(other, 0.13m), policies, books).Tier);
    }
}
