using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Parts;

/// <summary>
/// Purchase orders on the cluster and PostgreSQL: drafted from the books, approved by the general manager, sent, received in
/// part with damage (stock, moving average cost, claims, what stays on order), settled and closed; counts that do not match
/// the order change nothing; the review's suggestions become one draft per supplier.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PurchaseOrderTests(ClusterFixture fixture)
{
    private sealed record Store(string Group, string Id, Caller Planner, Caller Manager);

    private async Task<Store> NewStore()
    {
        var (group, stores) = await fixture.NewGroup(1);
        return new Store(group, stores[0], await fixture.NewStaff(group, StaffRole.PartsPlanner, stores[0]),
            await fixture.NewStaff(group, StaffRole.GeneralManager, stores[0]));
    }

    private async Task<IPartsItemGrain> Part(Store store, string number, int onHand, decimal cost, string? supplier = "Bosch", int minimum = 0)
    {
        var part = fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store.Id, number));
        using var _ = As(store.Planner);
        Ok(await part.Create(store.Group, new NewPartsItem(number, $"Part {number}", "A-01", onHand, supplier, 7, 1, minimum, cost, cost * 1.4m), null));
        return part;
    }

    private IPurchaseOrderGrain Order(Store store) =>
        fixture.Grains.GetGrain<IPurchaseOrderGrain>(GrainKeys.InStore(store.Id, "po" + Guid.NewGuid().ToString("N")[..16]));

    /// <summary>A sent order of <paramref name="lines"/>, drafted by the planner and approved by the general manager.</summary>
    private static async Task<PurchaseOrderView> Sent(Store store, IPurchaseOrderGrain order, params OrderLineDraft[] lines)
    {
        using (As(store.Planner))
        {
            Ok(await order.Draft(new NewPurchaseOrder("Bosch", lines)));
        }

        using (As(store.Manager))
        {
            Ok(await order.Approve(null));
        }

        using var _ = As(store.Planner);
        return Ok(await order.MarkSent("BOSCH-SO-7781", null));
    }

    [Fact]
    public async Task A_partial_delivery_with_damage_moves_stock_and_cost_opens_claims_and_the_rest_stays_on_order_until_settled_and_closed()
    {
        var store = await NewStore();
        var pads = await Part(store, "POA-1001", onHand: 10, cost: 100m);
        var filter = await Part(store, "POA-1002", onHand: 0, cost: 50m);
        var order = Order(store);
        var sent = await Sent(store, order, new OrderLineDraft("POA-1001", 20, 130m), new OrderLineDraft("POA-1002", 10));
        Assert.Equal(PurchaseOrderStatus.Sent, sent.Status);
        Assert.Equal(50m, sent.Lines[1].UnitCost); // from the books: the part's average cost
        Assert.Equal(20 * 130m + 10 * 50m, sent.Amount);
        Assert.Equal(30, await fixture.Scalar<int>("SELECT sum(outstanding)::integer FROM purchase_order_lines WHERE store_id = $1", store.Id));

        using var _ = As(store.Planner);
        // Line 1: the note says 20, 15 are fine, 3 damaged, so 2 are short. Line 2: 6 of 6 fine.
        var slip = Ok(await order.Receive(new NewPartsReceipt("DN-0001", [new ReceiptLineDraft(1, 20, 15, 3), new ReceiptLineDraft(2, 6, 6, 0)]), null));

        Assert.Equal(15 * 130m + 6 * 50m, slip.Amount);
        Assert.Equal(2, slip.Lines[0].Short);
        Assert.Equal(2, slip.Claims.Count);
        var padsNow = Ok(await pads.Get());
        Assert.Equal(25, padsNow.OnHand);
        Assert.Equal((10 * 100m + 15 * 130m) / 25, padsNow.AverageCost); // 118
        Assert.Equal(6, Ok(await filter.Get()).OnHand);
        var partly = Ok(await order.Get());
        Assert.Equal(PurchaseOrderStatus.PartlyReceived, partly.Status);
        Assert.Equal([5, 4], partly.Lines.Select(l => l.Outstanding));
        var damaged = Assert.Single(partly.Claims, c => c.Kind == ClaimKind.Damaged);
        Assert.Equal((3, 390m, ClaimStatus.Open), (damaged.Quantity, damaged.Amount, damaged.Status));
        var shortClaim = Assert.Single(partly.Claims, c => c.Kind == ClaimKind.Short);
        Assert.Equal((2, 260m), (shortClaim.Quantity, shortClaim.Amount));
        Assert.Equal(2, await fixture.Scalar<int>("SELECT count(*)::integer FROM supplier_claims WHERE store_id = $1 AND status = 'Open'", store.Id));
        Assert.Equal(9, await fixture.Scalar<int>("SELECT sum(outstanding)::integer FROM purchase_order_lines WHERE store_id = $1", store.Id));
        Assert.Equal(slip.Lines, Ok(await order.GetReceipt(1)).Lines);
        Assert.Equal(1, await fixture.Scalar<int>("SELECT count(*)::integer FROM parts_movements WHERE store_id = $1 AND source = $2",
            store.Id, $"receipt/{partly.PurchaseOrderId}/1/1"));

        // The same delivery note again receives nothing.
        Assert.Equal("delivery-note-received",
            (await order.Receive(new NewPartsReceipt("DN-0001", [new ReceiptLineDraft(1, 5, 5, 0)]), null)).Problem!.Code);
        Assert.Equal(25, Ok(await pads.Get()).OnHand);

        // The supplier credits the damaged units (they will not come) and sends the missing two again.
        Assert.Equal(ClaimStatus.Credited, Ok(await order.ResolveClaim(damaged.ClaimId, new ClaimResolution(ClaimStatus.Credited, "credit note CN-88"), null)).Status);
        Ok(await order.ResolveClaim(shortClaim.ClaimId, new ClaimResolution(ClaimStatus.Replaced, null), null));
        Assert.Equal("claim-settled", (await order.ResolveClaim(damaged.ClaimId, new ClaimResolution(ClaimStatus.Withdrawn, null), null)).Problem!.Code);
        Assert.Equal([2, 4], Ok(await order.Get()).Lines.Select(l => l.Outstanding));

        var last = Ok(await order.Receive(new NewPartsReceipt("DN-0002", [new ReceiptLineDraft(1, 2, 2, 0), new ReceiptLineDraft(2, 4, 4, 0)]), null));
        Assert.Empty(last.Claims);
        var received = Ok(await order.Get());
        Assert.Equal(PurchaseOrderStatus.Received, received.Status);
        Assert.Equal(27, Ok(await pads.Get()).OnHand);
        Assert.Equal(0, await fixture.Scalar<int>("SELECT COALESCE(sum(outstanding), 0)::integer FROM purchase_order_lines WHERE store_id = $1", store.Id));
        Assert.Equal(PurchaseOrderStatus.Closed, Ok(await order.Close("complete", null)).Status);
        // Drafted, approved, sent, two receipts, two settlements, closed: each with who and when.
        Assert.Equal(8, await fixture.Scalar<int>(
            "SELECT count(*)::integer FROM audit_trail WHERE store_id = $1 AND subject = 'purchase-order' AND subject_id = $2", store.Id, received.PurchaseOrderId));
    }

    [Fact]
    public async Task A_count_that_does_not_match_the_order_or_an_order_not_sent_receives_nothing()
    {
        var store = await NewStore();
        var pads = await Part(store, "POB-1001", onHand: 4, cost: 100m);
        var order = Order(store);
        using (As(store.Planner))
        {
            Ok(await order.Draft(new NewPurchaseOrder("Bosch", [new OrderLineDraft("POB-1001", 5)])));
            Assert.Equal("illegal-transition", (await order.Receive(new NewPartsReceipt("DN-1", [new ReceiptLineDraft(1, 5, 5, 0)]), null)).Problem!.Code);
            Assert.Equal(ProblemKind.Forbidden, (await order.Approve(null)).Problem!.Kind);
        }

        using (As(store.Manager))
        {
            Ok(await order.Approve(null));
        }

        using var _ = As(store.Planner);
        Ok(await order.MarkSent(null, null));
        // More delivered than is still expected, a line the order has not, more accepted than delivered: each a 400 naming the line.
        var tooMany = await order.Receive(new NewPartsReceipt("DN-2", [new ReceiptLineDraft(1, 6, 6, 0)]), null);
        Assert.Equal(ProblemKind.Invalid, tooMany.Problem!.Kind);
        Assert.Contains("lines[0].delivered", tooMany.Problem.Errors!.Keys);
        var noSuchLine = await order.Receive(new NewPartsReceipt("DN-2", [new ReceiptLineDraft(1, 1, 1, 0), new ReceiptLineDraft(9, 1, 1, 0)]), null);
        Assert.Contains("lines[1].line", noSuchLine.Problem!.Errors!.Keys);
        Assert.Equal(ProblemKind.Invalid, (await order.Receive(new NewPartsReceipt("DN-2", [new ReceiptLineDraft(1, 1, 2, 0)]), null)).Problem!.Kind);
        Assert.Contains("lines", (await order.Receive(new NewPartsReceipt("DN-2", [new ReceiptLineDraft(1, 0, 0, 0)]), null)).Problem!.Errors!.Keys);

        Assert.Equal(4, Ok(await pads.Get()).OnHand);
        Assert.Equal(PurchaseOrderStatus.Sent, Ok(await order.Get()).Status);
        Assert.Equal(0, await fixture.Scalar<int>("SELECT count(*)::integer FROM parts_receipt_lines WHERE store_id = $1", store.Id));
        Assert.Equal(ProblemKind.Invalid,
            (await Order(store).Draft(new NewPurchaseOrder("Bosch", [new OrderLineDraft("NO-SUCH-PART", 1)]))).Problem!.Kind);
    }

    [Fact]
    public async Task The_review_counts_what_is_on_order_and_its_suggestions_become_one_draft_per_supplier()
    {
        var store = await NewStore();
        await Part(store, "POC-1001", onHand: 1, cost: 80m, supplier: "Bosch", minimum: 10);
        await Part(store, "POC-1002", onHand: 0, cost: 20m, supplier: "Mann", minimum: 6);
        await Part(store, "POC-1003", onHand: 50, cost: 5m, supplier: "Mann", minimum: 2);
        var list = fixture.Grains.GetGrain<IPartsListGrain>(GrainKeys.Store(store.Id));
        using var _ = As(store.Planner);

        var drafts = Ok(await list.DraftOrders(null, "seed-1"));

        Assert.Equal(["Bosch", "Mann"], drafts.Select(d => d.Supplier));
        Assert.Equal(("POC-1001", 9), (drafts[0].Lines.Single().PartNumber, drafts[0].Lines.Single().Quantity));
        Assert.Equal(("POC-1002", 6), (drafts[1].Lines.Single().PartNumber, drafts[1].Lines.Single().Quantity));
        Assert.Equal(drafts.Select(d => d.PurchaseOrderId), Ok(await list.DraftOrders(null, "seed-1")).Select(d => d.PurchaseOrderId));

        // Approved, the Bosch order is on order: the review no longer suggests it.
        using (As(store.Manager))
        {
            Ok(await fixture.Grains.GetGrain<IPurchaseOrderGrain>(GrainKeys.InStore(store.Id, drafts[0].PurchaseOrderId)).Approve(null));
        }

        var review = Ok(await list.Review(false, new PageRequest(50, null)));
        var bosch = review.Items.Single(l => l.PartNumber == "POC-1001");
        Assert.Equal((9, 0), (bosch.OnOrder, bosch.SuggestedQuantity));
        Assert.Equal(6, review.Items.Single(l => l.PartNumber == "POC-1002").SuggestedQuantity);

        // A part without a cost is refused before any draft is written: the Bosch draft of this request is not made either.
        await Part(store, "POC-1005", onHand: 0, cost: 0m, supplier: "Mann", minimum: 3);
        var unpriced = await list.DraftOrders([new OrderLineDraft("POC-1001", 5), new OrderLineDraft("POC-1005", 3)], "seed-3");
        Assert.Contains("lines[1].unitCost", unpriced.Problem!.Errors!.Keys);
        Assert.Equal("no-cost", (await list.DraftOrders(null, "seed-4")).Problem!.Code);
        Assert.Equal(2, await fixture.Scalar<int>("SELECT count(*)::integer FROM purchase_orders WHERE store_id = $1", store.Id));

        await Part(store, "POC-1004", onHand: 0, cost: 9m, supplier: null, minimum: 3);
        Assert.Equal("no-supplier", (await list.DraftOrders(null, "seed-2")).Problem!.Code);
    }

    [Fact]
    public async Task Group_hq_requires_an_order_the_planner_is_given_to_complete_and_only_hq_calls_it_off()
    {
        var store = await NewStore();
        await Part(store, "POD-1001", onHand: 0, cost: 40m);
        var hq = await fixture.NewStaff(store.Group, StaffRole.GroupHq);
        var order = Order(store);
        using (As(store.Planner))
        {
            Assert.Equal(ProblemKind.Forbidden, (await Order(store).Require(new NewPurchaseOrder("Bosch", [new OrderLineDraft("POD-1001", 10)]))).Problem!.Kind);
        }

        PurchaseOrderView required;
        using (As(hq))
        {
            required = Ok(await order.Require(new NewPurchaseOrder("Bosch", [new OrderLineDraft("POD-1001", 10)], "Winter campaign stock")));
        }

        Assert.Equal(hq.StaffId, required.RequiredBy!.Split(' ')[0]);
        using (As(store.Planner))
        {
            var tasks = Ok(await fixture.Grains.GetGrain<Dealership.Contracts.Tasks.IStoreTasksGrain>(GrainKeys.Store(store.Id))
                .List(null, StaffRole.PartsPlanner, null, new PageRequest(50, null)));
            var task = Assert.Single(tasks.Items, t => t.Kind == "purchase-order-required");
            Assert.Equal(required.PurchaseOrderId, task.Refs["purchaseOrderId"]);
            Assert.Equal(ProblemKind.Forbidden, (await order.Cancel("not needed", null)).Problem!.Kind);
        }

        using (As(hq))
        {
            Assert.Equal(PurchaseOrderStatus.Cancelled, Ok(await order.Cancel("campaign moved to spring", null)).Status);
        }

        // Another one the general manager approves: the planner's task for it is done.
        var second = Order(store);
        using (As(hq))
        {
            Ok(await second.Require(new NewPurchaseOrder("Bosch", [new OrderLineDraft("POD-1001", 4)])));
        }

        using (As(store.Planner))
        {
            Assert.Equal(ProblemKind.Forbidden, (await second.ReviseLines([new OrderLineDraft("POD-1001", 1)], null)).Problem!.Kind);
        }

        string secondId;
        using (As(store.Manager))
        {
            secondId = Ok(await second.Approve(null)).PurchaseOrderId;
        }

        using (As(store.Planner))
        {
            var open = Ok(await fixture.Grains.GetGrain<Dealership.Contracts.Tasks.IStoreTasksGrain>(GrainKeys.Store(store.Id))
                .List(null, StaffRole.PartsPlanner, null, new PageRequest(50, null)));
            Assert.DoesNotContain(open.Items, t => t.Refs.TryGetValue("purchaseOrderId", out var id) && id == secondId);
        }
    }
}
