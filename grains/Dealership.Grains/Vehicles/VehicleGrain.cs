using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;

namespace Dealership.Grains.Vehicles;

public sealed class VehicleState
{
    public string? StoreId { get; set; }
    public string Model { get; set; } = "";
    public string Trim { get; set; } = "";
    public string Colour { get; set; } = "";
    public decimal Cost { get; set; }
    public VehicleStatus Physical { get; set; }
    public bool Demo { get; set; }
    public CertificateLocation Certificate { get; set; }
    public FloorPlan? FloorPlan { get; set; }
    public Reservation? Reservation { get; set; }
    public DateTimeOffset? InStockSince { get; set; }
    public int Revision { get; set; }
    public string? ReceivedInShipment { get; set; }
    public string? TransferId { get; set; }
    public string? TransferTo { get; set; }
    public string? OnTestDrive { get; set; }
    public List<VehicleEvent> History { get; set; } = [];
    public RecentOperations Operations { get; set; } = new();
}

/// <summary>
/// One car of a group, keyed by VIN within the group. It is the only writer of its reservation, so
/// "one car, one live deal" holds by construction: concurrent Reserve calls are served one at a time.
/// </summary>
public sealed class VehicleGrain(
    [PersistentState("vehicle", GrainsSetup.StorageName)] IPersistentState<VehicleState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IVehicleGrain, IScopedGrain
{
    private (string GroupId, string Vin) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.StoreId is not null;

    private VehicleStatus Status => VehicleLifecycle.Visible(state.State.Physical, state.State.Reservation is not null);

    // The owning store comes from state: the key names only the group.
    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(Key.GroupId, state.State.StoreId));

    public async Task<Outcome<VehicleView>> Register(string storeId, NewVehicle vehicle, string? operationId)
    {
        var errors = vehicle.Validate();
        if (vehicle.Vin != Key.Vin)
        {
            errors.Add("vin", "does not match the vehicle's key.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Scope.Check(Key.GroupId, storeId) is { } outOfScope)
        {
            return outOfScope;
        }

        var fingerprint = RecentOperations.Fingerprint(nameof(Register), storeId, vehicle);
        if (state.State.Operations.TryReplay<VehicleView>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        if (Exists)
        {
            return Problem.Conflict("vin-exists", $"VIN {Key.Vin} is already registered in this group (store '{state.State.StoreId}').");
        }

        if (await storeGroups.GroupOf(storeId) != Key.GroupId)
        {
            return Problem.NotFound($"Store '{storeId}'");
        }

        var now = clock.GetUtcNow();
        if (vehicle.InStockSince is { } since && (since > now || since < now.AddDays(-NewVehicle.OpeningBalanceMaxDays)))
        {
            return Problem.Invalid("inStockSince", $"must be in the past, at most {NewVehicle.OpeningBalanceMaxDays} days ago.");
        }

        var s = state.State;
        s.StoreId = storeId;
        s.Model = vehicle.Model;
        s.Trim = vehicle.Trim;
        s.Colour = vehicle.Colour;
        s.Cost = vehicle.Cost;
        s.Physical = vehicle.Status;
        s.Demo = vehicle.Demo;
        s.Certificate = vehicle.Certificate;
        s.FloorPlan = vehicle.FloorPlan;
        // An opening balance (a store starting on the system with cars it already holds) keeps their real arrival date.
        s.InStockSince = vehicle.Status == VehicleStatus.InStock ? vehicle.InStockSince ?? now : null;
        var ledger = vehicle.Status == VehicleStatus.InStock ? LedgerEntryType.Receipt : (LedgerEntryType?)null;
        var what = vehicle.InStockSince is { } arrived
            ? $"registered as {vehicle.Status} (opening balance, in stock since {arrived:yyyy-MM-dd})"
            : $"registered as {vehicle.Status}";
        await Commit(now, what, null, vehicle.Status, ledger, operationId, fingerprint);
        return View();
    }

    public Task<Outcome<VehicleView>> Get(string storeId) => Task.FromResult(Owned(storeId) ?? View());

    public async Task<Outcome<VehicleView>> Move(string storeId, VehicleMove move, string? operationId)
    {
        if (!Enum.IsDefined(move))
        {
            return Problem.Invalid("move", "is not a known move.");
        }

        var fingerprint = RecentOperations.Fingerprint(nameof(Move), storeId, move);
        if (state.State.Operations.TryReplay<VehicleView>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        var from = Status;
        if (VehicleLifecycle.After(state.State.Physical, state.State.Reservation is not null, move) is not { } next)
        {
            return Problem.Conflict("illegal-transition", $"A car that is {from} cannot {move}.");
        }

        var now = clock.GetUtcNow();
        state.State.Physical = next;
        if (next == VehicleStatus.InStock)
        {
            state.State.InStockSince = now;
        }

        if (move == VehicleMove.Return)
        {
            // A returned car is stock again, free for another deal.
            state.State.Reservation = null;
        }

        await Commit(now, move.ToString().ToLowerInvariant(), from, Status, VehicleLifecycle.LedgerEntry(move), operationId, fingerprint);
        return View();
    }

    public async Task<Outcome<VehicleView>> Reserve(string storeId, string dealId, string? operationId)
    {
        if (string.IsNullOrWhiteSpace(dealId) || dealId.Length > 80)
        {
            return Problem.Invalid("dealId", "is required (at most 80 characters).");
        }

        var fingerprint = RecentOperations.Fingerprint(nameof(Reserve), storeId, dealId);
        if (state.State.Operations.TryReplay<VehicleView>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        if (state.State.Reservation is { } held)
        {
            return held.DealId == dealId
                ? View()
                : Problem.Conflict("vin-already-reserved", $"VIN {Key.Vin} is already reserved for deal {held.DealId}.");
        }

        if (!VehicleLifecycle.CanReserve(state.State.Physical))
        {
            return Problem.Conflict("illegal-transition", $"A car that is {Status} cannot be reserved.");
        }

        var now = clock.GetUtcNow();
        var from = Status;
        state.State.Reservation = new Reservation(dealId, now, Audit.Who);
        await Commit(now, $"reserved for deal {dealId}", from, Status, null, operationId, fingerprint);
        return View();
    }

    public async Task<Outcome<VehicleView>> Release(string storeId, string dealId, string? operationId)
    {
        var fingerprint = RecentOperations.Fingerprint(nameof(Release), storeId, dealId);
        if (state.State.Operations.TryReplay<VehicleView>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        if (state.State.Reservation?.DealId != dealId)
        {
            return Problem.Conflict("not-reserved-by-deal", $"VIN {Key.Vin} is not reserved for deal {dealId}.");
        }

        if (!VehicleLifecycle.CanRelease(state.State.Physical))
        {
            return Problem.Conflict("illegal-transition", $"A car that is {Status} cannot be released.");
        }

        var now = clock.GetUtcNow();
        var from = Status;
        state.State.Reservation = null;
        await Commit(now, $"released from deal {dealId}", from, Status, null, operationId, fingerprint);
        return View();
    }

    public async Task<Outcome<VehicleView>> UpdateDetails(string storeId, bool demo, CertificateLocation certificate, FloorPlan? floorPlan)
    {
        var errors = new FieldErrors();
        if (!Enum.IsDefined(certificate))
        {
            errors.Add("certificate", "is not a known location.");
        }

        if (floorPlan is not null)
        {
            errors.Required("floorPlan.lender", floorPlan.Lender, 80);
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        var s = state.State;
        if (s.Demo == demo && s.Certificate == certificate && s.FloorPlan == floorPlan)
        {
            return View();
        }

        var what = $"details: demo {s.Demo}→{demo}, certificate {s.Certificate}→{certificate}, floor plan {Describe(s.FloorPlan)}→{Describe(floorPlan)}";
        s.Demo = demo;
        s.Certificate = certificate;
        s.FloorPlan = floorPlan;
        await Commit(clock.GetUtcNow(), what, Status, Status, null, null, "");
        return View();
    }

    public async Task<Outcome<VehicleView>> ReceiveFromShipment(string storeId, string shipmentNumber, ShipmentLine line)
    {
        var errors = line.Validate();
        if (line.Vin != Key.Vin)
        {
            errors.Add("vin", "does not match the vehicle's key.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var s = state.State;
        if (Exists && s.StoreId == storeId && s.ReceivedInShipment == shipmentNumber)
        {
            return View();
        }

        var expected = Exists && s.StoreId == storeId && s.Physical is VehicleStatus.Ordered or VehicleStatus.InTransit;
        if (Exists && !expected)
        {
            return Problem.Conflict("vin-exists", $"VIN {Key.Vin} is already in this group (store '{s.StoreId}', {Status}).");
        }

        if (!Exists && await storeGroups.GroupOf(storeId) != Key.GroupId)
        {
            return Problem.NotFound($"Store '{storeId}'");
        }

        var now = clock.GetUtcNow();
        var from = Exists ? Status : (VehicleStatus?)null;
        s.StoreId = storeId;
        s.Model = line.Model;
        s.Trim = line.Trim;
        s.Colour = line.Colour;
        s.Cost = line.Cost;
        s.FloorPlan = line.FloorPlan ?? s.FloorPlan;
        s.Physical = VehicleStatus.InStock;
        s.InStockSince = now;
        s.ReceivedInShipment = shipmentNumber;
        var inspection = line.Inspection == Inspection.Damaged ? $"damage noted: {line.DamageNote}" : "inspected ok";
        await Commit(now, $"received in shipment {shipmentNumber}, {inspection}", from, Status, LedgerEntryType.Receipt, null, "");
        return View();
    }

    public async Task<Outcome<VehicleView>> TransferOut(string fromStoreId, string transferId, string toStoreId)
    {
        if (Owned(fromStoreId) is { } notHere)
        {
            return notHere;
        }

        var s = state.State;
        if (s.TransferId == transferId && s.Physical == VehicleStatus.TransferredOut)
        {
            return View();
        }

        if (s.Reservation is { } held)
        {
            return Problem.Conflict("vin-reserved", $"VIN {Key.Vin} is reserved for deal {held.DealId} and cannot be transferred.");
        }

        if (s.Physical != VehicleStatus.InStock)
        {
            return Problem.Conflict("illegal-transition", $"Only a car in stock can be transferred; this one is {Status}.");
        }

        if (s.OnTestDrive is { } drive)
        {
            return Problem.Conflict("vehicle-on-test-drive", $"VIN {Key.Vin} is out on test drive {drive}.");
        }

        var now = clock.GetUtcNow();
        s.Physical = VehicleStatus.TransferredOut;
        s.TransferId = transferId;
        s.TransferTo = toStoreId;
        await Commit(now, $"transferred out to {toStoreId} ({transferId})", VehicleStatus.InStock, Status, LedgerEntryType.TransferOut, null, "");
        return View();
    }

    public async Task<Outcome<VehicleView>> TransferIn(string toStoreId, string transferId)
    {
        var s = state.State;
        if (Exists && s.StoreId == toStoreId && s.TransferId == transferId)
        {
            return View();
        }

        if (!Exists || s.TransferId != transferId || s.TransferTo != toStoreId || s.Physical != VehicleStatus.TransferredOut)
        {
            return Problem.Conflict("illegal-transition", $"VIN {Key.Vin} is not on its way to store '{toStoreId}'.");
        }

        var from = s.StoreId!;
        var now = clock.GetUtcNow();
        var leaving = new VehicleSummary(Key.Vin, s.Model, s.Trim, s.Colour, VehicleStatus.TransferredOut, s.Demo, s.InStockSince, s.Revision + 1,
            s.Certificate, s.FloorPlan);
        s.StoreId = toStoreId;
        s.TransferTo = null;
        s.Physical = VehicleStatus.InStock;
        s.InStockSince = now;
        await Commit(now, $"transferred in from {from} ({transferId})", VehicleStatus.TransferredOut, Status, LedgerEntryType.TransferIn, null, "");

        // The sending store's list drops the car, so it is on exactly one store's list.
        await GrainFactory.GetGrain<IVehicleIndexGrain>(GrainKeys.Store(from)).Apply(leaving, inThisStore: false);
        return View();
    }

    public async Task<Outcome<VehicleView>> StartTestDrive(string storeId, string driveId)
    {
        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        var s = state.State;
        if (s.OnTestDrive == driveId)
        {
            return View();
        }

        if (s.OnTestDrive is { } other)
        {
            return Problem.Conflict("vehicle-on-test-drive", $"VIN {Key.Vin} is already out on test drive {other}.");
        }

        if (!s.Demo)
        {
            return Problem.Refused("not-a-demo-car", $"VIN {Key.Vin} is not a demo car; only demo cars go on test drives.");
        }

        if (s.Physical != VehicleStatus.InStock || s.Reservation is not null)
        {
            return Problem.Conflict("vehicle-unavailable", $"VIN {Key.Vin} is {Status} and cannot go on a test drive.");
        }

        s.OnTestDrive = driveId;
        await Commit(clock.GetUtcNow(), $"out on test drive {driveId}", Status, Status, null, null, "");
        return View();
    }

    public async Task<Outcome<VehicleView>> EndTestDrive(string storeId, string driveId, int mileage)
    {
        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        if (state.State.OnTestDrive != driveId)
        {
            return View();
        }

        state.State.OnTestDrive = null;
        await Commit(clock.GetUtcNow(), $"back from test drive {driveId} at {mileage} km", Status, Status, null, null, "");
        return View();
    }

    public Task<Outcome<IReadOnlyList<VehicleEvent>>> GetHistory(string storeId) =>
        Task.FromResult(Owned(storeId) ?? new Outcome<IReadOnlyList<VehicleEvent>>(state.State.History.ToArray(), null));

    /// <summary>Not-found unless the car exists and belongs to <paramref name="storeId"/>.</summary>
    private Problem? Owned(string storeId) =>
        Exists && state.State.StoreId == storeId ? null : Problem.NotFound($"Vehicle {Key.Vin}");

    private async Task Commit(DateTimeOffset at, string what, VehicleStatus? from, VehicleStatus? to, LedgerEntryType? ledger,
        string? operationId, string fingerprint)
    {
        var s = state.State;
        s.Revision++;
        s.History.Add(new VehicleEvent(at, Audit.Who, what, from, to, ledger, s.StoreId!));
        var view = ViewOf();
        s.Operations.Remember(operationId, fingerprint, view, at);
        await state.WriteStateAsync();
        if (ledger is { } type)
        {
            await GrainFactory.GetGrain<IStockLedgerGrain>(GrainKeys.Store(s.StoreId!)).Append(
                new StockLedgerEntry(0, at, Audit.Who, Key.Vin, type, StockLedgerEntry.QuantityOf(type), s.Model, s.Trim, s.Colour, s.Demo, what),
                $"{Key.Vin}:{s.Revision}");
        }

        await GrainFactory.GetGrain<IVehicleIndexGrain>(GrainKeys.Store(s.StoreId!)).Apply(
            new VehicleSummary(Key.Vin, s.Model, s.Trim, s.Colour, Status, s.Demo, s.InStockSince, s.Revision, s.Certificate, s.FloorPlan), inThisStore: true);
        await StoreFeed.Publish(GrainFactory, s.StoreId!, at, "vehicle-status", Key.Vin, $"{Key.Vin} {s.Model} {s.Trim}: {what}",
            new Dictionary<string, string>
            {
                ["vin"] = Key.Vin,
                ["model"] = s.Model,
                ["status"] = Status.ToString(),
                ["from"] = from?.ToString() ?? "",
                ["revision"] = s.Revision.ToString(CultureInfo.InvariantCulture),
            });
    }

    private static string Describe(FloorPlan? plan) => plan is null ? "none" : $"{plan.Lender} due {plan.DueDate:yyyy-MM-dd}";

    private Outcome<VehicleView> View() => ViewOf();

    private VehicleView ViewOf()
    {
        var s = state.State;
        return new VehicleView(Key.Vin, Key.GroupId, s.StoreId!, s.Model, s.Trim, s.Colour, s.Cost, Status, s.Demo, s.Certificate,
            s.FloorPlan, s.Reservation, s.InStockSince, s.Revision, s.OnTestDrive);
    }
}
