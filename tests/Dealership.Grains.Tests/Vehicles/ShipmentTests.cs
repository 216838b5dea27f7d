using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Vehicles;

[Collection(ClusterCollection.Name)]
public sealed class ShipmentTests(ClusterFixture fixture)
{

    private static ShipmentLine Line(string vin, Inspection inspection = Inspection.Ok, string? note = null) =>
        new(vin, "Camry", "2.5HEV", "Pearl White", 189_000m, inspection, note);

    private async Task<(string Group, string Store, Caller Clerk)> Store()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        return (groupId, stores[0], await fixture.NewStaff(groupId, StaffRole.SalesInformationClerk, stores[0]));
    }

    private IShipmentGrain Shipment(string store, string number) => fixture.Grains.GetGrain<IShipmentGrain>(GrainKeys.InStore(store, number));

    private IVehicleGrain Car(string group, string vin) => fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, vin));

    [Fact]
    public async Task A_vin_already_in_the_group_is_refused_while_the_rest_of_the_shipment_is_received()
    {
        var (group, store, clerk) = await Store();
        using var _ = As(clerk);
        var known = TestVins.Next();
        Ok(await Car(group, known).Register(store, new NewVehicle(known, "RAV4", "2.0L", "Black", 170_000m, VehicleStatus.InStock), null));
        var fresh = new[] { TestVins.Next(), TestVins.Next(), TestVins.Next() };

        var report = Ok(await Shipment(store, "SHP-1001").Receive(group, new NewShipment("SHP-1001", [.. fresh.Select(v => Line(v)), Line(known)])));

        Assert.Equal(3, report.ReceivedCount);
        Assert.Equal(1, report.RefusedCount);
        Assert.Equal("vin-exists", report.Lines.Single(l => l.Vin == known).Code);
        foreach (var vin in fresh)
        {
            var car = Ok(await Car(group, vin).Get(store));
            Assert.Equal(VehicleStatus.InStock, car.Status);
            Assert.Equal(LedgerEntryType.Receipt, Ok(await Car(group, vin).GetHistory(store, PageRequest.All)).Items.Single().Ledger);
        }

        Assert.Equal("RAV4", Ok(await Car(group, known).Get(store)).Model);
    }

    [Fact]
    public async Task Receiving_the_same_shipment_again_changes_nothing_and_answers_the_same()
    {
        var (group, store, clerk) = await Store();
        using var _ = As(clerk);
        var vins = new[] { TestVins.Next(), TestVins.Next() };
        var shipment = new NewShipment("SHP-2002", [.. vins.Select(v => Line(v))]);
        var first = Ok(await Shipment(store, "SHP-2002").Receive(group, shipment));

        var again = Ok(await Shipment(store, "SHP-2002").Receive(group, shipment));

        Assert.Equal(first.ReceivedAt, again.ReceivedAt);
        Assert.Equal(2, again.ReceivedCount);
        foreach (var vin in vins)
        {
            Assert.Equal(1, Ok(await Car(group, vin).Get(store)).Revision);
        }

        var other = await Shipment(store, "SHP-2002").Receive(group, new NewShipment("SHP-2002", [Line(TestVins.Next())]));
        Assert.Equal("shipment-exists", other.Problem?.Code);
    }

    [Fact]
    public async Task A_car_expected_in_transit_arrives_with_its_damage_noted()
    {
        var (group, store, clerk) = await Store();
        using var _ = As(clerk);
        var vin = TestVins.Next();
        Ok(await Car(group, vin).Register(store, new NewVehicle(vin, "Camry", "2.5HEV", "Pearl White", 189_000m, VehicleStatus.InTransit), null));

        var report = Ok(await Shipment(store, "SHP-3003").Receive(group, new NewShipment("SHP-3003", [Line(vin, Inspection.Damaged, "scratch on rear bumper")])));

        Assert.Equal(1, report.ReceivedCount);
        var car = Ok(await Car(group, vin).Get(store));
        Assert.Equal(VehicleStatus.InStock, car.Status);
        var arrival = Ok(await Car(group, vin).GetHistory(store, PageRequest.All)).Items.Last();
        Assert.Contains("scratch on rear bumper", arrival.What);
        Assert.Equal(LedgerEntryType.Receipt, arrival.Ledger);
        Assert.StartsWith(clerk.StaffId, arrival.By);
    }

    [Fact]
    public async Task A_shipment_interrupted_part_way_is_finished_by_receiving_it_again()
    {
        var (group, store, clerk) = await Store();
        var vins = new[] { TestVins.Next(), TestVins.Next() };
        // The first car was received before the process died; the shipment itself was never recorded. (Only grains take this step:
        // the test plays the shipment's part as the operator's tooling.)
        using (As(Caller.Platform("test")))
        {
            Ok(await Car(group, vins[0]).ReceiveFromShipment(store, "SHP-4004", Line(vins[0])));
        }

        using var _ = As(clerk);

        var report = Ok(await Shipment(store, "SHP-4004").Receive(group, new NewShipment("SHP-4004", [.. vins.Select(v => Line(v))])));

        Assert.Equal(2, report.ReceivedCount);
        Assert.Equal(1, Ok(await Car(group, vins[0]).Get(store)).Revision);
    }

    [Fact]
    public async Task A_shipment_naming_a_car_twice_or_a_damaged_car_without_a_note_is_refused_whole()
    {
        var (group, store, clerk) = await Store();
        using var _ = As(clerk);
        var vin = TestVins.Next();
        var twice = await Shipment(store, "SHP-5005").Receive(group, new NewShipment("SHP-5005", [Line(vin), Line(vin)]));
        Assert.Contains("lines[1].vin", twice.Problem!.Errors!.Keys);
        var noNote = await Shipment(store, "SHP-5006").Receive(group, new NewShipment("SHP-5006", [Line(TestVins.Next(), Inspection.Damaged)]));
        Assert.Contains("lines[0].damageNote", noNote.Problem!.Errors!.Keys);
        Assert.Equal(ProblemKind.NotFound, (await Car(group, vin).Get(store)).Problem?.Kind);
    }
}
