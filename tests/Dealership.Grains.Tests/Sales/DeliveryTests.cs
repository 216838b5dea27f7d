using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Sales;

[Collection(ClusterCollection.Name)]
public sealed class DeliveryTests(ClusterFixture fixture)
{
    private static IReadOnlyList<PdiItem> AllPassed() => Delivery.PdiChecklist.Select(c => new PdiItem(c, true, null)).ToArray();

    private static async Task<string> Refusal(SalesStore s, string dealId)
    {
        using var _ = As(s.Sc1);
        var refused = await s.Deal(dealId).StartHandover(null);
        Assert.Equal("handover-refused", refused.Problem?.Code);
        return refused.Problem!.Detail;
    }

    [Fact]
    public async Task Handover_is_refused_with_its_reasons_until_PDI_payment_and_invoice_are_in_order()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, _) = await s.SignedDealWithCar();
        using (As(s.Sc1))
        {
            Ok(await s.Deal(dealId).ScheduleHandover(Clock.GetUtcNow().AddHours(3), null));
        }

        var detail = await Refusal(s, dealId);
        Assert.Contains("the PDI is not signed", detail);
        Assert.Contains("not paid in full", detail);
        Assert.Contains("the sales invoice is not issued", detail);

        // Signed only three hours before the slot: the store wants six.
        using (As(s.Tech))
        {
            Ok(await s.Deal(dealId).SignPdi(AllPassed(), 12, null));
        }

        Assert.Contains("at least 6 h", await Refusal(s, dealId));

        using (As(s.Cashier))
        {
            var due = Ok(await s.Deal(dealId).Get()).Figures.CashDue;
            Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Payment, PaymentMethod.BankTransfer, due - 1m, null), null));
            Assert.Equal("not-paid", (await s.Deal(dealId).IssueInvoice(null)).Problem?.Code);
            Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Payment, PaymentMethod.Cash, 1m, null), null));
        }

        detail = await Refusal(s, dealId);
        Assert.DoesNotContain("not paid", detail);
        Assert.Contains("the sales invoice is not issued", detail);
        Assert.Contains("at least 6 h", detail);

        using (As(s.Sc1))
        {
            Ok(await s.Deal(dealId).ScheduleHandover(Clock.GetUtcNow().AddHours(7), null));
            Assert.Equal(DealStatus.Signed, Ok(await s.Deal(dealId).Get()).Status);
        }

        detail = await Refusal(s, dealId);
        Assert.DoesNotContain("PDI", detail);
        Assert.Contains("invoice", detail);
    }

    [Fact]
    public async Task With_nothing_done_the_handover_refusal_lists_every_unmet_condition_at_once()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, _) = await s.SignedDealWithCar();

        var detail = await Refusal(s, dealId);

        Assert.Contains("no handover slot is booked", detail);
        Assert.Contains("the PDI is not signed", detail);
        Assert.Contains("not paid in full", detail);
        Assert.Contains("the sales invoice is not issued", detail);
        Assert.Contains("configuration, warranty and maintenance are not confirmed", detail);
    }

    [Fact]
    public async Task The_PDI_names_its_car_and_a_change_of_car_voids_it()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, firstVin) = await s.SignedDealWithCar();
        using (As(s.Tech))
        {
            var pdi = Ok(await s.Deal(dealId).SignPdi(AllPassed(), 12, null)).Delivery.Pdi!;
            Assert.Equal((firstVin, 12), (pdi.Vin, pdi.Mileage));
        }

        var otherVin = await s.CarInStock();
        using (As(s.Sc1))
        {
            Ok(await s.Deal(dealId).ConfirmDeliveryChecks(true, true, true, null));
            var swapped = Ok(await s.Deal(dealId).AllocateVin(otherVin, null));
            Assert.Equal(otherVin, swapped.Vin);
            Assert.Null(swapped.Delivery.Pdi);
            Assert.Null(swapped.Delivery.Checks);
            Assert.Contains($"PDI of {firstVin} voided", swapped.History[^1].What);
            Ok(await s.Deal(dealId).ScheduleHandover(Clock.GetUtcNow().AddHours(7), null));
        }

        var detail = await Refusal(s, dealId);
        Assert.Contains("the PDI is not signed", detail);
        Assert.Contains("configuration, warranty and maintenance are not confirmed", detail);
    }

    [Fact]
    public async Task A_failed_PDI_item_is_not_signed_and_only_a_technician_signs()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, _) = await s.SignedDealWithCar();
        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await s.Deal(dealId).SignPdi(AllPassed(), 12, null)).Problem?.Code);
        }

        using var _ = As(s.Tech);
        var items = AllPassed().Select((i, n) => n == 3 ? i with { Passed = false, Note = "coolant low" } : i).ToArray();
        Assert.Equal("pdi-failed", (await s.Deal(dealId).SignPdi(items, 12, null)).Problem?.Code);
        Assert.Equal("invalid-input", (await s.Deal(dealId).SignPdi(AllPassed().Skip(1).ToArray(), 12, null)).Problem?.Code);
        Assert.Null(Ok(await s.Deal(dealId).Get()).Delivery.Pdi);
    }

    [Fact]
    public async Task A_loan_deal_is_invoiced_once_the_loan_is_approved_and_the_down_payment_paid()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, _) = await s.SignedDealWithCar();
        decimal down;
        using (As(s.Finance))
        {
            var due = Ok(await s.Deal(dealId).Get()).Figures.CashDue;
            down = due - 120_000m;
            var loan = Ok(await s.Deal(dealId).OpenLoan(new LoanRequest("SAIC-GMAC", 120_000m, 24, down), null)).Loan!;
            foreach (var document in loan.Documents)
            {
                Ok(await s.Deal(dealId).CollectLoanDocument(document.Name, null));
            }

            Ok(await s.Deal(dealId).MoveLoan(LoanStep.Submit, null, null));
        }

        using (As(s.Cashier))
        {
            Assert.Equal("invalid-input",
                (await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Payment, PaymentMethod.Cash, down + 1m, null), null)).Problem?.Code);
            Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Payment, PaymentMethod.Cash, down, null), null));
            var refused = await s.Deal(dealId).IssueInvoice(null);
            Assert.Equal("not-paid", refused.Problem?.Code);
            Assert.Contains("Submitted, not approved", refused.Problem!.Detail);
        }

        using (As(s.Finance))
        {
            Ok(await s.Deal(dealId).MoveLoan(LoanStep.Approve, null, null));
        }

        using var _ = As(s.Cashier);
        var invoiced = Ok(await s.Deal(dealId).IssueInvoice(null));
        Assert.Equal(DealStatus.Invoiced, invoiced.Status);
        Assert.Equal(1m, (await s.Numbers.Get(s.Today, null)).Today.FinancePenetration);
    }

    [Fact]
    public async Task Handover_takes_the_car_out_of_stock_counts_it_and_books_follow_up_calls_for_customer_service()
    {
        // The order, the invoice and the delivery (8 hours later) are counted month to date: all in one month.
        WithinOneMonth(TimeSpan.FromHours(10));
        var s = await SalesStore.Open(fixture);
        var (dealId, vin) = await s.SignedDealWithCar();
        using (As(s.Sc1))
        {
            Ok(await s.Deal(dealId).ScheduleHandover(Clock.GetUtcNow().AddHours(8), null));
        }

        using (As(s.Tech))
        {
            Ok(await s.Deal(dealId).SignPdi(AllPassed(), 12, null));
        }

        DealView invoiced;
        using (As(s.Cashier))
        {
            var due = Ok(await s.Deal(dealId).Get()).Figures.CashDue;
            Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Payment, PaymentMethod.BankTransfer, due, "TT-889"), null));
            invoiced = Ok(await s.Deal(dealId).IssueInvoice("inv-1"));
            Assert.Equal(invoiced.Revision, Ok(await s.Deal(dealId).IssueInvoice("inv-1")).Revision);
            Assert.Equal(VehicleStatus.Sold, Ok(await s.Car(vin).Get(s.Store)).Status);
        }

        Clock.Advance(TimeSpan.FromHours(8));
        DealView delivered;
        using (As(s.Sc1))
        {
            Ok(await s.Deal(dealId).ConfirmDeliveryChecks(true, true, true, null));
            Ok(await s.Deal(dealId).StartHandover(null));
            Assert.Equal(ConsultantStatus.Delivering, Ok(await s.Consultant(s.Sc1.StaffId).Get()).Status);
            delivered = Ok(await s.Deal(dealId).CompleteHandover("handover-1"));
            Assert.Equal(delivered.Revision, Ok(await s.Deal(dealId).CompleteHandover("handover-1")).Revision);
            Assert.Equal(DealStatus.Delivered, delivered.Status);
            Assert.Equal(ConsultantStatus.Available, Ok(await s.Consultant(s.Sc1.StaffId).Get()).Status);
            var ledger = Ok(await s.Car(vin).GetHistory(s.Store, PageRequest.All)).Items.Where(e => e.Ledger is not null).Select(e => e.Ledger).ToArray();
            Assert.Equal([LedgerEntryType.Receipt, LedgerEntryType.SaleOut], ledger);
            Assert.Equal(VehicleStatus.Delivered, Ok(await s.Car(vin).Get(s.Store)).Status);
        }

        using var _ = As(s.Manager);
        var numbers = await s.Numbers.Get(s.Today, null);
        var mine = Assert.Single(numbers.Consultants, c => c.ConsultantId == s.Sc1.StaffId).MonthToDate;
        Assert.Equal((1, 1, 1), (mine.Orders, mine.RetailSales, mine.Deliveries));
        Assert.Equal(invoiced.Figures.GrossProfit, mine.GrossProfitPerUnit);
        Assert.Equal(1m, mine.AccessoryPenetration);
        Assert.Equal(1m, mine.InsurancePenetration);
        Assert.Equal(0m, mine.FinancePenetration);

        var tasks = Ok(await s.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(s.Store)).List(null, StaffRole.CustomerServiceCaller, null, PageRequest.All)).Items;
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Null(t.AssigneeId));
        Assert.Equal([delivered.Delivery.HandedOverAt!.Value.AddDays(1), delivered.Delivery.HandedOverAt.Value.AddDays(7)], tasks.Select(t => t.Due));
        Assert.All(tasks, t => Assert.Equal(dealId, t.Refs["dealId"]));
    }

    [Fact]
    public async Task A_booked_handover_gives_the_technicians_the_PDI_as_a_task_that_the_signed_PDI_closes()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, vin) = await s.SignedDealWithCar();
        var tasks = s.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(s.Store));
        async Task<IReadOnlyList<StoreTask>> PdiTasks(StoreTaskStatus status)
        {
            using var _ = As(s.Tech);
            return [.. Ok(await tasks.List(null, StaffRole.Technician, status, PageRequest.All)).Items.Where(t => t.Kind == "pdi")];
        }

        Assert.Empty(await PdiTasks(StoreTaskStatus.Open));
        var first = Clock.GetUtcNow().AddHours(10);
        var later = Clock.GetUtcNow().AddHours(30);
        using (As(s.Sc1))
        {
            Ok(await s.Deal(dealId).ScheduleHandover(first, null));
            Ok(await s.Deal(dealId).ScheduleHandover(later, null));
        }

        // The slot moved: the first task is closed, the one open is due six hours before the new slot.
        var open = Assert.Single(await PdiTasks(StoreTaskStatus.Open));
        Assert.Equal((dealId, vin, later.AddHours(-6)), (open.Refs["dealId"], open.Refs["vin"], open.Due));
        Assert.Equal("handover car or slot changed", Assert.Single(await PdiTasks(StoreTaskStatus.Done)).Result);

        using (As(s.Tech))
        {
            var sheet = Ok(await s.Deal(dealId).GetPdiSheet());
            Assert.Equal((vin, later, later.AddHours(-6), (PdiRecord?)null), (sheet.Vin, sheet.HandoverSlot, sheet.SignBy, sheet.Pdi));
            Assert.Equal(Delivery.PdiChecklist, sheet.Checklist);
            Assert.Equal("sign-pdi", (await tasks.Complete(open.TaskId, "done")).Problem?.Code);
        }

        using (As(s.Cashier))
        {
            Assert.Equal(ProblemKind.Forbidden, (await s.Deal(dealId).GetPdiSheet()).Problem?.Kind);
        }

        using (As(s.Sc2))
        {
            Assert.Equal(ProblemKind.NotFound, (await s.Deal(dealId).GetPdiSheet()).Problem?.Kind);
        }

        using (As(s.Tech))
        {
            Ok(await s.Deal(dealId).SignPdi(AllPassed(), 12, null));
            Assert.Equal(12, Ok(await s.Deal(dealId).GetPdiSheet()).Pdi?.Mileage);
        }

        Assert.Empty(await PdiTasks(StoreTaskStatus.Open));
        var done = Assert.Single(await PdiTasks(StoreTaskStatus.Done), t => t.TaskId == open.TaskId);
        Assert.Equal("PDI signed at 12 km", done.Result);
        Assert.StartsWith(s.Tech.StaffId, done.DoneBy);
    }
}
