using Dealership.Contracts.Vehicles;
using Dealership.Grains.Vehicles;

namespace Dealership.Rules.Tests.Vehicles;

public sealed class VehicleRulesTests
{
    [Theory]
    [InlineData(VehicleStatus.Ordered, false, VehicleMove.Ship, VehicleStatus.InTransit)]
    [InlineData(VehicleStatus.InTransit, false, VehicleMove.Receive, VehicleStatus.InStock)]
    [InlineData(VehicleStatus.InTransit, true, VehicleMove.Receive, VehicleStatus.InStock)]
    [InlineData(VehicleStatus.InStock, true, VehicleMove.Sell, VehicleStatus.Sold)]
    [InlineData(VehicleStatus.Sold, true, VehicleMove.Deliver, VehicleStatus.Delivered)]
    public void Allows_the_lifecycle_in_order(VehicleStatus from, bool reserved, VehicleMove move, VehicleStatus to) =>
        Assert.Equal(to, VehicleRules.After(from, reserved, move));

    [Theory]
    [InlineData(VehicleStatus.Ordered, false, VehicleMove.Receive)]
    [InlineData(VehicleStatus.Ordered, false, VehicleMove.Deliver)]
    [InlineData(VehicleStatus.InStock, false, VehicleMove.Sell)]
    [InlineData(VehicleStatus.InTransit, true, VehicleMove.Sell)]
    [InlineData(VehicleStatus.InStock, true, VehicleMove.Ship)]
    [InlineData(VehicleStatus.Delivered, true, VehicleMove.Deliver)]
    [InlineData(VehicleStatus.Sold, true, VehicleMove.Receive)]
    public void Refuses_illegal_moves(VehicleStatus from, bool reserved, VehicleMove move) =>
        Assert.Null(VehicleRules.After(from, reserved, move));

    [Fact]
    public void A_reserved_car_in_stock_or_in_transit_shows_as_reserved()
    {
        Assert.Equal(VehicleStatus.Reserved, VehicleRules.Visible(VehicleStatus.InStock, true));
        Assert.Equal(VehicleStatus.Reserved, VehicleRules.Visible(VehicleStatus.InTransit, true));
        Assert.Equal(VehicleStatus.Sold, VehicleRules.Visible(VehicleStatus.Sold, true));
        Assert.Equal(VehicleStatus.InStock, VehicleRules.Visible(VehicleStatus.InStock, false));
    }

    [Fact]
    public void Receipt_and_delivery_make_ledger_entries()
    {
        Assert.Equal(LedgerEntryType.Receipt, VehicleRules.LedgerEntry(VehicleMove.Receive));
        Assert.Equal(LedgerEntryType.SaleOut, VehicleRules.LedgerEntry(VehicleMove.Deliver));
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
