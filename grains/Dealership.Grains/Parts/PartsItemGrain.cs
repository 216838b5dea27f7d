using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Dealership.Grains.Stores;

namespace Dealership.Grains.Parts;

public sealed class PartsItemState : RecordedState
{
    public string? GroupId { get; set; }
    public string Description { get; set; } = "";
    public string Bin { get; set; } = "";
    public int OnHand { get; set; }
    public int Revision { get; set; }
    public PartsPlanningData Planning { get; set; } = new(null, PartsPlanningData.DefaultLeadTimeDays, 1, 0, 0m);
    public decimal AverageCost { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? LastMovementAt { get; set; }

    /// <summary>What is held now, per open repair order (a handful at a time; every hold and release is a row).</summary>
    public List<PartsReservation> Reservations { get; set; } = [];

    public int ReservationEventCount { get; set; }

    /// <summary>How many movements the part's log holds (the next one is numbered after it).</summary>
    public int MovementCount { get; set; }
}

/// <summary>
/// One part number in one store. Every change is one write: the part, its movement row (stock never below zero), the day's
/// demand (an issue or a counter sale; a return takes back) and its line on the store's parts list commit together. A receipt
/// moves the moving average cost.
/// </summary>
public sealed class PartsItemGrain(
    [PersistentState("parts-item", GrainsSetup.StorageName)] IPersistentState<PartsItemState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IPartsItemGrain, IScopedGrain, IIncomingGrainCallFilter
{
    private (string StoreId, string PartNumber) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.GroupId is not null;

    // A part not found (yet) is still its store's: the caller must cover the store, as for any part of it.
    public async ValueTask<GrainScope> GetScope() => new(state.State.GroupId ?? await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    /// <summary>
    /// A part an import brings in is written straight to its tables (thousands at a time, without a call each): an activation that
    /// found no part reads again before it answers, so it never misses one imported since it started.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!Exists)
        {
            await state.ReadStateAsync();
        }

        await context.Invoke();
    }

    public async Task<Outcome<PartsItemView>> Create(string groupId, NewPartsItem item, string? operationId)
    {
        var errors = item.Validate();
        if (item.PartNumber != Key.PartNumber)
        {
            errors.Add("partNumber", "does not match the item's key.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Scope.Check(groupId, Key.StoreId) is not null || await storeGroups.GroupOf(Key.StoreId) != groupId)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        return await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(Create), operationId, [groupId, item], "add parts", RoleSets.PartsKeepers),
            () => null,
            () =>
            {
                if (Exists)
                {
                    var same = state.State.Description == item.Description && state.State.Bin == item.Bin && state.State.Planning == item.Planning;
                    return Task.FromResult<Outcome<PartsItemView>>(same ? ViewOf() : Problem.Conflict("part-exists", $"Part {item.PartNumber} already exists in this store."));
                }

                state.State = Opened(Key.StoreId, groupId, item, clock.GetUtcNow(), Audit.Who, null);
                return Task.FromResult<Outcome<PartsItemView>>(ViewOf());
            });
    }

    public Task<Outcome<PartsItemView>> Get() =>
        Task.FromResult(Roles.Refused("read the parts stock", RoleSets.PartsReaders) ?? (Exists ? View() : NotFound()));

    public async Task<Outcome<PartsItemView>> Update(string description, string bin)
    {
        var errors = new FieldErrors().Required("description", description, 120).Required("bin", bin, 20);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(Update), null, [description, bin], "change parts", RoleSets.PartsKeepers),
            () => Exists ? null : NotFound(),
            () =>
            {
                if (state.State.Description != description || state.State.Bin != bin)
                {
                    state.State.Description = description;
                    state.State.Bin = bin;
                    Stage(clock.GetUtcNow());
                }

                return Task.FromResult<Outcome<PartsItemView>>(ViewOf());
            });
    }

    public async Task<Outcome<PartsItemView>> Move(PartsMovement movement, string? operationId)
    {
        var errors = movement.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var now = clock.GetUtcNow();

        // Only an issue, a sale or a return is demand, counted on a store-local day: the others need not ask the store its zone.
        var zone = IsDemand(movement.Reason) ? StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId)) : TimeZoneInfo.Utc;
        var day = StoreFacts.LocalDate(now, zone);

