using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Parts;

/// <summary>The parts department's numbers on the cluster and PostgreSQL, worked by hand: stock value, fill rate, turn, dead stock.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PartsNumbersTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Stock_value_fill_rate_turn_and_dead_stock_follow_what_the_shelf_served_refused_and_left_unmoved()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var store = stores[0];
        var planner = await fixture.NewStaff(group, StaffRole.PartsPlanner, store);
        var advisor = await fixture.NewStaff(group, StaffRole.ServiceAdvisor, store);
        var pads = fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, "NUM-1"));
        var bulbs = fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, "NUM-2"));
        var list = fixture.Grains.GetGrain<IPartsListGrain>(GrainKeys.Store(store));
        using var _ = As(planner);
        Ok(await pads.Create(group, new NewPartsItem("NUM-1", "Brake pads", "B-1", 10, "Bosch", Cost: 10m), null));
        Ok(await bulbs.Create(group, new NewPartsItem("NUM-2", "H7 bulb", "E-4", 5, "Osram", Cost: 20m), null));

        // The bulbs last moved eight months ago (the store's dead months are 7).
        var eightMonthsAgo = Clock.GetUtcNow().AddMonths(-8);
        await fixture.Scalar<int>("UPDATE parts_items SET last_movement_at = $3, created_at = $3 WHERE store_id = $1 AND part_number = $2 RETURNING 1",
            store, "NUM-2", eightMonthsAgo);

        // Four pads sold at the counter; twenty asked for and refused, and a hold of 7 refused too: 27 units missed at first ask.
        Ok(await pads.Move(new PartsMovement(-4, PartsMovementReason.CounterSale, null), null));
        Assert.Equal("insufficient-stock", (await pads.Move(new PartsMovement(-20, PartsMovementReason.CounterSale, null), null)).Problem!.Code);
        using (As(advisor))
        {
            Assert.Equal("insufficient-stock", (await pads.Reserve("RO-9", 7, null)).Problem!.Code);
        }

        Assert.Equal(6, Ok(await pads.Get()).OnHand);
        var numbers = Ok(await list.Numbers(30));

        Assert.Equal((2, 2), (numbers.Parts, numbers.PartsInStock));
        Assert.Equal(6 * 10m + 5 * 20m, numbers.StockValue);
        Assert.Equal((4, 27), (numbers.UnitsServed, numbers.UnitsRefused));
        Assert.Equal(decimal.Round(4m / 31m, 4), numbers.FillRate);
        Assert.Equal(40m, numbers.IssuedValueLastYear);
        Assert.Equal(decimal.Round(40m / 160m, 2), numbers.StockTurn);
        Assert.Equal((1, 100m), (numbers.DeadParts, numbers.DeadStockValue));
        Assert.Equal(decimal.Round(100m / 160m, 4), numbers.DeadStockShare);
        Assert.Equal(ProblemKind.Invalid, (await list.Numbers(0)).Problem!.Kind);
    }
}
