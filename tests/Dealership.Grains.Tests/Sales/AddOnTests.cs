using Dealership.Contracts.Sales;
using Dealership.Grains.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Sales;

/// <summary>Selling accessories and insurance after the contract (DOMAIN: the consultant's duty once the contract is signed).</summary>
[Collection(ClusterCollection.Name)]
public sealed class AddOnTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Accessories_sold_after_signing_go_on_the_invoice_and_a_free_one_past_the_limit_waits_for_approval()
    {
        var s = await SalesStore.Open(fixture);
        var draft = await s.NewDeal();
        var (dealId, vin) = await s.SignedDealWithCar();
        DealView withCam;
        using (As(s.Sc1))
        {
            Assert.Equal("illegal-transition", (await s.Deal(draft).AddAccessories(new AddOnAccessories([new Accessory("Dash cam", 600m, 1_680m, false)]), null))
                .Problem?.Code);
            withCam = Ok(await s.Deal(dealId).AddAccessories(new AddOnAccessories([new Accessory("Dash cam", 600m, 1_680m, false)]), null));
            Assert.Equal((2_480m, true), (withCam.Figures.AccessoriesSold, withCam.Approval!.Approved));

            // A free film (1,200) takes the measured discount from 2,000 to 3,200: past the consultant's 3,000.
            var withFilm = Ok(await s.Deal(dealId).AddAccessories(new AddOnAccessories([new Accessory("Window film", 1_200m, 0m, true)]), null));
            Assert.Equal((DealStatus.Signed, ApprovalTier.SalesManager, (bool?)null), (withFilm.Status, withFilm.Approval!.Tier, withFilm.Approval.Approved));
        }

        using (As(s.Cashier))
        {
            Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Payment, PaymentMethod.BankTransfer, withCam.Figures.CashDue, null), null));
            Assert.Equal("approval-pending", (await s.Deal(dealId).IssueInvoice(null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            Ok(await s.Deal(dealId).Decide(true, "film for a loyal customer", null));
        }

        using (As(s.Cashier))
        {
            var invoice = Ok(await s.Deal(dealId).IssueInvoice(null)).Invoice!;
            Assert.Equal([$"Tiguan L 330TSI White, VIN {vin}", "Floor mats", "Dash cam"], invoice.Lines!.Select(l => l.Description));
            Assert.Equal(217_800m + 800m + 1_680m, invoice.Amount);
        }

        using (As(s.Sc1))
        {
            Assert.Equal("illegal-transition", (await s.Deal(dealId).AddAccessories(new AddOnAccessories([new Accessory("Roof box", 900m, 2_000m, false)]), null))
                .Problem?.Code);
        }
    }

    [Fact]
    public async Task Insurance_is_recorded_by_the_desk_not_the_consultant_and_its_commission_replaces_the_estimate()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, _) = await s.SignedDealWithCar();
        var compulsory = new NewInsurancePolicy("PICC 中国人保", "PDZA202611000123", InsuranceKind.Compulsory, 950m, 40m);
        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await s.Deal(dealId).RecordInsurance(compulsory, null)).Problem?.Code);
        }

        using var _ = As(s.Finance);
        var before = Ok(await s.Deal(dealId).Get());
        Assert.Equal(1_500m, before.Terms.InsuranceCommission);
        var first = Ok(await s.Deal(dealId).RecordInsurance(compulsory, null));
        Assert.Equal(40m, first.Terms.InsuranceCommission);
        Assert.Equal(DealRules.Round((before.Figures.GrossProfitIncludingVat - 1_460m) / 1.13m), first.Figures.GrossProfit);
        Assert.StartsWith(s.Finance.StaffId, Assert.Single(first.InsurancePolicies!).RecordedBy);
        Assert.Equal("policy-exists", (await s.Deal(dealId).RecordInsurance(compulsory with { Premium = 990m }, null)).Problem?.Code);
        var both = Ok(await s.Deal(dealId).RecordInsurance(new NewInsurancePolicy("PICC 中国人保", "PDAA202611000456", InsuranceKind.Commercial, 5_200m, 800m), null));
        Assert.Equal((840m, 2), (both.Terms.InsuranceCommission, both.InsurancePolicies!.Count));
        Assert.Equal("invalid-input", (await s.Deal(dealId).RecordInsurance(compulsory with { PolicyNumber = "X-1", Commission = 2_000m }, null)).Problem?.Code);

        // Each policy joins the store's renewals with its dates: a year's cover from today unless the desk says otherwise.
        var dated = Ok(await s.Deal(dealId).RecordInsurance(new NewInsurancePolicy("平安财险", "PA-3", InsuranceKind.Commercial, 4_000m, 500m,
            new DateOnly(2026, 12, 1), new DateOnly(2027, 11, 30)), null));
        Assert.Equal(3, dated.InsurancePolicies!.Count);
        var rows = await fixture.Scalar<string>(
            "SELECT string_agg(policy_number || ' ' || expires_on::text || ' ' || source || ' ' || vin, ', ' ORDER BY policy_id) " +
            "FROM insurance_policies WHERE store_id = $1 AND deal_id = $2", s.Store, dealId);
        var today = first.InsurancePolicies![0].Policy.StartsOn!.Value;
        Assert.Equal($"PDZA202611000123 {today.AddYears(1).AddDays(-1):yyyy-MM-dd} Sale {first.Vin}, PDAA202611000456 " +
            $"{today.AddYears(1).AddDays(-1):yyyy-MM-dd} Sale {first.Vin}, PA-3 2027-11-30 Sale {first.Vin}", rows);
    }
}
