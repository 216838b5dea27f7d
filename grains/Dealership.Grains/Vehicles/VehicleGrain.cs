using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Partners;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Vehicles;

public sealed class VehicleState : RecordedState
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

    /// <summary>When the car came into the group's stock (from the OEM, an opening balance or a customer's return); a transfer keeps it.</summary>
    public DateTimeOffset? ArrivedInGroup { get; set; }
    public int Revision { get; set; }
    public string? ReceivedInShipment { get; set; }
    public string? TransferId { get; set; }
    public string? TransferTo { get; set; }
    public string? OnTestDrive { get; set; }
}

/// <summary>
/// One car of a group, keyed by VIN within the group. It is the only writer of its reservation, so
/// "one car, one live deal" holds by construction: concurrent Reserve calls are served one at a time. It is also the only
/// writer of its history and its stock-ledger lines, so every change is one write: the car, its history entry, its ledger
/// line and its row on the store's vehicle list commit together.
/// </summary>
public sealed partial class VehicleGrain(
    [PersistentState("vehicle", GrainsSetup.StorageName)] IPersistentState<VehicleState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IVehicleGrain, IScopedGrain
{
    private (string GroupId, string Vin) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.StoreId is not null;

    private VehicleStatus Status => VehicleRules.Visible(state.State.Physical, state.State.Reservation is not null);

    // The owning store comes from state: the key names only the group. A car in transfer is the receiving store's to read too.
    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(Key.GroupId, state.State.StoreId,
        state.State.Physical == VehicleStatus.TransferredOut ? state.State.TransferTo : null));

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

        var fingerprint = OperationLog.Fingerprint(nameof(Register), storeId, vehicle);
        if (await operations.Replay<VehicleView>(storeId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("register cars", RoleSets.StockKeepers) is { } refused)
        {
            return refused;
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
        s.ArrivedInGroup = s.InStockSince;
        var ledger = vehicle.Status == VehicleStatus.InStock ? LedgerEntryType.Receipt : (LedgerEntryType?)null;
        var what = vehicle.InStockSince is { } arrived
            ? $"registered as {vehicle.Status} (opening balance, in stock since {arrived:yyyy-MM-dd})"
            : $"registered as {vehicle.Status}";
        await Commit(now, what, null, vehicle.Status, ledger, operationId, fingerprint);
        return View();
    }

    public Task<Outcome<VehicleView>> Get(string storeId) =>
        Task.FromResult(Roles.Refused("read the store's cars", RoleSets.VehicleReaders) ?? (Incoming(storeId) ? null : Owned(storeId)) ?? View());

    public async Task<Outcome<VehicleView>> Move(string storeId, VehicleMove move, string? operationId)
    {
        if (!Enum.IsDefined(move))
        {
            return Problem.Invalid("move", "is not a known move.");
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Move), storeId, move);
        if (await operations.Replay<VehicleView>(storeId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("move cars in stock", RoleSets.StockKeepers) is { } refused)
        {
            return refused;
        }

        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        var from = Status;
        if (VehicleRules.After(state.State.Physical, move) is not { } next)
        {
            return Problem.Conflict("illegal-transition", $"A car that is {from} cannot {move}.");
        }

        var now = clock.GetUtcNow();
        state.State.Physical = next;
        if (next == VehicleStatus.InStock)
        {
            state.State.InStockSince = now;
            state.State.ArrivedInGroup = now;
        }

        if (move == VehicleMove.Return)
        {
            // A returned car is stock again, free for another deal.
            state.State.Reservation = null;
        }

        await Commit(now, move.ToString().ToLowerInvariant(), from, Status, VehicleRules.LedgerEntry(move), operationId, fingerprint);
        return View();
    }

    public async Task<Outcome<VehicleView>> Sell(string storeId, string dealId)
    {
        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        var s = state.State;
        if (!VehicleRules.CanSell(s.Physical, s.Reservation?.DealId, dealId))
        {
            return Problem.Conflict("illegal-transition", $"A car that is {Status} (reserved for {s.Reservation?.DealId ?? "no deal"}) cannot be sold by deal {dealId}.");
        }

        var from = Status;
        s.Physical = VehicleStatus.Sold;
        await Commit(clock.GetUtcNow(), $"sold (deal {dealId} invoiced)", from, Status, null, null, "");
        return View();
    }

    public async Task<Outcome<VehicleView>> Deliver(string storeId, string dealId)
    {
        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        var s = state.State;
        if (!VehicleRules.CanDeliver(s.Physical, s.Reservation?.DealId, dealId))
        {
            return Problem.Conflict("illegal-transition", $"A car that is {Status} cannot be delivered by deal {dealId}.");
        }

        s.Physical = VehicleStatus.Delivered;
        await Commit(clock.GetUtcNow(), $"delivered (deal {dealId} handed over)", VehicleStatus.Sold, Status, LedgerEntryType.SaleOut, null, "");
        return View();
    }

    public async Task<Outcome<VehicleView>> TakeBack(string storeId, string dealId)
    {
        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        var s = state.State;
        if (s.Physical is not (VehicleStatus.Sold or VehicleStatus.Delivered) || s.Reservation?.DealId != dealId)
        {
            return Problem.Conflict("illegal-transition", $"A car that is {Status} was not sold by deal {dealId}.");
        }

        var from = Status;
        var handedOver = s.Physical == VehicleStatus.Delivered;
        s.Physical = VehicleStatus.InStock;
        s.Reservation = null;
        await Commit(clock.GetUtcNow(), $"taken back (deal {dealId} unwound)", from, Status, handedOver ? LedgerEntryType.Return : null, null, "");
        return View();
    }

    public async Task<Outcome<VehicleView>> Reserve(string storeId, string dealId, string? operationId)
    {
        if (string.IsNullOrWhiteSpace(dealId) || dealId.Length > 80)
        {
            return Problem.Invalid("dealId", "is required (at most 80 characters).");
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Reserve), storeId, dealId);
        if (await operations.Replay<VehicleView>(storeId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("reserve cars", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
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

        if (!VehicleRules.CanReserve(state.State.Physical))
        {
            return Problem.Conflict("illegal-transition", $"A car that is {Status} cannot be reserved.");
        }

        if (state.State.OnTestDrive is { } drive)
        {
            // The car is on the road with a prospect: it is allocated when it is back, not while someone else drives it.
            return Problem.Conflict("vehicle-on-test-drive", $"VIN {Key.Vin} is out on test drive {drive}; reserve it when it is back.");
        }

        var now = clock.GetUtcNow();
        var from = Status;
        state.State.Reservation = new Reservation(dealId, now, Audit.Who);
        await Commit(now, $"reserved for deal {dealId}", from, Status, null, operationId, fingerprint);
        return View();
    }

    public async Task<Outcome<VehicleView>> Release(string storeId, string dealId, string? operationId)
    {
        var fingerprint = OperationLog.Fingerprint(nameof(Release), storeId, dealId);
        if (await operations.Replay<VehicleView>(storeId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("release reservations", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        if (Owned(storeId) is { } notHere)
        {
            return notHere;
        }

        if (state.State.Reservation?.DealId != dealId)
        {
            return Problem.Conflict("not-reserved-by-deal", $"VIN {Key.Vin} is not reserved for deal {dealId}.");
        }

        if (!VehicleRules.CanRelease(state.State.Physical))
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

        if (Roles.Refused("change a car's details", RoleSets.StockKeepers) is { } refused)
        {
            return refused;
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
        s.ArrivedInGroup = now;
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
        // The receiving store's screens learn that the car it asked for is on its way.
        await StoreFeed.Publish(GrainFactory, toStoreId, now, "vehicle-status", Key.Vin, $"{Key.Vin} {s.Model} {s.Trim}: on its way from {fromStoreId} ({transferId})",
            new Dictionary<string, string>
            {
                ["vin"] = Key.Vin,
                ["model"] = s.Model,
                ["status"] = nameof(VehicleStatus.InTransit),
                ["transferId"] = transferId,
            });
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
        s.StoreId = toStoreId;
        s.TransferTo = null;
        s.Physical = VehicleStatus.InStock;
        s.InStockSince = now;
        // The car's list row moves to the receiving store with this write, so it is on exactly one store's list.
        await Commit(now, $"transferred in from {from} ({transferId})", VehicleStatus.TransferredOut, Status, LedgerEntryType.TransferIn, null, "");
        return View();
    }

    public async Task<Outcome<VehicleView>> StartTestDrive(string storeId, string driveId, string customerId)
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

        if (await BookedForAnother(customerId, clock.GetUtcNow()) is { } booked)
        {
            return Problem.Conflict("vehicle-booked",
                $"VIN {Key.Vin} is booked for another customer's test drive {await Slot(storeId, booked)} (booking {booked.BookingId}).");
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

    public async Task<Outcome<Page<VehicleEvent>>> GetHistory(string storeId, PageRequest page)
    {
        if ((Roles.Refused("read a car's history", RoleSets.VehicleReaders) ?? Owned(storeId)) is { } notHere)
        {
            return notHere;
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this history.");
        }

        var rows = await database.Page(
            $"SELECT revision, {VehicleHistoryRow.Columns} FROM vehicle_history WHERE group_id = $1 AND vin = $2 AND revision > $3 ORDER BY revision",
            r => (Revision: r.GetInt32(0), Event: VehicleHistoryRow.Read(r)), e => Cursor.From(e.Revision), page,
            Key.GroupId, Key.Vin, (int)Math.Clamp(Cursor.Number(page.After) ?? 0, 0, int.MaxValue));
        return new Page<VehicleEvent>([.. rows.Items.Select(r => r.Event)], rows.Next);
    }

    public async Task<Outcome<StockLedgerEntry>> CorrectLedger(string storeId, int quantity, string reason, string? operationId)
    {
        var errors = new FieldErrors().Required("reason", reason, 300);
        if (quantity is not (1 or -1))
        {
            errors.Add("quantity", "must be 1 (found on hand) or -1 (not on hand).");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint("Correct", Key.Vin, quantity, reason);
        if (await operations.Replay<StockLedgerEntry>(storeId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if ((Roles.Refused("correct the stock ledger", RoleSets.StockKeepers) ?? Scope.Check(Key.GroupId, storeId)) is { } refused)
        {
            return refused;
        }

        // This car's lines in this store are written by this grain alone, one at a time: the balance read here stays true.
        var lines = await database.List(
            "SELECT quantity, model, trim, colour, demo FROM stock_ledger WHERE store_id = $1 AND vin = $2 ORDER BY number",
            r => (Quantity: r.GetInt32(0), Model: r.GetString(1), Trim: r.GetString(2), Colour: r.GetString(3), Demo: r.GetBoolean(4)),
            storeId, Key.Vin);
        if (lines.Count == 0)
        {
            return Problem.Invalid("vin", "has no line in this store's ledger.");
        }

        var balance = lines.Sum(l => l.Quantity) + quantity;
        if (balance is not (0 or 1))
        {
            return Problem.Conflict("ledger-balance", $"VIN {Key.Vin} would stand at {balance}: a car is on hand once or not at all.");
        }

        var last = lines[^1];
        var entry = new StockLedgerEntry(0, clock.GetUtcNow(), Audit.Who, Key.Vin, LedgerEntryType.Correction, quantity, last.Model, last.Trim,
            last.Colour, last.Demo, reason);
        var sourceKey = $"{Key.Vin}:correction:{Guid.NewGuid():N}";
        List<Row> rows = [new StockLedgerRow(Key.GroupId, storeId, entry, sourceKey)];
        if (OperationLog.Record(storeId, operationId, fingerprint, entry, "CorrectStockLedger") is { } operation)
        {
            // The line's number is given by the store's ledger as it is written: the kept answer takes it from there.
            rows.Add(new LedgerNumberedOperationRow(operation, storeId, sourceKey));
        }

        try
        {
            return entry with { Number = (long)(await database.Write(rows))! };
        }
        catch (DuplicateOperationException)
        {
            return await operations.Replay<StockLedgerEntry>(storeId, operationId, fingerprint)
                ?? throw new InvalidOperationException($"Operation {operationId} was recorded but cannot be read back.");
        }
    }

    /// <summary>
    /// Not-found unless the car exists, belongs to <paramref name="storeId"/> and the caller may act in that store (a car in
    /// transfer admits the receiving store's staff too, to read it: they must not act in the sending store's name).
    /// </summary>
    private Problem? Owned(string storeId) =>
        Exists && state.State.StoreId == storeId && Covers(storeId) ? null : Problem.NotFound($"Vehicle {Key.Vin}");

    /// <summary>The car is on its way to <paramref name="storeId"/> (transfer approved, not yet received), which may read it.</summary>
    private bool Incoming(string storeId) =>
        Exists && state.State.Physical == VehicleStatus.TransferredOut && state.State.TransferTo == storeId && Covers(storeId);

    // A client's call must name a store its caller works in; a grain's call is part of a flow that grain checked.
    private bool Covers(string storeId) => !Caller.IsDirect || Scope.Check(Key.GroupId, storeId) is null;

    /// <summary>
    /// One change of the car: its next revision with its history entry, its stock-ledger line (if it moved stock) and its list row,
    /// and the Idempotency-Key, in one write; then the store's live feed (one-way).
    /// </summary>
    private async Task Commit(DateTimeOffset at, string what, VehicleStatus? from, VehicleStatus? to, LedgerEntryType? ledger,
        string? operationId, string fingerprint)
    {
        var s = state.State;
        s.Revision++;
        s.Pending.Add(new VehicleHistoryRow(Key.GroupId, Key.Vin, s.Revision, new VehicleEvent(at, Audit.Who, what, from, to, ledger, s.StoreId!)));
        if (ledger is { } type)
        {
            s.Pending.Add(new StockLedgerRow(Key.GroupId, s.StoreId!, new StockLedgerEntry(0, at, Audit.Who, Key.Vin, type,
                StockLedgerEntry.QuantityOf(type), s.Model, s.Trim, s.Colour, s.Demo, what), $"{Key.Vin}:{s.Revision}"));
        }

        // Partners hear of a car coming into stock and of transfers, in the same write (the webhooks' outbox).
        var partnerEvent = ledger switch
        {
            LedgerEntryType.Receipt => WebhookEventTypes.VehicleReceived,
            LedgerEntryType.TransferOut => WebhookEventTypes.TransferSent,
            LedgerEntryType.TransferIn => WebhookEventTypes.TransferReceived,
            _ => null,
        };
        if (partnerEvent is not null)
        {
            s.Pending.Add(PartnerEvents.Of(Key.GroupId, s.StoreId!, partnerEvent, Key.Vin, at, new
            {
                vin = Key.Vin,
                s.Model,
                s.Trim,
                s.Colour,
                storeId = s.StoreId,
                transferId = ledger == LedgerEntryType.Receipt ? null : s.TransferId,
                toStoreId = s.TransferTo,
                at,
            }));
        }

        s.Pending.Add(new VehicleRow(Key.GroupId, s.StoreId!, s.Cost, s.TransferTo, at,
            new VehicleSummary(Key.Vin, s.Model, s.Trim, s.Colour, Status, s.Demo, s.InStockSince, s.Revision, s.Certificate, s.FloorPlan,
                ArrivedInGroup())));
        if (OperationLog.Record(s.StoreId!, operationId, fingerprint, ViewOf(), "Vehicle") is { } operation)
        {
            s.Pending.Add(operation);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failure)
        {
            await state.ReadBackAfter(failure);
            throw;
        }

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
            s.FloorPlan, s.Reservation, s.InStockSince, s.Revision, s.OnTestDrive, ArrivedInGroup());
    }

    // A car stored before the group-level date was kept arrived, as far as it knows, when it came into this store's stock.
    private DateTimeOffset? ArrivedInGroup() => state.State.InStockSince is null ? null : state.State.ArrivedInGroup ?? state.State.InStockSince;
}
