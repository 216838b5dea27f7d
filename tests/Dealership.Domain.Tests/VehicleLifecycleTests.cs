using Dealership.Contracts.Vehicles;
using Dealership.Grains.Vehicles;

namespace Dealership.Domain.Tests;

public sealed class VehicleLifecycleTests
{
    [Theory]
    [InlineData(VehicleStatus.Ordered, false, VehicleMove.Ship, VehicleStatus.InTransit)]
    [InlineData(VehicleStatus.InTransit, false, VehicleMove.Receive, VehicleStatus.InStock)]
    [InlineData(VehicleStatus.InTransit, true, VehicleMove.Receive, VehicleStatus.InStock)]
    [InlineData(VehicleStatus.InStock, true, VehicleMove.Sell, VehicleStatus.Sold)]
    [InlineData(VehicleStatus.Sold, true, VehicleMove.Deliver, VehicleStatus.Delivered)]
    public void Allows_the_lifecycle_in_order(VehicleStatus from, bool reserved, VehicleMove move, VehicleStatus to) =>
        Assert.Equal(to, VehicleLifecycle.After(from, reserved, move));

    [Theory]
    [InlineData(VehicleStatus.Ordered, false, VehicleMove.Receive)]
    [InlineData(VehicleStatus.Ordered, false, VehicleMove.Deliver)]
    [InlineData(VehicleStatus.InStock, false, VehicleMove.Sell)]
    [InlineData(VehicleStatus.InTransit, true, VehicleMove.Sell)]
    [InlineData(VehicleStatus.InStock, true, VehicleMove.Ship)]
    [InlineData(VehicleStatus.Delivered, true, VehicleMove.Deliver)]
    [InlineData(VehicleStatus.Sold, true, VehicleMove.Receive)]
    public void Refuses_illegal_moves(VehicleStatus from, bool reserved, VehicleMove move) =>
        Assert.Null(VehicleLifecycle.After(from, reserved, move));

    [Fact]
    public void A_reserved_car_in_stock_or_in_transit_shows_as_reserved()
    {
        Assert.Equal(VehicleStatus.Reserved, VehicleLifecycle.Visible(VehicleStatus.InStock, true));
        Assert.Equal(VehicleStatus.Reserved, VehicleLifecycle.Visible(VehicleStatus.InTransit, true));
        Assert.Equal(VehicleStatus.Sold, VehicleLifecycle.Visible(VehicleStatus.Sold, true));
        Assert.Equal(VehicleStatus.InStock, VehicleLifecycle.Visible(VehicleStatus.InStock, false));
    }

    [Fact]
    public void Receipt_and_delivery_make_ledger_entries()
    {
        Assert.Equal(LedgerEntryType.Receipt, VehicleLifecycle.LedgerEntry(VehicleMove.Receive));
        Assert.Equal(LedgerEntryType.SaleOut, VehicleLifecycle.LedgerEntry(VehicleMove.Deliver));
        Assert.Null(VehicleLifecycle.LedgerEntry(VehicleMove.Ship));
    }

    [Fact]
    public void Only_cars_in_transit_or_in_stock_can_be_reserved()
    {
        Assert.True(VehicleLifecycle.CanReserve(VehicleStatus.InTransit));
        Assert.True(VehicleLifecycle.CanReserve(VehicleStatus.InStock));
        Assert.False(VehicleLifecycle.CanReserve(VehicleStatus.Ordered));
        Assert.False(VehicleLifecycle.CanReserve(VehicleStatus.Sold));
    }
}