        // A return to stock from a repair order gives back at most what was issued to it, and takes its demand back on the day
        // it was issued, so a part issued on Monday and returned on Wednesday leaves no demand behind.
        var issued = movement is { Reason: PartsMovementReason.ReturnFromRepair, RepairOrder: { } returnedFrom }
            ? await database.First(
                "SELECT COALESCE(-sum(quantity), 0)::integer, max(at) FILTER (WHERE reason = 'IssueToRepair') FROM parts_movements " +
                "WHERE store_id = $1 AND part_number = $2 AND repair_order = $3",
                r => (Net: r.GetInt32(0), LastIssue: r.IsDBNull(1) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(1)),
                Key.StoreId, Key.PartNumber, returnedFrom)
            : default;
        if (issued.LastIssue is { } issuedAt)
        {
            day = StoreFacts.LocalDate(issuedAt, zone);
        }

        var moved = await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(Move), operationId, [movement], "move parts stock", RoleSets.PartsKeepers),
            () => Exists ? null : NotFound(),
            () =>
            {
                if (state.State.OnHand + movement.Quantity < 0)
                {
                    return Task.FromResult<Outcome<PartsItemView>>(
                        Problem.Refused("insufficient-stock", $"Only {state.State.OnHand} of {Key.PartNumber} on hand."));
                }

                // An issue or a sale may not take what is held for another repair order; a count correction is what the shelf says.
                var held = movement.RepairOrder is { } order ? state.State.Reservations.Find(r => r.RepairOrder == order) : null;
                if (movement.Quantity < 0 && movement.Reason != PartsMovementReason.Correction
                    && -movement.Quantity > Available + (held?.Quantity ?? 0))
                {
                    return Task.FromResult<Outcome<PartsItemView>>(Problem.Refused("insufficient-stock",
                        $"Only {Available + (held?.Quantity ?? 0)} of {Key.PartNumber} available ({state.State.OnHand} on hand, " +
                        $"{Reserved} held for repair orders)."));
                }

                if (movement is { Reason: PartsMovementReason.ReturnFromRepair, RepairOrder: { } order2 } && movement.Quantity > issued.Net)
                {
                    return Task.FromResult<Outcome<PartsItemView>>(Problem.Refused("return-exceeds-issue",
                        $"Only {issued.Net} of {Key.PartNumber} were issued to {order2} and not yet returned."));
                }

                AddMovement(now, movement.Quantity, movement.Reason, movement.Note, movement.UnitCost, day, movement.RepairOrder);
                if (held is not null && movement.Quantity < 0)
                {
                    Hold(now, held.RepairOrder, "Issued", -Math.Min(held.Quantity, -movement.Quantity));
                }

                Stage(now);
                return Task.FromResult<Outcome<PartsItemView>>(ViewOf());
            },
            view => StoreFeed.Publish(GrainFactory, Key.StoreId, now, "parts-stock", Key.PartNumber,
                $"{Key.PartNumber}: {movement.Quantity:+#;-#} ({movement.Reason}), on hand {view.OnHand}",
                new Dictionary<string, string>
                {
                    ["partNumber"] = Key.PartNumber,
                    ["quantity"] = movement.Quantity.ToString(CultureInfo.InvariantCulture),
                    ["onHand"] = view.OnHand.ToString(CultureInfo.InvariantCulture),
                }));

        if (movement.Reason is PartsMovementReason.IssueToRepair or PartsMovementReason.CounterSale)
        {
            await RecordShortfall(moved, now, day, -movement.Quantity);
        }

        return moved;
    }

    public async Task<Outcome<PartsItemView>> TakeIn(int quantity, decimal unitCost, string note, string source)
    {
        if (!Exists)
        {
            return NotFound();
        }

        // Once per source for good: the movement rows say whether this receipt line was taken in already.
        if (quantity <= 0 || await database.First("SELECT 1 FROM parts_movements WHERE store_id = $1 AND part_number = $2 AND source = $3",
            r => r.GetInt32(0), Key.StoreId, Key.PartNumber, source) == 1)
        {
            return ViewOf();
        }

        var now = clock.GetUtcNow();
        AddMovement(now, quantity, PartsMovementReason.Receipt, note, unitCost, null, null, source);
        Stage(now);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failure)
        {
            await state.ReadBackAfter(failure);
            throw;
        }

        return ViewOf();
    }

    public async Task<Outcome<PartsItemView>> Reserve(string repairOrder, int quantity, string? operationId)
    {
        var errors = new FieldErrors().Range("quantity", quantity, 1, 100_000);
        if (PartsReservation.RepairOrderProblem(repairOrder) is { } problem)
        {
            errors.Add("repairOrder", problem);
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var held = await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(Reserve), operationId, [repairOrder, quantity], "hold parts for a repair", RoleSets.PartsHolders),
            () => Exists ? null : NotFound(),
            () =>
            {
                if (quantity > Available)
                {
                    return Task.FromResult<Outcome<PartsItemView>>(Problem.Refused("insufficient-stock",
                        $"Only {Available} of {Key.PartNumber} available ({state.State.OnHand} on hand, {Reserved} held for repair orders)."));
                }

                Hold(now, repairOrder, "Reserved", quantity);
                Stage(now);
                return Task.FromResult<Outcome<PartsItemView>>(ViewOf());
            });

        if (held.Problem is { Code: "insufficient-stock" })
        {
            await RecordShortfall(held, now, StoreFacts.LocalDate(now, StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId))), quantity);
        }

        return held;
    }

    public async Task<Outcome<PartsItemView>> Release(string repairOrder, string? operationId)
    {
        if (PartsReservation.RepairOrderProblem(repairOrder) is not null)
        {
            return Problem.NotFound($"A hold of {Key.PartNumber} for {repairOrder}");
        }

        var now = clock.GetUtcNow();
        return await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(Release), operationId, [repairOrder], "release held parts", RoleSets.PartsHolders),
            () => !Exists ? NotFound()
                : state.State.Reservations.Exists(r => r.RepairOrder == repairOrder) ? null
                : Problem.NotFound($"A hold of {Key.PartNumber} for {repairOrder}"),
            () =>
            {
                Hold(now, repairOrder, "Released", -state.State.Reservations.Find(r => r.RepairOrder == repairOrder)!.Quantity);
                Stage(now);
                return Task.FromResult<Outcome<PartsItemView>>(ViewOf());
            });
    }

    public async Task<Outcome<PartsItemView>> SetPlanning(PartsPlanningData planning, string? operationId)
    {
        var errors = planning.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(SetPlanning), operationId, [planning], "plan parts", RoleSets.PartsKeepers),
            () => Exists ? null : NotFound(),
            () =>
            {
                if (state.State.Planning != planning)
                {
                    // A part's price and minimum matter to an auditor: what changed, who and when, with the change.
                    var now = clock.GetUtcNow();
                    state.State.Pending.Add(new AuditRow(state.State.GroupId!, Key.StoreId, "parts-item", Key.PartNumber, now, Audit.Who,
                        StoreRules.Describe("planning", state.State.Planning, planning)));
                    state.State.Planning = planning;
                    Stage(now);
                }

                return Task.FromResult<Outcome<PartsItemView>>(ViewOf());
            });
    }

    public async Task<Outcome<Page<PartsMovementRecord>>> GetMovements(PageRequest page)
    {
        if (Roles.Refused("read parts movements", RoleSets.PartsReaders) is { } refused)
        {
            return refused;
        }

        if (!Exists)
        {
            return NotFound();
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of these movements.");
        }

        var rows = await database.Page(
            $"SELECT {PartsMovementRow.Columns} FROM parts_movements WHERE store_id = $1 AND part_number = $2 " +
            "AND number < $3 ORDER BY number DESC",
            r => (Number: r.GetInt32(0), Movement: PartsMovementRow.Read(r)), m => Cursor.From(m.Number), page,
            Key.StoreId, Key.PartNumber, (int)Math.Min(Cursor.Number(page.After) ?? int.MaxValue, int.MaxValue));
        return new Page<PartsMovementRecord>([.. rows.Items.Select(r => r.Movement)], rows.Next);
    }

    /// <summary>
    /// An ask the shelf could not fill (an issue, a sale or a hold refused for want of stock), kept for the fill rate: written on
    /// its own, since the refusal changes nothing of the part.
    /// </summary>
    private async Task RecordShortfall(Outcome<PartsItemView> outcome, DateTimeOffset now, DateOnly day, int asked)
    {
        if (outcome.Problem is { Code: "insufficient-stock" } && Exists && asked > 0)
        {
            await database.Write([new PartsShortfallRow(Key.StoreId, Key.PartNumber, now, day, asked, Math.Max(0, Available), Audit.Who)]);
        }
    }

    /// <param name="unitCost">A receipt's cost per unit (null: valued at the current average).</param>
    /// <param name="day">The store-local day the movement counts as demand on (null for opening stock).</param>
    /// <param name="repairOrder">The repair order an issue or a return names, kept on the movement.</param>
    private void AddMovement(DateTimeOffset now, int quantity, PartsMovementReason reason, string? note, decimal? unitCost, DateOnly? day,
        string? repairOrder, string? source = null)
    {
        var s = state.State;
        if (reason == PartsMovementReason.Receipt && unitCost is { } cost && s.OnHand + quantity > 0)
        {
            // Moving average: what was on hand at its average, plus what arrived at its cost, over the new quantity.
            s.AverageCost = decimal.Round(((Math.Max(0, s.OnHand) * s.AverageCost) + (quantity * cost)) / (Math.Max(0, s.OnHand) + quantity), 4);
        }

        s.OnHand += quantity;
        s.MovementCount++;
        s.LastMovementAt = now;
        s.Pending.Add(new PartsMovementRow(Key.StoreId, Key.PartNumber, s.MovementCount,
            new PartsMovementRecord(now, Audit.Who, quantity, reason, note, s.OnHand, reason == PartsMovementReason.Receipt ? unitCost : null, repairOrder),
            source));
        if (day is { } d && IsDemand(reason))
        {
            s.Pending.Add(new PartsDemandRow(Key.StoreId, Key.PartNumber, d, -quantity));
        }
    }

    /// <summary>An issue to a repair or a counter sale is demand; a return from a repair takes it back.</summary>
    private static bool IsDemand(PartsMovementReason reason) =>
        reason is PartsMovementReason.IssueToRepair or PartsMovementReason.CounterSale or PartsMovementReason.ReturnFromRepair;

    private int Reserved => state.State.Reservations.Sum(r => r.Quantity);

    private int Available => state.State.OnHand - Reserved;

    /// <summary>Changes what is held for <paramref name="repairOrder"/> by <paramref name="quantity"/> and records it; a hold at 0 is gone.</summary>
    private void Hold(DateTimeOffset now, string repairOrder, string kind, int quantity)
    {
        var s = state.State;
        var index = s.Reservations.FindIndex(r => r.RepairOrder == repairOrder);
        var left = (index < 0 ? 0 : s.Reservations[index].Quantity) + quantity;
        if (index >= 0)
        {
            s.Reservations.RemoveAt(index);
        }

        if (left > 0)
        {
            s.Reservations.Add(new PartsReservation(repairOrder, left, now, Audit.Who));
        }

        s.ReservationEventCount++;
        s.Pending.Add(new PartsReservationRow(Key.StoreId, Key.PartNumber, s.ReservationEventCount, repairOrder, kind, quantity, now, Audit.Who));
    }

    /// <summary>The part's next revision and its list row, to be written with the change.</summary>
    private void Stage(DateTimeOffset now)
    {
        state.State.Revision++;
        state.State.Pending.Add(new PartsItemRow(state.State.GroupId!, now, state.State.CreatedAt ?? now, ViewOf()));
    }

    /// <summary>
    /// A new part's state with the rows its creation writes (its list row and its opening stock, a receipt at its cost): one path
    /// for a part added by hand and for the parts an import brings in (<paramref name="source"/> names the import).
    /// </summary>
    internal static PartsItemState Opened(string storeId, string groupId, NewPartsItem item, DateTimeOffset now, string by, string? source)
    {
        var s = new PartsItemState
        {
            GroupId = groupId,
            Description = item.Description,
            Bin = item.Bin,
            Planning = item.Planning,
            AverageCost = item.Cost,
            CreatedAt = now,
            Revision = 1,
        };
        if (item.OnHand > 0)
        {
            s.OnHand = item.OnHand;
            s.MovementCount = 1;
            s.LastMovementAt = now;
            s.Pending.Add(new PartsMovementRow(storeId, item.PartNumber, 1,
                new PartsMovementRecord(now, by, item.OnHand, PartsMovementReason.Receipt, "opening stock", item.OnHand, item.Cost), source));
        }

        s.Pending.Add(new PartsItemRow(groupId, now, now, ViewOf(storeId, item.PartNumber, s)));
        return s;
    }

    private Outcome<PartsItemView> View() => ViewOf();

    private PartsItemView ViewOf() => ViewOf(Key.StoreId, Key.PartNumber, state.State);

    private static PartsItemView ViewOf(string storeId, string partNumber, PartsItemState s) =>
        new(storeId, partNumber, s.Description, s.Bin, s.OnHand, s.Revision, s.Planning, s.AverageCost, s.LastMovementAt,
            s.Reservations.Sum(r => r.Quantity), [.. s.Reservations.OrderBy(r => r.At)]);

    private Problem NotFound() => Problem.NotFound($"Part {Key.PartNumber}");
}
