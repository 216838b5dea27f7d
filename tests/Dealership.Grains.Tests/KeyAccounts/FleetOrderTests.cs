using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.KeyAccounts;

/// <summary>
/// A fleet of 20 cars for a key account on the cluster and PostgreSQL: refused over the credit limit until the general manager
/// approves, one deal per car at the agreed price without a deviation approval, allocated, invoiced on account and delivered in two
/// batches; paid late, with the ageing read on an injected clock and a collection task per overdue invoice, closed by the payment.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FleetOrderTests(ClusterFixture fixture)
{
    private const decimal Agreed = 205_000m;

    private static IReadOnlyList<PdiItem> AllPassed() => Delivery.PdiChecklist.Select(c => new PdiItem(c, true, null)).ToArray();

    private static KeyAccountTerms Terms(decimal limit) => new("天津港物流有限公司", "91350100M000100Y43", true, "天津市滨海新区港航路 1 号",
        [new("王建国", "车队主管", "13900000001")], [new("Tiguan L", "330TSI", Agreed)], 30, limit);

    [Fact]
    public async Task A_fleet_of_twenty_is_delivered_in_two_batches_and_paid_late()
    {
        var s = await SalesStore.Open(fixture);
        var receivables = fixture.Grains.GetGrain<IReceivablesGrain>(GrainKeys.Store(s.Store));
        string accountId;
        using (As(s.Manager))
        {
            accountId = Ok(await fixture.Grains.GetGrain<IKeyAccountsGrain>(GrainKeys.Store(s.Store)).Open(Terms(3_000_000m), null)).AccountId;
        }

        var buyer = await s.WalkIn(s.Sc1, "13900000001");
        var order = new NewFleetOrder(accountId, buyer, s.Sc1.StaffId, [new("Tiguan L", "330TSI", "White", 20)], null);
        var fleet = fixture.Grains.GetGrain<IFleetOrderGrain>(GrainKeys.InStore(s.Store, "fo" + Guid.NewGuid().ToString("N")[..16]));
        using (As(s.Manager))
        {
            // 20 × 205,000 = 4,100,000 against a limit of 3,000,000: refused, and the sales manager may not wave it through.
            var refused = (await fleet.Place(order)).Problem!;
            Assert.Equal(("credit-limit-exceeded", ProblemKind.Refused), (refused.Code, refused.Kind));
            Assert.Contains("4100000.00", refused.Detail);
            Assert.Equal(ProblemKind.Forbidden, (await fleet.Place(order with { CreditApproval = "长期合作客户" })).Problem?.Kind);
            Assert.Equal("no-agreed-price", (await fleet.Place(order with { Lines = [new("Lavida", "1.5L", "White", 2)] })).Problem?.Code);
        }

        using (As(s.Sc1))
        {
            // Only a fleet order opens a deal on an account (after its credit check): staff cannot, so no car leaves unpaid that way.
            await Assert.ThrowsAsync<CallerRefusedException>(() => s.Deal("dl00000000000000aa").OpenForAccount(new NewDeal(buyer, s.Sc1.StaffId,
                new DealTerms("Tiguan L", "330TSI", "White", 0m, 0m, 0m, 0m, null, 0m, 0m, null, null, DepositKind.Refundable)), accountId));
        }

        FleetOrder placed;
        using (As(s.Gm))
        {
            placed = Ok(await fleet.Place(order with { CreditApproval = "长期合作客户，总经理批准超额" }));
        }

        Assert.Equal((20, 4_100_000m), (placed.Cars.Count, placed.Value));
        Assert.All(placed.Cars, c => Assert.Equal((DealStatus.Signed, Agreed), (c.Status, c.Price)));
        var first = await DealOf(s, placed.Cars[0].DealId);
        Assert.Equal((accountId, true, "policy"), (first.AccountId, first.Approval!.Approved, first.Approval.DecidedBy));
        Assert.Contains("agreed price", first.Approval.Reasons[0]);
        Assert.StartsWith("天津港物流有限公司", first.CustomerName);

        for (var i = 0; i < 20; i++)
        {
            await s.CarInStock();
        }

        await Batch(s, fleet, placed, 0);
        var day1 = s.Today;
        Clock.Advance(TimeSpan.FromDays(3));
        await Batch(s, fleet, placed, 10);

        FleetOrder done;
        using (As(s.Sc1))
        {
            done = Ok(await fleet.Get());
        }

        Assert.Equal(new FleetProgress(20, 20, 20, 20, 0), done.Progress);
        Assert.Equal(8, done.Batches.Count);
        Assert.Equal(20L, await fixture.Scalar<long>("SELECT count(*) FROM sales_facts WHERE store_id = $1 AND kind = 'RetailSale'", s.Store));
        Assert.Equal(20L, await fixture.Scalar<long>("SELECT count(*) FROM sales_facts WHERE store_id = $1 AND kind = 'Delivery'", s.Store));

        // Each car invoiced in a batch is a unit of the consultant's month for commission (the batches may straddle a month end).
        var units = 0;
        foreach (var month in new[] { day1, day1.AddDays(3) }.Select(d => $"{d:yyyy-MM}").Distinct())
        {
            using var _ = As(s.Manager);
            var statements = Ok(await fixture.Grains.GetGrain<Contracts.Pay.ICommissionStatementsGrain>(GrainKeys.CommissionMonth(s.Store, month)).Get());
            units += statements.Consultants.Where(c => c.ConsultantId == s.Sc1.StaffId).Sum(c => c.Worked.Units);
        }

        Assert.Equal(20, units);

        // 45 days after the first batch's invoices: they are 45 days old (31-60) and 15 days overdue; the second batch 42 days.
        Clock.Advance(TimeSpan.FromDays(42));
        AccountReceivables aged;
        using (As(s.Manager))
        {
            aged = Ok(await receivables.Get(accountId));
        }

        Assert.Equal((4_100_000m, 0m, 4_100_000m, 4_100_000m), (aged.Balance, aged.OnOrder, aged.Ageing.Days31To60, aged.Ageing.Overdue));
        Assert.Equal(20, aged.OpenInvoices.Count);
        Assert.Equal((45, 15, day1, day1.AddDays(30)), (aged.OpenInvoices[0].AgeDays, aged.OpenInvoices[0].DaysOverdue, aged.OpenInvoices[0].InvoicedOn,
            aged.OpenInvoices[0].DueOn));
        Assert.Equal(20, aged.CollectionTasks.Count(t => !t.Done));
        Assert.Equal(-1_100_000m, aged.CreditAvailable); // 3,000,000 − 4,100,000

        using (As(s.Manager))
        {
            var tasks = Ok(await fixture.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(s.Store))
                .List(null, Contracts.Staff.StaffRole.SalesManager, StoreTaskStatus.Open, new PageRequest(50, null)));
            Assert.Equal(20, tasks.Items.Count(t => t.Kind == "collection"));
            // Read twice: still one task per invoice.
            Assert.Equal(20, Ok(await receivables.Get(accountId)).CollectionTasks.Count);
        }

        using (As(s.Cashier))
        {
            Assert.Equal("amount", (await receivables.RecordPayment(accountId, new AccountPayment(4_100_000.01m, PaymentMethod.BankTransfer, null), null))
                .Problem?.Errors?.Keys.Single());
            var paid = Ok(await receivables.RecordPayment(accountId, new AccountPayment(2_050_000m, PaymentMethod.BankTransfer, "HSBC-7781"), "pay-1"));
            Assert.Equal((-2_050_000m, LedgerEntryKind.Payment), (paid.Amount, paid.Kind));
            Assert.Equal(paid, Ok(await receivables.RecordPayment(accountId, new AccountPayment(2_050_000m, PaymentMethod.BankTransfer, "HSBC-7781"), "pay-1")));
        }

        using (As(s.Manager))
        {
            var after = Ok(await receivables.Get(accountId));
            Assert.Equal((2_050_000m, 10), (after.Balance, after.OpenInvoices.Count));
            Assert.All(after.OpenInvoices, i => Assert.Equal(42, i.AgeDays)); // the oldest were settled first
            Assert.Equal((10, 10), (after.CollectionTasks.Count(t => t.Done), after.CollectionTasks.Count(t => !t.Done)));

        }

        // The last car comes back (退车): its credit note takes its invoice off what the account owes.
        var last = placed.Cars[^1].DealId;
        Clock.Advance(TimeSpan.FromHours(1));
        using (As(s.Gm))
        {
            Ok(await s.Deal(last).Unwind("车队改用其他车型", null));
        }

        using (As(s.Manager))
        {
            var credited = Ok(await receivables.Get(accountId));
            Assert.Equal((1_845_000m, 9), (credited.Balance, credited.OpenInvoices.Count));
            Assert.DoesNotContain(credited.OpenInvoices, i => i.DealId == last);

            // 1,845,000 owed + 6 × 205,000 is over 3,000,000; one more car is within it.
            var more = fixture.Grains.GetGrain<IFleetOrderGrain>(GrainKeys.InStore(s.Store, "fo" + Guid.NewGuid().ToString("N")[..16]));
            Assert.Equal("credit-limit-exceeded", (await more.Place(order with { Lines = [new("Tiguan L", "330TSI", "White", 6)] })).Problem?.Code);
            var one = Ok(await more.Place(order with { Lines = [new("Tiguan L", "330TSI", "White", 1)] }));
            Assert.Equal(205_000m, Ok(await receivables.Get(accountId)).OnOrder);
            var ledger = Ok(await receivables.Ledger(accountId, new PageRequest(5, null)));
            Assert.Equal((LedgerEntryKind.CreditNote, -Agreed, last), (ledger.Items[0].Kind, ledger.Items[0].Amount, ledger.Items[0].DealId));
            Assert.Equal(LedgerEntryKind.Payment, ledger.Items[1].Kind);
            Assert.NotNull(ledger.Next);
            Assert.Equal(2, Ok(await receivables.FleetOrders(accountId, new PageRequest(10, null))).Items.Count);
            Assert.Equal(one.OrderId, Ok(await receivables.FleetOrders(null, new PageRequest(1, null))).Items[0].OrderId);
        }

        Assert.Equal(1L, await fixture.Scalar<long>(
            "SELECT count(*) FROM audit_trail WHERE store_id = $1 AND subject = 'key-account' AND what LIKE '%approved by the general manager%'", s.Store));
    }

    [Fact]
    public async Task Two_orders_placed_at_once_cannot_both_slip_under_the_limit()
    {
        var s = await SalesStore.Open(fixture);
        string accountId;
        using (As(s.Manager))
        {
            accountId = Ok(await fixture.Grains.GetGrain<IKeyAccountsGrain>(GrainKeys.Store(s.Store)).Open(Terms(500_000m), null)).AccountId;
        }

        var buyer = await s.WalkIn(s.Sc1, "13900000002");
        var order = new NewFleetOrder(accountId, buyer, s.Sc1.StaffId, [new("Tiguan L", "330TSI", "White", 2)], null);
        using (As(s.Manager))
        {
            // Each 410,000 is within 500,000; both together are not.
            var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                fixture.Grains.GetGrain<IFleetOrderGrain>(GrainKeys.InStore(s.Store, "fo" + Guid.NewGuid().ToString("N")[..16])).Place(order)));
            Assert.Single(both, o => o.IsOk);
            Assert.Equal("credit-limit-exceeded", Assert.Single(both, o => !o.IsOk).Problem!.Code);
            Assert.Equal(410_000m, Ok(await fixture.Grains.GetGrain<IReceivablesGrain>(GrainKeys.Store(s.Store)).Get(accountId)).OnOrder);
        }
    }

    /// <summary>Ten cars through allocation, invoicing, handover booking, PDI (a technician, car by car) and delivery.</summary>
    private static async Task Batch(SalesStore s, IFleetOrderGrain fleet, FleetOrder placed, int from)
    {
        FleetBatch allocated, invoiced, booked, delivered;
        using (As(s.Sc1))
        {
            allocated = Ok(await fleet.RunBatch(new FleetBatchRequest(FleetStep.Allocate, 10, null), $"alloc-{from}"));
            Assert.Equal("no-cars-ready", (await fleet.RunBatch(new FleetBatchRequest(FleetStep.Deliver, 10, null), null)).Problem?.Code);
            Assert.Equal(ProblemKind.Forbidden, (await fleet.RunBatch(new FleetBatchRequest(FleetStep.Invoice, 10, null), null)).Problem?.Kind);
        }

        using (As(s.Cashier))
        {
            invoiced = Ok(await fleet.RunBatch(new FleetBatchRequest(FleetStep.Invoice, 10, null), $"inv-{from}"));
        }

        using (As(s.Sc1))
        {
            booked = Ok(await fleet.RunBatch(new FleetBatchRequest(FleetStep.BookHandover, 10, Clock.GetUtcNow().AddDays(2)), null));
        }

        using (As(s.Tech))
        {
            foreach (var dealId in booked.Done)
            {
                Ok(await s.Deal(dealId).SignPdi(AllPassed(), 12, null));
            }
        }

        using (As(s.Sc1))
        {
            delivered = Ok(await fleet.RunBatch(new FleetBatchRequest(FleetStep.Deliver, 10, null), $"deliver-{from}"));
        }

        var expected = placed.Cars.Skip(from).Take(10).Select(c => c.DealId).ToList();
        foreach (var batch in new[] { allocated, invoiced, booked, delivered })
        {
            Assert.Equal(expected, batch.Done);
            Assert.Empty(batch.Refused);
        }
    }

    private static async Task<DealView> DealOf(SalesStore s, string dealId)
    {
        using var _ = As(s.Manager);
        return Ok(await s.Deal(dealId).Get());
    }
}
