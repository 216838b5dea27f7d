using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Parts;

/// <summary>Parts held for repair orders: a hold, an issue against it, a return, a release; and stock never below zero under load.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PartsReservationTests(ClusterFixture fixture)
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private async Task<(string Group, string Store, IPartsItemGrain Part, Caller Planner, Caller Advisor)> PartWith(int onHand)
    {
        var (group, stores) = await fixture.NewGroup(1);
        var planner = await fixture.NewStaff(group, StaffRole.PartsPlanner, stores[0]);
        var advisor = await fixture.NewStaff(group, StaffRole.ServiceAdvisor, stores[0]);
        var part = fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(stores[0], "L4S0615301"));
        using var _ = As(planner);
        Ok(await part.Create(group, new NewPartsItem("L4S0615301", "Front brake disc", "B-11", OnHand: onHand, Cost: 310m), null));
        return (group, stores[0], part, planner, advisor);
    }

    [Fact]
    public async Task A_hold_is_issued_to_its_repair_order_returned_and_another_released()
    {
        var (_, store, part, planner, advisor) = await PartWith(10);
        using (As(advisor))
        {
            var held = Ok(await part.Reserve("RO-20261128-001", 4, null));
            Assert.Equal(4, held.Reserved);
            Assert.Equal(6, held.Available);
            Assert.Equal(advisor.StaffId, Assert.Single(held.Reservations!).By.Split(' ')[0]);
        }

        using var _ = As(planner);

        // The counter may not sell what is held: 6 are free.
        var refused = await part.Move(new PartsMovement(-7, PartsMovementReason.CounterSale, null), null);
        Assert.Equal("insufficient-stock", refused.Problem!.Code);

        // The repair order takes its 4 and one more from what is free.
        var issued = Ok(await part.Move(new PartsMovement(-5, PartsMovementReason.IssueToRepair, null, RepairOrder: "RO-20261128-001"), null));
        Assert.Equal(5, issued.OnHand);
        Assert.Equal(0, issued.Reserved);
        Assert.Empty(issued.Reservations!);

        var returned = Ok(await part.Move(new PartsMovement(1, PartsMovementReason.ReturnFromRepair, "not needed", RepairOrder: "RO-20261128-001"), null));
        Assert.Equal(6, returned.OnHand);
        Assert.Equal(4, await fixture.Scalar<int>(
            "SELECT sum(quantity)::integer FROM parts_demand WHERE store_id = $1 AND part_number = 'L4S0615301' AND day = $2", store, Today));

        Ok(await part.Reserve("RO-20261128-002", 3, null));
        var released = Ok(await part.Release("RO-20261128-002", null));
        Assert.Equal(0, released.Reserved);
        Assert.Equal(6, released.Available);
        Assert.Equal(ProblemKind.NotFound, (await part.Release("RO-20261128-002", null)).Problem!.Kind);

        // Every hold, issue against it and release is a row with who and when: +4, −4, +3, −3.
        Assert.Equal("Reserved:4,Issued:-4,Reserved:3,Released:-3", await fixture.Scalar<string>(
            "SELECT string_agg(kind || ':' || quantity, ',' ORDER BY number) FROM parts_reservations WHERE store_id = $1", store));
    }

    [Fact]
    public async Task Holding_more_than_is_available_is_refused_and_changes_nothing()
    {
        var (_, _, part, _, advisor) = await PartWith(2);
        using var _ = As(advisor);

        var refused = await part.Reserve("RO-1", 3, null);

        Assert.Equal("insufficient-stock", refused.Problem!.Code);
        Assert.Equal(0, Ok(await part.Get()).Reserved);
    }

    [Fact]
    public async Task Twenty_issues_and_holds_at_once_never_take_more_than_is_on_hand()
    {
        var (_, _, part, planner, advisor) = await PartWith(5);
        using (As(advisor))
        {
            Ok(await part.Reserve("RO-A", 2, null));
        }

        using var _ = As(planner);

        // 3 free: of ten counter sales of one and ten holds of one at once, exactly three succeed in all.
        var sales = Enumerable.Range(0, 10).Select(_ => part.Move(new PartsMovement(-1, PartsMovementReason.CounterSale, null), null));
        var holds = Enumerable.Range(0, 10).Select(i => part.Reserve($"RO-B{i}", 1, null));
        var outcomes = await Task.WhenAll(sales.Concat(holds));

        Assert.Equal(3, outcomes.Count(o => o.IsOk));
        Assert.All(outcomes.Where(o => !o.IsOk), o => Assert.Equal("insufficient-stock", o.Problem!.Code));
        var after = Ok(await part.Get());
        Assert.Equal(0, after.Available);
        Assert.True(after.OnHand >= after.Reserved);
    }

    [Fact]
    public async Task A_return_days_later_takes_back_the_demand_of_the_day_it_was_issued_and_no_more_than_was_issued()
    {
        var (_, store, part, planner, _) = await PartWith(10);
        using var _ = As(planner);
        Ok(await part.Move(new PartsMovement(-4, PartsMovementReason.IssueToRepair, null, RepairOrder: "RO-RET-1"), null));

        // The issue was two days ago (moved back in the tables rather than moving the clock every test shares forward).
        var issuedOn = Today.AddDays(-2);
        await fixture.Scalar<int>("UPDATE parts_movements SET at = at - interval '2 days' WHERE store_id = $1 AND repair_order = 'RO-RET-1' RETURNING 1", store);
        await fixture.Scalar<int>("UPDATE parts_demand SET day = day - 2 WHERE store_id = $1 RETURNING 1", store);

        var tooMany = await part.Move(new PartsMovement(5, PartsMovementReason.ReturnFromRepair, null, RepairOrder: "RO-RET-1"), null);
        Assert.Equal("return-exceeds-issue", tooMany.Problem!.Code);
        var returned = Ok(await part.Move(new PartsMovement(4, PartsMovementReason.ReturnFromRepair, "customer declined", RepairOrder: "RO-RET-1"), null));

        Assert.Equal(10, returned.OnHand);
        Assert.Equal(0, await fixture.Scalar<int>(
            "SELECT COALESCE(sum(quantity), 0)::integer FROM parts_demand WHERE store_id = $1 AND part_number = 'L4S0615301' AND day = $2", store, issuedOn));
        Assert.Equal(0, await fixture.Scalar<long>(
            "SELECT count(*) FROM parts_demand WHERE store_id = $1 AND part_number = 'L4S0615301' AND day = $2", store, Today));
        var movements = Ok(await part.GetMovements(PageRequest.First)).Items;
        Assert.All(movements.Where(m => m.Reason is PartsMovementReason.IssueToRepair or PartsMovementReason.ReturnFromRepair),
            m => Assert.Equal("RO-RET-1", m.RepairOrder));
    }

    [Fact]
    public async Task Changing_a_parts_data_keeps_the_last_movement_a_migration_found()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var planner = await fixture.NewStaff(group, StaffRole.PartsPlanner, stores[0]);
        using var _ = As(planner);
        var part = fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(stores[0], "WHT003856"));
        Ok(await part.Create(group, new NewPartsItem("WHT003856", "Wheel bolt", "W-01"), null));

        // As migration 0017 fills it in for a part of an earlier release, whose grain never knew it.
        var moved = Clock.GetUtcNow().AddMonths(-2);
        await fixture.Scalar<int>("UPDATE parts_items SET last_movement_at = $2 WHERE store_id = $1 AND part_number = 'WHT003856' RETURNING 1", stores[0], moved);
        Ok(await part.SetPlanning(new PartsPlanningData("Local supplier", 3, 10, 20, 1.5m), null));

        Assert.Equal(moved.UtcDateTime, await fixture.Scalar<DateTime>(
            "SELECT last_movement_at FROM parts_items WHERE store_id = $1 AND part_number = 'WHT003856'", stores[0]), TimeSpan.FromMilliseconds(1));
    }
}
