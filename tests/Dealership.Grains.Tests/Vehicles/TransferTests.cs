using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Vehicles;

[Collection(ClusterCollection.Name)]
public sealed class TransferTests(ClusterFixture fixture)
{
    private sealed record Setup(string Group, string From, string To, Caller FromManager, Caller FromClerk, Caller ToClerk, Caller ToManager, string Vin);

    private async Task<Setup> CarInStock()
    {
        var (group, stores) = await fixture.NewGroup(2);
        var setup = new Setup(group, stores[0], stores[1],
            await fixture.NewStaff(group, StaffRole.SalesManager, stores[0]),
            await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[0]),
            await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[1]),
            await fixture.NewStaff(group, StaffRole.SalesManager, stores[1]),
            TestVins.Next());
        using var _ = As(setup.FromClerk);
        Ok(await Car(setup).Register(setup.From, new NewVehicle(setup.Vin, "Highlander", "2.5HEV", "Black", 270_000m, VehicleStatus.InStock), null));
        return setup;
    }


    private IVehicleGrain Car(Setup s) => fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(s.Group, s.Vin));

    private ITransferGrain Transfer(Setup s, string id = "tr0123456789abcdef") => fixture.Grains.GetGrain<ITransferGrain>(GrainKeys.InGroup(s.Group, id));

    private async Task<IReadOnlyList<VehicleSummary>> List(string store)
    {
        using var _ = As(Caller.Platform("test"));
        return Ok(await fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(store)).List(null, PageRequest.All)).Items;
    }

    [Fact]
    public async Task A_car_in_transfer_is_on_both_stock_lists_counts_in_transit_at_the_receiving_store_and_it_may_read_it()
    {
        var s = await CarInStock();
        using (As(s.ToClerk))
        {
            Ok(await Transfer(s).Request(s.Vin, s.From, s.To));
        }

        using (As(s.FromManager))
        {
            Ok(await Transfer(s).Approve(s.From));
            var outgoing = Ok(await fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(s.From)).Stock(StockFilter.All, PageRequest.All));
            Assert.Equal($"outgoing to {s.To}", Assert.Single(outgoing.Rows, r => r.Vin == s.Vin).Transfer);
            Assert.Equal((0, 0), (outgoing.Figures.InStock, outgoing.Figures.InTransit));
        }

        using (As(s.ToClerk))
        {
            var car = Ok(await Car(s).Get(s.To));
            Assert.Equal((VehicleStatus.TransferredOut, s.From), (car.Status, car.StoreId));
            var incoming = Ok(await fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(s.To)).Stock(StockFilter.All, PageRequest.All));
            Assert.Equal($"incoming from {s.From}", Assert.Single(incoming.Rows, r => r.Vin == s.Vin).Transfer);
            Assert.Equal(1, incoming.Figures.InTransit);

            // Reading is all: the receiving store cannot act on the car in the sending store's name.
            Assert.Equal("not-found", (await Car(s).UpdateDetails(s.From, true, CertificateLocation.InSafe, null)).Problem?.Code);
            Ok(await Transfer(s).Receive(s.To));
            var received = Ok(await fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(s.To)).Stock(StockFilter.All, PageRequest.All));
            Assert.Null(Assert.Single(received.Rows, r => r.Vin == s.Vin).Transfer);
            Assert.Equal((1, 0), (received.Figures.InStock, received.Figures.InTransit));
        }
    }

    [Fact]
    public async Task A_transferred_car_keeps_its_days_since_arrival_and_stays_aged()
    {
        var (group, stores) = await fixture.NewGroup(2);
        var fromClerk = await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[0]);
        var toClerk = await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[1]);
        var fromManager = await fixture.NewStaff(group, StaffRole.SalesManager, stores[0]);
        var s = new Setup(group, stores[0], stores[1], fromManager, fromClerk, toClerk, fromManager, TestVins.Next());
        using (As(fromClerk))
        {
            // An opening balance: the car has been in the group's stock for 120 days.
            Ok(await Car(s).Register(s.From, new NewVehicle(s.Vin, "Highlander", "2.5HEV", "Black", 270_000m, VehicleStatus.InStock,
                InStockSince: Clock.GetUtcNow().AddDays(-120)), null));
        }

        using (As(toClerk))
        {
            Ok(await Transfer(s).Request(s.Vin, s.From, s.To));
        }

        using (As(fromManager))
        {
            Ok(await Transfer(s).Approve(s.From));
        }

        using (As(toClerk))
        {
            Ok(await Transfer(s).Receive(s.To));
            var row = Ok(await fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(s.To)).Stock(StockFilter.All, PageRequest.All)).Rows.Single();
            Assert.Equal(0, row.DaysInStock);
            Assert.InRange(row.DaysSinceArrival!.Value, 119, 121);
            Assert.True(row.Aged);
        }
    }

    [Fact]
    public async Task A_transfer_moves_the_car_its_ledger_and_its_owner_and_leaves_it_on_exactly_one_list()
    {
        var s = await CarInStock();
        using (As(s.ToClerk))
        {
            Assert.Equal(TransferStatus.Requested, Ok(await Transfer(s).Request(s.Vin, s.From, s.To)).Status);
        }

        using (As(s.FromManager))
        {
            Assert.Equal(TransferStatus.InTransit, Ok(await Transfer(s).Approve(s.From)).Status);
        }

        Assert.Equal(VehicleStatus.TransferredOut, Assert.Single(await List(s.From), v => v.Vin == s.Vin).Status);
        using (As(s.ToClerk))
        {
            var received = Ok(await Transfer(s).Receive(s.To));
            Assert.Equal(TransferStatus.Received, received.Status);
            Assert.StartsWith(s.ToClerk.StaffId, received.ReceivedBy);
            Assert.StartsWith(s.FromManager.StaffId, received.DecidedBy);
            var car = Ok(await Car(s).Get(s.To));
            Assert.Equal(s.To, car.StoreId);
            Assert.Equal(VehicleStatus.InStock, car.Status);
            var ledger = Ok(await Car(s).GetHistory(s.To, PageRequest.All)).Items.Where(h => h.Ledger is not null).Select(h => (h.Ledger, h.StoreId)).ToList();
            Assert.Equal([(LedgerEntryType.Receipt, s.From), (LedgerEntryType.TransferOut, s.From), (LedgerEntryType.TransferIn, s.To)], ledger);
        }

        Assert.DoesNotContain(await List(s.From), v => v.Vin == s.Vin);
        Assert.Single(await List(s.To), v => v.Vin == s.Vin);
        using (As(s.FromClerk))
        {
            // The car now belongs to the other store: the grain filter refuses the sending store's staff outright.
            await Assert.ThrowsAsync<CallerRefusedException>(() => Car(s).Get(s.From));
        }
    }

    [Fact]
    public async Task A_reserved_car_cannot_be_transferred()
    {
        var s = await CarInStock();
        using (As(s.FromManager))
        {
            Ok(await Car(s).Reserve(s.From, "deal-7", null));
        }

        using var _ = As(s.ToClerk);
        Assert.Equal("vin-reserved", (await Transfer(s).Request(s.Vin, s.From, s.To)).Problem?.Code);
    }

    [Fact]
    public async Task A_car_reserved_after_the_request_is_not_sent_and_nothing_changes()
    {
        var s = await CarInStock();
        using (As(s.ToClerk))
        {
            Ok(await Transfer(s).Request(s.Vin, s.From, s.To));
        }

        using var _ = As(s.FromManager);
        Ok(await Car(s).Reserve(s.From, "deal-8", null));
        Assert.Equal("vin-reserved", (await Transfer(s).Approve(s.From)).Problem?.Code);
        Assert.Equal(TransferStatus.Requested, Ok(await Transfer(s).Get(s.From)).Status);
        Assert.Equal(VehicleStatus.Reserved, Ok(await Car(s).Get(s.From)).Status);
    }

    [Fact]
    public async Task Only_the_sending_stores_manager_decides()
    {
        var s = await CarInStock();
        using (As(s.ToClerk))
        {
            Ok(await Transfer(s).Request(s.Vin, s.From, s.To));
        }

        using (As(s.FromClerk))
        {
            Assert.Equal(ProblemKind.Forbidden, (await Transfer(s).Approve(s.From)).Problem?.Kind);
        }

        using (As(s.ToManager))
        {
            Assert.Equal(ProblemKind.Forbidden, (await Transfer(s).Approve(s.From)).Problem?.Kind);
            Assert.Equal(ProblemKind.NotFound, (await Transfer(s).Approve(s.To)).Problem?.Kind);
        }

        using (As(s.FromManager))
        {
            Assert.Equal(TransferStatus.Rejected, Ok(await Transfer(s).Reject(s.From, "needed for our own customer")).Status);
        }

        using (As(s.ToClerk))
        {
            Assert.Equal("illegal-transition", (await Transfer(s).Receive(s.To)).Problem?.Code);
        }

        Assert.Single(await List(s.From), v => v.Vin == s.Vin && v.Status == VehicleStatus.InStock);
    }
}
