using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Parts;

/// <summary>
/// A supplier's account on the cluster and PostgreSQL: invoices against receipts (once each, the supplier's own), payments by
/// the cashier, a credited claim, the balance, and the month's statement with the difference between receipts and invoices.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SupplierAccountTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_balance_and_the_statement_follow_invoices_payments_and_credits_and_show_what_an_invoice_differs_by()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var store = stores[0];
        var planner = await fixture.NewStaff(group, StaffRole.PartsPlanner, store);
        var manager = await fixture.NewStaff(group, StaffRole.GeneralManager, store);
        var cashier = await fixture.NewStaff(group, StaffRole.Cashier, store);
        var order = fixture.Grains.GetGrain<IPurchaseOrderGrain>(GrainKeys.InStore(store, "po" + Guid.NewGuid().ToString("N")[..16]));
        var other = fixture.Grains.GetGrain<IPurchaseOrderGrain>(GrainKeys.InStore(store, "po" + Guid.NewGuid().ToString("N")[..16]));
        using (As(planner))
        {
            Ok(await fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, "SUP-1"))
                .Create(group, new NewPartsItem("SUP-1", "Wiper blade", "W-1", 0, "Valeo", Cost: 50m), null));
            Ok(await order.Draft(new NewPurchaseOrder("Valeo", [new OrderLineDraft("SUP-1", 40)])));
            Ok(await other.Draft(new NewPurchaseOrder("Bosch", [new OrderLineDraft("SUP-1", 1)])));
        }

        using (As(manager))
        {
            Ok(await order.Approve(null));
            Ok(await other.Approve(null));
        }

        var account = fixture.Grains.GetGrain<ISupplierAccountGrain>(GrainKeys.InStore(store, SupplierAccounts.KeyOf("Valeo")));
        PartsReceipt first, second;
        using (As(planner))
        {
            Ok(await order.MarkSent(null, null));
            Ok(await other.MarkSent(null, null));
            Ok(await other.Receive(new NewPartsReceipt("B-1", [new ReceiptLineDraft(1, 1, 1, 0)]), null));
            first = Ok(await order.Receive(new NewPartsReceipt("V-1", [new ReceiptLineDraft(1, 30, 30, 0)]), null)); // 1,500
            second = Ok(await order.Receive(new NewPartsReceipt("V-2", [new ReceiptLineDraft(1, 10, 8, 2)]), null)); // 400, 2 damaged
            Ok(await order.ResolveClaim(Assert.Single(second.Claims), new ClaimResolution(ClaimStatus.Credited, "CN-5"), null)); // −100

            Ok(await account.RecordInvoice("Valeo", new NewSupplierInvoice("FP-0001", 1_500m, first.PurchaseOrderId, 1), null));
            // The second delivery's invoice is for what was shipped (10 × 50) less nothing: with the credit note for the 2 damaged
            // (100) it should come to the 400 taken in; it is 20 over.
            Ok(await account.RecordInvoice("Valeo", new NewSupplierInvoice("FP-0002", 520m, first.PurchaseOrderId, 2), null));

            Assert.Equal("already-invoiced", (await account.RecordInvoice("Valeo", new NewSupplierInvoice("FP-0003", 1_500m, first.PurchaseOrderId, 1), null))
                .Problem!.Code);
            Assert.Equal(ProblemKind.Invalid, (await account.RecordInvoice("Valeo", new NewSupplierInvoice("FP-0004", 50m, other.GetPrimaryKeyString()
                .Split('/')[1], 1), null)).Problem!.Kind);
            Assert.Equal(ProblemKind.Forbidden, (await account.RecordPayment("Valeo", new NewSupplierPayment(1_000m, "BK-1"), null)).Problem!.Kind);
        }

        using (As(cashier))
        {
            Ok(await account.RecordPayment("Valeo", new NewSupplierPayment(1_000m, "BK-1"), null));
            Assert.Equal("payment-recorded", (await account.RecordPayment("Valeo", new NewSupplierPayment(1_000m, "BK-1"), null)).Problem!.Code);
        }

        using var _ = As(planner);
        var view = Ok(await account.Get("Valeo"));
        Assert.Equal((2_020m, 1_000m, 100m, 920m), (view.Invoiced, view.Paid, view.Credited, view.Balance));
        Assert.Equal((1_900m, 0m), (view.Received, view.ReceivedNotInvoiced));

        var local = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var statement = Ok(await account.Statement("Valeo", new DateOnly(local.Year, local.Month, 1)));
        Assert.Equal((0m, 2_020m, 1_000m, 100m, 920m), (statement.OpeningBalance, statement.Invoiced, statement.Paid, statement.Credited, statement.ClosingBalance));
        Assert.Equal(4, statement.Entries.Count);
        Assert.Equal([0m, 20m], statement.Receipts.Select(r => r.Difference));
        Assert.Equal([0m, 100m], statement.Receipts.Select(r => r.Credited));
        Assert.Equal((20m, 0m), (statement.Difference, statement.NotInvoiced));

        var before = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        var earlier = Ok(await account.Statement("Valeo", before));
        Assert.Equal((0m, 0m), (earlier.OpeningBalance, earlier.ClosingBalance));
        Assert.Empty(earlier.Receipts);
        Assert.Equal(ProblemKind.NotFound, (await account.Get("Bosch")).Problem!.Kind);
    }
}
