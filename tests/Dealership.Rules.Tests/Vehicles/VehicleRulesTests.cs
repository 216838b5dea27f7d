using Dealership.Contracts.Vehicles;
using Dealership.Grains.Vehicles;

namespace Dealership.Rules.Tests.Vehicles;

public sealed class VehicleRulesTests
{
    [Theory]
    [InlineData(VehicleStatus.Ordered, VehicleMove.Ship, VehicleStatus.InTransit)]
    [InlineData(VehicleStatus.InTransit, VehicleMove.Receive, VehicleStatus.InStock)]
    [InlineData(VehicleStatus.Delivered, VehicleMove.Return, VehicleStatus.InStock)]
    public void Allows_a_clerks_moves_in_order(VehicleStatus from, VehicleMove move, VehicleStatus to) =>
        Assert.Equal(to, VehicleRules.After(from, move));

    [Theory]
    [InlineData(VehicleStatus.Ordered, VehicleMove.Receive)]
    [InlineData(VehicleStatus.InStock, VehicleMove.Ship)]
    [InlineData(VehicleStatus.Sold, VehicleMove.Receive)]
    [InlineData(VehicleStatus.Sold, VehicleMove.Return)]
    public void Refuses_illegal_moves(VehicleStatus from, VehicleMove move) =>
        Assert.Null(VehicleRules.After(from, move));

    [Fact]
    public void A_clerk_has_no_move_that_sells_or_delivers_a_car() =>
        Assert.DoesNotContain(Enum.GetValues<VehicleMove>(), m => VehicleRules.After(VehicleStatus.InStock, m) is VehicleStatus.Sold
            || VehicleRules.After(VehicleStatus.Sold, m) is VehicleStatus.Delivered);

    [Fact]
    public void Only_the_deal_holding_the_car_sells_and_delivers_it()
    {
        Assert.True(VehicleRules.CanSell(VehicleStatus.InStock, "dl1", "dl1"));
        Assert.False(VehicleRules.CanSell(VehicleStatus.InStock, "dl1", "dl2"));
        Assert.False(VehicleRules.CanSell(VehicleStatus.InStock, null, "dl1"));
        Assert.False(VehicleRules.CanSell(VehicleStatus.InTransit, "dl1", "dl1"));
        Assert.True(VehicleRules.CanDeliver(VehicleStatus.Sold, "dl1", "dl1"));
        Assert.False(VehicleRules.CanDeliver(VehicleStatus.Sold, "dl1", "dl2"));
        Assert.False(VehicleRules.CanDeliver(VehicleStatus.InStock, "dl1", "dl1"));
    }

    [Fact]
    public void A_reserved_car_in_stock_or_in_transit_shows_as_reserved()
    {
        Assert.Equal(VehicleStatus.Reserved, VehicleRules.Visible(VehicleStatus.InStock, true));
        Assert.Equal(VehicleStatus.Reserved, VehicleRules.Visible(VehicleStatus.InTransit, true));
        Assert.Equal(VehicleStatus.Sold, VehicleRules.Visible(VehicleStatus.Sold, true));
        Assert.Equal(VehicleStatus.InStock, VehicleRules.Visible(VehicleStatus.InStock, false));
    }

    [Fact]
    public void Receipt_and_return_make_ledger_entries()
    {
        Assert.Equal(LedgerEntryType.Receipt, VehicleRules.LedgerEntry(VehicleMove.Receive));
        Assert.Equal(LedgerEntryType.Return, VehicleRules.LedgerEntry(VehicleMove.Return));
        Assert.Null(VehicleRules.LedgerEntry(VehicleMove.Ship));
    }

    [Fact]
    public void Only_cars_in_transit_or_in_stock_can_be_reserved()
    {
        Assert.True(VehicleRules.CanReserve(VehicleStatus.InTransit));
        Assert.True(VehicleRules.CanReserve(VehicleStatus.InStock));
        Assert.False(VehicleRules.CanReserve(VehicleStatus.Ordered));
        Assert.False(VehicleRules.CanReserve(VehicleStatus.Sold));
    }
}
