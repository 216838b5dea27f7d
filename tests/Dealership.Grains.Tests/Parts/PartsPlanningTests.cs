using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Parts;

/// <summary>A parts planner's data on PostgreSQL: average cost, demand by day, and the review read from them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PartsPlanningTests(ClusterFixture fixture)
{
    // The store's date on the cluster's clock (other tests move it on; never back).
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private async Task<(string Group, string Store, Caller Planner)> Store()
    {
        var (group, stores) = await fixture.NewGroup(1);
        return (group, stores[0], await fixture.NewStaff(group, StaffRole.PartsPlanner, stores[0]));
    }

    private IPartsItemGrain Part(string store, string number) => fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, number));

    private IPartsListGrain List(string store) => fixture.Grains.GetGrain<IPartsListGrain>(GrainKeys.Store(store));

    private Task<int> Demand(string store, string number, DateOnly day) =>
        fixture.Scalar<int>("SELECT COALESCE(sum(quantity), 0)::integer FROM parts_demand WHERE store_id = $1 AND part_number = $2 AND day = $3",
            store, number, day);

    [Fact]
    public async Task A_receipt_moves_the_average_cost_and_issues_and_counter_sales_are_the_days_demand()
    {
        var (group, store, planner) = await Store();
        using var _ = As(planner);
        Ok(await Part(store, "06A115561B").Create(group, new NewPartsItem("06A115561B", "Oil filter", "A-01", OnHand: 10, Cost: 50m), null));

        // 10 at 50 and 30 at 70: (500 + 2,100) / 40 = 65.
        var received = Ok(await Part(store, "06A115561B").Move(new PartsMovement(30, PartsMovementReason.Receipt, "PO 1", UnitCost: 70m), null));
        Assert.Equal(65m, received.AverageCost);
        Assert.Equal(2_600m, received.StockValue);

        Ok(await Part(store, "06A115561B").Move(new PartsMovement(-4, PartsMovementReason.IssueToRepair, "RO 1"), null));
        Ok(await Part(store, "06A115561B").Move(new PartsMovement(-2, PartsMovementReason.CounterSale, null), null));
        var after = Ok(await Part(store, "06A115561B").Move(new PartsMovement(1, PartsMovementReason.ReturnFromRepair, "RO 1"), null));

        Assert.Equal(35, after.OnHand);
        Assert.Equal(65m, after.AverageCost);
        Assert.Equal(5, await Demand(store, "06A115561B", Today));
        var receipt = Ok(await Part(store, "06A115561B").GetMovements(PageRequest.First)).Items.Single(m => m.Reason == PartsMovementReason.Receipt && m.Quantity == 30);
        Assert.Equal(70m, receipt.UnitCost);
    }

    [Fact]
    public async Task The_review_computes_safety_stock_reorder_point_and_the_order_from_the_days_demand()
    {
        var (group, store, planner) = await Store();
        using var _ = As(planner);
        Ok(await Part(store, "5Q0698151").Create(group, new NewPartsItem("5Q0698151", "Brake pads", "B-02", OnHand: 12, LeadTimeDays: 9, PackSize: 4,
            Cost: 180m), null));
        Ok(await Part(store, "000098300").Create(group, new NewPartsItem("000098300", "Wiper blade", "C-03", OnHand: 40, Cost: 30m), null));

        // 4, 0, 4, 0… over the 100 days to today (4 on the first of them, 99 days ago): mean 2, σ 2.01008 (as in PlanningRulesTests).
        for (var offset = 1; offset < 100; offset += 2)
        {
            await fixture.Scalar<int>("INSERT INTO parts_demand (store_id, part_number, day, quantity) VALUES ($1, $2, $3, 4) RETURNING 1",
                store, "5Q0698151", Today.AddDays(-offset));
        }

        var review = Ok(await List(store).Review(false, PageRequest.First));
        Assert.Equal(Today, review.Date);
        Assert.Equal(0.95m, review.ServiceLevel);
        Assert.Equal(1.6449, review.Z, 4);
        Assert.Equal(2, review.PartsReviewed);

        var pads = review.Items.Single(l => l.PartNumber == "5Q0698151");
        Assert.Equal(PlanningBasis.History, pads.Basis);
        Assert.Equal(100, pads.HistoryDays);
        Assert.Equal(2, pads.MeanDailyDemand, 4);
        Assert.Equal(2.0101, pads.DailyDeviation, 4);
        Assert.Equal(10, pads.SafetyStock);
        Assert.Equal(28, pads.ReorderPoint);
        Assert.Equal(32, pads.SuggestedQuantity);
        Assert.Equal(32 * 180m, pads.SuggestedValue);
        Assert.True(pads.BelowReorderPoint);

        // Asked for in the four (or five) calendar months the last 100 days touch.
        Assert.InRange(pads.MonthsWithDemand, 4, 5);
        Assert.Equal(MovementClass.Medium, pads.MovementClass);

        // The wiper blade was added today: too little history, and a minimum of 0: nothing to order.
        var wipers = review.Items.Single(l => l.PartNumber == "000098300");
        Assert.Equal(PlanningBasis.ConfiguredMinimum, wipers.Basis);
        Assert.Equal(0, wipers.SuggestedQuantity);

        var toOrder = Ok(await List(store).Review(true, PageRequest.First));
        Assert.Equal(["5Q0698151"], toOrder.Items.Select(l => l.PartNumber));
        Assert.Equal(1, toOrder.PartsToOrder);
        Assert.Equal(32 * 180m, toOrder.ValueToOrder);
    }

    [Fact]
    public async Task A_part_nothing_moved_for_seven_months_is_dead()
    {
        var (group, store, planner) = await Store();
        using var _ = As(planner);
        Ok(await Part(store, "1K0121253").Create(group, new NewPartsItem("1K0121253", "Radiator cap", "D-04", OnHand: 3, Cost: 40m), null));
        Ok(await Part(store, "1K0121254").Create(group, new NewPartsItem("1K0121254", "Radiator cap, old type", "D-05", OnHand: 3, Cost: 40m), null));

        // As if brought from the store's previous system: last moved eight months ago.
        await fixture.Scalar<int>("UPDATE parts_items SET last_movement_at = $3, created_at = $3 WHERE store_id = $1 AND part_number = $2 RETURNING 1",
            store, "1K0121254", Clock.GetUtcNow().AddMonths(-8));

        var review = Ok(await List(store).Review(false, PageRequest.First));

        Assert.Equal(MovementClass.Slow, review.Items.Single(l => l.PartNumber == "1K0121253").MovementClass);
        Assert.Equal(MovementClass.Dead, review.Items.Single(l => l.PartNumber == "1K0121254").MovementClass);
    }

    [Fact]
    public async Task Bad_planning_data_is_refused_naming_the_field_and_changes_nothing()
    {
        var (group, store, planner) = await Store();
        using var _ = As(planner);
        Ok(await Part(store, "N10592101").Create(group, new NewPartsItem("N10592101", "Drain plug", "E-05", Supplier: "FAW-VW parts centre", PackSize: 10),
            null));

        var refused = await Part(store, "N10592101").SetPlanning(new PartsPlanningData("FAW-VW parts centre", 7, 0, -1, 2m), null);

        Assert.Equal(ProblemKind.Invalid, refused.Problem!.Kind);
        Assert.Contains("packSize", refused.Problem.Errors!.Keys);
        Assert.Contains("minimum", refused.Problem.Errors.Keys);
        var unchanged = Ok(await Part(store, "N10592101").Get());
        Assert.Equal(10, unchanged.Planning.PackSize);
        Assert.Equal(0, unchanged.Planning.Minimum);

        var set = Ok(await Part(store, "N10592101").SetPlanning(new PartsPlanningData(null, 14, 20, 5, 2.5m), null));
        Assert.Equal(new PartsPlanningData(null, 14, 20, 5, 2.5m), set.Planning);

        // The change is in the audit trail with who made it.
        var audit = await fixture.Scalar<string>(
            "SELECT by || ': ' || what FROM audit_trail WHERE subject = 'parts-item' AND store_id = $1 AND subject_id = 'N10592101'", store);
        Assert.StartsWith(planner.StaffId, audit, StringComparison.Ordinal);
        Assert.Contains("packSize 10 → 20", audit, StringComparison.Ordinal);
        Assert.Contains("price 0 → 2.5", audit, StringComparison.Ordinal);
    }
}
