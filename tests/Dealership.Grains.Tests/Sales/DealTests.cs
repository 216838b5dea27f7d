using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Sales;

[Collection(ClusterCollection.Name)]
public sealed class DealTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_deal_within_the_consultants_limits_is_approved_on_submit()
    {
        var s = await SalesStore.Open(fixture);
        var dealId = await s.NewDeal(SalesStore.Terms(discount: 3_000m));
        using var _ = As(s.Sc1);
        var submitted = Ok(await s.Deal(dealId).Submit(null));
        Assert.Equal(DealStatus.Approved, submitted.Status);
        Assert.Equal(ApprovalTier.None, submitted.Approval!.Tier);
        Assert.Equal(DealStatus.Signed, Ok(await s.Deal(dealId).Sign(null)).Status);
    }

    [Fact]
    public async Task A_discount_above_the_consultants_limit_goes_to_the_sales_manager_and_nothing_is_signed_before()
    {
        var s = await SalesStore.Open(fixture);
        var dealId = await s.NewDeal(SalesStore.Terms(discount: 8_000m));
        using (As(s.Sc1))
        {
            var pending = Ok(await s.Deal(dealId).Submit(null));
            Assert.Equal((DealStatus.PendingApproval, ApprovalTier.SalesManager), (pending.Status, pending.Approval!.Tier));
            Assert.Equal("not-approved", (await s.Deal(dealId).Sign(null)).Problem?.Code);
            Assert.Equal("forbidden", (await s.Deal(dealId).Decide(true, null, null)).Problem?.Code);
        }

        using (As(s.Cashier))
        {
            Assert.Equal("forbidden", (await s.Deal(dealId).Decide(true, null, null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            Assert.Equal("invalid-input", (await s.Deal(dealId).Decide(false, "  ", null)).Problem?.Code);
            var rejected = Ok(await s.Deal(dealId).Decide(false, "Discount too deep for a white Tiguan", null));
            Assert.Equal(DealStatus.Draft, rejected.Status);
            Assert.Equal("Discount too deep for a white Tiguan", rejected.Approval!.Note);
        }

        using (As(s.Sc1))
        {
            Ok(await s.Deal(dealId).Revise(SalesStore.Terms(discount: 6_000m), null));
            Assert.Equal(DealStatus.PendingApproval, Ok(await s.Deal(dealId).Submit(null)).Status);
        }

        using (As(s.Manager))
        {
            var approved = Ok(await s.Deal(dealId).Decide(true, "ok, end of month", null));
            Assert.Equal(DealStatus.Approved, approved.Status);
            Assert.StartsWith(s.Manager.StaffId, approved.Approval!.DecidedBy);
        }

        using (As(s.Sc1))
        {
            Assert.Equal(DealStatus.Signed, Ok(await s.Deal(dealId).Sign(null)).Status);
        }
    }

    [Fact]
    public async Task Beyond_the_managers_limit_only_the_general_manager_approves()
    {
        var s = await SalesStore.Open(fixture);
        var dealId = await s.NewDeal(SalesStore.Terms(discount: 16_000m));
        using (As(s.Sc1))
        {
            Assert.Equal(ApprovalTier.GeneralManager, Ok(await s.Deal(dealId).Submit(null)).Approval!.Tier);
        }

        using (As(s.Manager))
        {
            Assert.Equal("forbidden", (await s.Deal(dealId).Decide(true, null, null)).Problem?.Code);
        }

        using var _ = As(s.Gm);
        Assert.Equal(DealStatus.Approved, Ok(await s.Deal(dealId).Decide(true, null, null)).Status);
    }

    [Fact]
    public async Task Gross_profit_below_the_floor_needs_the_manager_even_with_a_small_discount()
    {
        var s = await SalesStore.Open(fixture);
        // A Bora the OEM invoices at 218,000, listed at 219,800, no rebate this month: sold at 217,800 with mats (+500) and a free
        // film (−1,200) it makes a loss of 900.
        await s.Price("Bora", "1.5L", "Red", 219_800m, 218_000m);
        var terms = SalesStore.Terms(discount: 2_000m) with
        {
            Model = "Bora",
            Trim = "1.5L",
            Colour = "Red",
            InsuranceCommission = 0m,
            Accessories = [new Accessory("Floor mats", 300m, 800m, false), new Accessory("Window film", 1_200m, 0m, true)],
        };
        var dealId = await s.NewDeal(terms);
        using var _ = As(s.Sc1);
        var pending = Ok(await s.Deal(dealId).Submit(null));
        Assert.True(pending.Figures.GrossProfit < 0);
        Assert.Equal((DealStatus.PendingApproval, ApprovalTier.SalesManager), (pending.Status, pending.Approval!.Tier));
        Assert.Contains(pending.Approval.Reasons, r => r.StartsWith("gross profit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_price_cost_and_rebate_come_from_the_books_and_a_deviation_goes_to_the_general_manager()
    {
        var s = await SalesStore.Open(fixture);
        var dealId = await s.NewDeal();
        using (As(s.Sc1))
        {
            var terms = Ok(await s.Deal(dealId).Get()).Terms;
            Assert.Equal((219_800m, 200_000m, 6_000m), (terms.ListPrice, terms.VehicleCost, terms.ExpectedRebate));

            // A cost typed by the consultant is refused and changes nothing.
            var typedCost = await s.Deal(dealId).Revise(SalesStore.Terms() with { VehicleCost = 150_000m }, null);
            Assert.Equal("invalid-input", typedCost.Problem?.Code);
            Assert.Contains("terms.vehicleCost", typedCost.Problem!.Errors!.Keys);

            // A lower list price makes the 2,000 discount look small: the general manager decides, whatever the discount.
            Ok(await s.Deal(dealId).Revise(SalesStore.Terms() with { ListPrice = 209_800m }, null));
            var pending = Ok(await s.Deal(dealId).Submit(null));
            Assert.Equal(ApprovalTier.GeneralManager, pending.Approval!.Tier);
            Assert.Contains("list price 209800.00 differs from the price book's 219800.00", pending.Approval.Reasons);
        }

        var rebateDeal = await s.NewDeal(SalesStore.Terms() with { ExpectedRebate = 20_000m });
        using (As(s.Sc1))
        {
            var pending = Ok(await s.Deal(rebateDeal).Submit(null));
            Assert.Equal(ApprovalTier.GeneralManager, pending.Approval!.Tier);
            Assert.Contains(pending.Approval.Reasons, r => r.StartsWith("expected rebate 20000.00 differs", StringComparison.Ordinal));
        }

        // A specification the sales manager has not priced is not sold.
        var customer = await s.WalkIn(s.Sc1, SalesStore.NewMobile());
        using (As(s.Sc1))
        {
            Assert.Equal("not-priced", (await s.Deal("dl" + Guid.NewGuid().ToString("N")[..16])
                .Open(new NewDeal(customer, null, SalesStore.Terms() with { Colour = "Purple" }))).Problem?.Code);
        }
    }

    [Fact]
    public async Task Free_accessories_and_trade_in_over_allowance_count_toward_the_discount_limits()
    {
        var s = await SalesStore.Open(fixture);
        // 1,000 off the price is within the consultant's 3,000; with a free film (1,200) and 1,000 over the trade-in's valuation it is not.
        var dealId = await s.NewDeal(SalesStore.Terms(discount: 1_000m) with
        {
            Accessories = [new Accessory("Window film", 1_200m, 0m, true)],
            TradeIn = new TradeIn("2017 Bora 1.5L", 42_000m, 43_000m),
        });
        using var _ = As(s.Sc1);
        var pending = Ok(await s.Deal(dealId).Submit(null));
        Assert.Equal((DealStatus.PendingApproval, ApprovalTier.SalesManager), (pending.Status, pending.Approval!.Tier));
        Assert.Contains(pending.Approval.Reasons, r => r.StartsWith("discount 3200.00 (price 1000.00, free accessories 1200.00, trade-in over-allowance 1000.00)",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_car_that_costs_more_than_its_specification_sends_the_deal_back_for_approval_and_holds_the_invoice()
    {
        var s = await SalesStore.Open(fixture);
        var approvedDeal = await s.NewDeal();
        var signedDeal = await s.NewDeal();
        var dearCar = await s.CarInStock(cost: 228_000m);
        var otherDearCar = await s.CarInStock(cost: 228_000m);
        using (As(s.Sc1))
        {
            Assert.Equal(ApprovalTier.None, Ok(await s.Deal(approvedDeal).Submit(null)).Approval!.Tier);
            var back = Ok(await s.Deal(approvedDeal).AllocateVin(dearCar, null));
            Assert.Equal(228_000m, back.Terms.VehicleCost);
            Assert.True(back.Figures.GrossProfit < 0);
            Assert.Equal((DealStatus.PendingApproval, ApprovalTier.SalesManager, null), (back.Status, back.Approval!.Tier, back.Approval.Approved));
            Assert.Equal("not-approved", (await s.Deal(approvedDeal).Sign(null)).Problem?.Code);

            Ok(await s.Deal(signedDeal).Submit(null));
            Ok(await s.Deal(signedDeal).Sign(null));
            var signed = Ok(await s.Deal(signedDeal).AllocateVin(otherDearCar, null));
            Assert.Equal((DealStatus.Signed, (bool?)null), (signed.Status, signed.Approval!.Approved));
        }

        using (As(s.Cashier))
        {
            Assert.Equal("approval-pending", (await s.Deal(signedDeal).IssueInvoice(null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            Assert.Equal(DealStatus.Signed, Ok(await s.Deal(signedDeal).Decide(true, "the last one in this colour", null)).Status);
        }

        using (As(s.Cashier))
        {
            // Approved with this car: now only the money stands between the deal and its invoice.
            Assert.Equal("not-paid", (await s.Deal(signedDeal).IssueInvoice(null)).Problem?.Code);
        }
    }

    [Fact]
    public async Task Twenty_deals_racing_for_one_VIN_leave_exactly_one_winner()
    {
        var s = await SalesStore.Open(fixture);
        var vin = await s.CarInStock();
        var deals = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            deals.Add(await s.NewDeal());
        }

        var results = await Task.WhenAll(deals.Select(d => Task.Run(async () =>
        {
            using var _ = As(s.Sc1);
            return (Deal: d, Outcome: await s.Deal(d).AllocateVin(vin, null));
        })));

        var winner = Assert.Single(results, r => r.Outcome.IsOk);
        Assert.All(results.Where(r => !r.Outcome.IsOk), r => Assert.Equal("vin-already-reserved", r.Outcome.Problem?.Code));
        using var __ = As(s.Sc1);
        var car = Ok(await s.Car(vin).Get(s.Store));
        Assert.Equal((VehicleStatus.Reserved, winner.Deal), (car.Status, car.Reservation!.DealId));
        foreach (var loser in results.Where(r => !r.Outcome.IsOk))
        {
            Assert.Null(Ok(await s.Deal(loser.Deal).Get()).Vin);
        }
    }

    [Fact]
    public async Task A_binding_deposit_is_capped_at_a_fifth_of_the_price_and_only_the_cashier_takes_money()
    {
        var s = await SalesStore.Open(fixture);
        var dealId = await s.NewDeal(SalesStore.Terms(discount: 2_000m));
        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.Cash, 5_000m, null), null)).Problem?.Code);
        }

        using var _ = As(s.Cashier);
        // 20% of 217,800 = 43,560.
        var over = await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.BankCard, 43_560.01m, null), null);
        Assert.Equal("invalid-input", over.Problem?.Code);
        Assert.Contains("amount", over.Problem!.Errors!.Keys);
        var first = Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.BankCard, 40_000m, "POS 1"), "k1"));
        var retried = Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.BankCard, 40_000m, "POS 1"), "k1"));
        Assert.Equal((first.Revision, 1, 40_000m), (retried.Revision, retried.Payments.Count, retried.DepositHeld));
        Assert.Equal("invalid-input", (await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.Cash, 3_560.01m, null), null)).Problem?.Code);
        var capped = Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.Cash, 3_560m, null), null));
        Assert.Equal(43_560m, capped.DepositHeld);
        Assert.StartsWith(s.Cashier.StaffId, capped.Payments[0].By);
    }

    [Fact]
    public async Task Cancelling_releases_the_car_and_refunds_or_forfeits_the_deposit_by_its_kind()
    {
        var s = await SalesStore.Open(fixture);
        var (binding, bindingVin) = await s.SignedDealWithCar(SalesStore.Terms(deposit: DepositKind.Binding));
        var (refundable, refundableVin) = await s.SignedDealWithCar(SalesStore.Terms(deposit: DepositKind.Refundable));
        using (As(s.Cashier))
        {
            Ok(await s.Deal(binding).RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.Cash, 20_000m, null), null));
            Ok(await s.Deal(refundable).RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.Cash, 5_000m, null), null));
        }

        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await s.Deal(binding).Cancel("customer walked away", DepositDecision.Forfeit, null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            Assert.Equal("invalid-input", (await s.Deal(refundable).Cancel("changed mind", DepositDecision.Forfeit, null)).Problem?.Code);
            Assert.Equal(VehicleStatus.Reserved, Ok(await s.Car(refundableVin).Get(s.Store)).Status);

            var forfeited = Ok(await s.Deal(binding).Cancel("customer walked away", DepositDecision.Forfeit, null));
            Assert.Equal((DealStatus.Cancelled, 20_000m, 0m), (forfeited.Status, forfeited.Cancellation!.DepositHeld, forfeited.Cancellation.RefundDue));
            var refunded = Ok(await s.Deal(refundable).Cancel("changed mind", DepositDecision.Refund, null));
            Assert.Equal(5_000m, refunded.Cancellation!.RefundDue);
            Assert.Equal(VehicleStatus.InStock, Ok(await s.Car(bindingVin).Get(s.Store)).Status);
            Assert.Equal(VehicleStatus.InStock, Ok(await s.Car(refundableVin).Get(s.Store)).Status);
            Assert.Equal(2, (await s.Numbers.Get(s.Today, null)).Today.OrdersCancelled);
        }

        using var _ = As(s.Cashier);
        Assert.Equal("invalid-input", (await s.Deal(refundable).RecordPayment(new PaymentDraft(PaymentKind.Refund, PaymentMethod.Cash, 5_000.01m, null), null)).Problem?.Code);
        Assert.Equal(0m, Ok(await s.Deal(refundable).RecordPayment(new PaymentDraft(PaymentKind.Refund, PaymentMethod.Cash, 5_000m, null), null)).Paid);
    }

    [Fact]
    public async Task The_loan_case_refuses_illegal_jumps_and_submission_without_every_document()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, _) = await s.SignedDealWithCar();
        using var __ = As(s.Finance);
        var due = Ok(await s.Deal(dealId).Get()).Figures.CashDue;
        Assert.Equal("invalid-input", (await s.Deal(dealId).OpenLoan(new LoanRequest("ICBC Auto Finance", 150_000m, 36, 1_000m), null)).Problem?.Code);
        var opened = Ok(await s.Deal(dealId).OpenLoan(new LoanRequest("ICBC Auto Finance", 150_000m, 36, due - 150_000m), null));
        Assert.Equal(5, opened.Loan!.Documents.Count);

        Assert.Equal("illegal-transition", (await s.Deal(dealId).MoveLoan(LoanStep.Approve, null, null)).Problem?.Code);
        Assert.Equal("illegal-transition", (await s.Deal(dealId).MoveLoan(LoanStep.Disburse, null, null)).Problem?.Code);
        Assert.Equal("documents-missing", (await s.Deal(dealId).MoveLoan(LoanStep.Submit, null, null)).Problem?.Code);
        foreach (var document in opened.Loan.Documents)
        {
            Ok(await s.Deal(dealId).CollectLoanDocument(document.Name, null));
        }

        Assert.Equal("invalid-input", (await s.Deal(dealId).CollectLoanDocument("Passport", null)).Problem?.Code);
        Assert.Equal(LoanStatus.Submitted, Ok(await s.Deal(dealId).MoveLoan(LoanStep.Submit, null, null)).Loan!.Status);
        Assert.Equal("invalid-input", (await s.Deal(dealId).MoveLoan(LoanStep.Reject, null, null)).Problem?.Code);
        Assert.Equal(LoanStatus.Approved, Ok(await s.Deal(dealId).MoveLoan(LoanStep.Approve, null, null)).Loan!.Status);
        Assert.Equal("illegal-transition", (await s.Deal(dealId).MoveLoan(LoanStep.RegisterCollateral, "京A12345", null)).Problem?.Code);
        var disbursed = Ok(await s.Deal(dealId).MoveLoan(LoanStep.Disburse, null, null));
        Assert.Equal(150_000m, disbursed.Paid);
        Assert.Equal(LoanStatus.CollateralRegistered, Ok(await s.Deal(dealId).MoveLoan(LoanStep.RegisterCollateral, "京A12345", null)).Loan!.Status);
        Assert.Single(Ok(await s.Grains.GetGrain<IDealListGrain>(GrainKeys.Store(s.Store)).Loans(LoanStatus.CollateralRegistered, PageRequest.First)).Items);
    }
}
