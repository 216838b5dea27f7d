using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Vehicles;

[Collection(ClusterCollection.Name)]
public sealed class StockLedgerTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_ledger_and_the_stock_list_agree_after_receipts_a_transfer_a_sale_and_a_return()
    {
        var (group, stores) = await fixture.NewGroup(2);
        var (here, there) = (stores[0], stores[1]);
        var clerk = await fixture.NewStaff(group, StaffRole.SalesInformationClerk, here);
        var manager = await fixture.NewStaff(group, StaffRole.SalesManager, here);
        var otherClerk = await fixture.NewStaff(group, StaffRole.SalesInformationClerk, there);
        var (a, b, c) = (TestVins.Next(), TestVins.Next(), TestVins.Next());
        IVehicleGrain Car(string vin) => fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, vin));
        NewVehicle New(string vin, VehicleStatus status) => new(vin, "Passat", "330TSI", "Black", 180_000m, status);

        using (As(clerk))
        {
            Ok(await Car(a).Register(here, New(a, VehicleStatus.InStock), null));
            Ok(await Car(b).Register(here, New(b, VehicleStatus.InTransit), null));
            Ok(await Car(c).Register(here, New(c, VehicleStatus.InStock), null));
            Ok(await Car(b).Move(here, VehicleMove.Receive, null));
        }

        var transfer = fixture.Grains.GetGrain<ITransferGrain>(GrainKeys.InGroup(group, "tr00000000000000aa"));
        using (As(otherClerk))
        {
            Ok(await transfer.Request(c, here, there));
        }

        using (As(manager))
        {
            Ok(await transfer.Approve(here));
            Ok(await Car(a).Reserve(here, "deal-1", null));
        }

        // The deal's invoice and handover (grain steps; the operator's tooling stands in for the deal here).
        using (As(Caller.Platform("test")))
        {
            Ok(await Car(a).Sell(here, "deal-1"));

            // Sold, not yet handed over: still on hand by the ledger, counted apart from the stock for sale.
            var sold = Ok(await fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(here)).Stock(StockFilter.All, PageRequest.All)).Figures;
            Assert.Equal(1, sold.SoldAwaitingDelivery);
            Assert.Equal(sold.OnHandByLedger, sold.InStock + sold.SoldAwaitingDelivery);
            Ok(await Car(a).Deliver(here, "deal-1"));
        }

        using (As(otherClerk))
        {
            Ok(await transfer.Receive(there));
        }

        using var _ = As(clerk);
        var returned = Ok(await Car(a).Move(here, VehicleMove.Return, null));
        Assert.Equal((VehicleStatus.InStock, null), (returned.Status, returned.Reservation));

        var ledger = fixture.Grains.GetGrain<IStockLedgerGrain>(GrainKeys.Store(here));
        var lines = Ok(await ledger.List(null, PageRequest.All)).Items;
        Assert.Equal(
        [
            (a, LedgerEntryType.Receipt, 1), (c, LedgerEntryType.Receipt, 1), (b, LedgerEntryType.Receipt, 1),
            (c, LedgerEntryType.TransferOut, -1), (a, LedgerEntryType.SaleOut, -1), (a, LedgerEntryType.Return, 1),
        ], lines.Select(l => (l.Vin, l.Type, l.Quantity)));
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l.By)));

        var stock = Ok(await fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(here)).Stock(StockFilter.All, PageRequest.All));
        var onHand = await OnHand(ledger);
        Assert.Equal(onHand.Order(), stock.Rows.Where(r => r.DaysInStock is not null).Select(r => r.Vin).Order());
        Assert.Equal(stock.Figures.InStock, stock.Figures.OnHandByLedger);
        using (As(otherClerk))
        {
            Assert.Equal([c], await OnHand(fixture.Grains.GetGrain<IStockLedgerGrain>(GrainKeys.Store(there))));
        }
    }

    [Fact]
    public async Task A_correction_needs_a_reason_and_never_takes_a_car_below_zero_or_above_one()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var clerk = await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[0]);
        var consultant = await fixture.NewStaff(group, StaffRole.SalesConsultant, stores[0]);
        var vin = TestVins.Next();
        var ledger = fixture.Grains.GetGrain<IStockLedgerGrain>(GrainKeys.Store(stores[0]));
        using (As(clerk))
        {
            Ok(await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, vin))
                .Register(stores[0], new NewVehicle(vin, "Passat", "330TSI", "Black", 180_000m, VehicleStatus.InStock), null));
        }

        using (As(consultant))
        {
            Assert.Equal("forbidden", (await ledger.Correct(vin, -1, "not found at the count", null)).Problem?.Code);
        }

        using var _ = As(clerk);
        Assert.Equal("invalid-input", (await ledger.Correct(vin, -1, " ", null)).Problem?.Code);
        Assert.Equal("ledger-balance", (await ledger.Correct(vin, 1, "counted twice", null)).Problem?.Code);
        Assert.Equal("invalid-input", (await ledger.Correct(TestVins.Next(), -1, "unknown car", null)).Problem?.Code);
        var corrected = Ok(await ledger.Correct(vin, -1, "not found at the month-end count; police report 0412", "count-1"));
        Assert.Equal(corrected, Ok(await ledger.Correct(vin, -1, "not found at the month-end count; police report 0412", "count-1")));
        Assert.Equal((LedgerEntryType.Correction, -1), (corrected.Type, corrected.Quantity));
        Assert.Empty(await OnHand(ledger));
        Assert.Equal(2, Ok(await ledger.List(vin, PageRequest.All)).Items.Count);
    }

    [Fact]
    public async Task An_opening_balance_keeps_the_cars_arrival_date_so_aged_stock_shows_from_day_one()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var clerk = await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[0]);
        var (old, future) = (TestVins.Next(), TestVins.Next());
        var now = Clock.GetUtcNow();
        using var _ = As(clerk);
        Ok(await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, old)).Register(stores[0],
            new NewVehicle(old, "Bora", "1.5L", "Grey", 90_000m, VehicleStatus.InStock, InStockSince: now.AddDays(-120)), null));
        var refused = await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, future)).Register(stores[0],
            new NewVehicle(future, "Bora", "1.5L", "Grey", 90_000m, VehicleStatus.InStock, InStockSince: now.AddDays(1)), null);
        Assert.Contains("inStockSince", refused.Problem!.Errors!.Keys);

        var stock = Ok(await fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(stores[0])).Stock(new StockFilter(AgedOnly: true), PageRequest.All));
        var row = Assert.Single(stock.Rows);
        Assert.Equal((old, 120), (row.Vin, row.DaysInStock));
        Assert.Equal(1, stock.Figures.OnHandByLedger);
    }

    /// <summary>The cars a ledger says are on hand: those whose lines add up to one.</summary>
    private static async Task<List<string>> OnHand(IStockLedgerGrain ledger) =>
        [.. Ok(await ledger.List(null, PageRequest.All)).Items.GroupBy(l => l.Vin).Where(g => g.Sum(l => l.Quantity) > 0).Select(g => g.Key)];
}
