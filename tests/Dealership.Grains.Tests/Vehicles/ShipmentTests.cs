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

    /// <summary>The VIN with its check digit (position 9) changed: a typo the check digit catches.</summary>
    private static string Mistyped(string vin) => vin[..8] + (vin[8] == '1' ? '2' : '1') + vin[9..];

    [Fact]
    public async Task A_line_written_wrongly_is_refused_alone_and_the_other_cars_are_received()
    {
        var (group, store, clerk) = await Store();
        using var _ = As(clerk);
        var (a, b, typo) = (TestVins.Next(), TestVins.Next(), Mistyped(TestVins.Next()));

        var report = Ok(await Shipment(store, "SHP-5005").Receive(group, new NewShipment("SHP-5005",
            [Line(a), Line(typo), Line(b), Line(a), Line(TestVins.Next(), Inspection.Damaged)])));

        Assert.Equal((2, 3), (report.ReceivedCount, report.RefusedCount));
        Assert.Equal([(a, true), (typo, false), (b, true), (a, false)], report.Lines.Take(4).Select(l => (l.Vin, l.Received)));
        Assert.Equal("invalid-line", report.Lines[1].Code);
        Assert.StartsWith("vin ", report.Lines[1].Detail);
        Assert.Contains("appears earlier", report.Lines[3].Detail);
        Assert.Contains("damageNote", report.Lines[4].Detail);
        Assert.Equal(VehicleStatus.InStock, Ok(await Car(group, b).Get(store)).Status);
    }

    [Fact]
    public async Task A_shipment_with_no_car_that_can_be_received_is_refused_with_each_reason_and_kept_nowhere()
    {
        var (group, store, clerk) = await Store();
        using var _ = As(clerk);
        var vin = TestVins.Next();

        var refused = await Shipment(store, "SHP-5006").Receive(group, new NewShipment("SHP-5006", [Line(Mistyped(vin)), Line(vin, Inspection.Damaged)]));

        Assert.Equal((ProblemKind.Refused, "shipment-refused"), (refused.Problem?.Kind, refused.Problem?.Code));
        Assert.Equal(["lines[0].vin", "lines[1].vin"], refused.Problem!.Errors!.Keys.Order());
        Assert.StartsWith(Mistyped(vin), refused.Problem.Errors["lines[0].vin"][0]);
        Assert.Equal(ProblemKind.NotFound, (await Car(group, vin).Get(store)).Problem?.Kind);

        // The corrected delivery note is received under the same number.
        Assert.Equal(1, Ok(await Shipment(store, "SHP-5006").Receive(group, new NewShipment("SHP-5006", [Line(vin)]))).ReceivedCount);
    }
}
