using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Parts;

public sealed class PartsItemState : RecordedState
{
    public string? GroupId { get; set; }
    public string Description { get; set; } = "";
    public string Bin { get; set; } = "";
    public int OnHand { get; set; }
    public int Revision { get; set; }

    /// <summary>How many movements the part's log holds (the next one is numbered after it).</summary>
    public int MovementCount { get; set; }
}

/// <summary>
/// One part number in one store. Every change is one write: the part, its movement row (stock never below zero) and its
/// line on the store's parts list commit together.
/// </summary>
public sealed class PartsItemGrain(
    [PersistentState("parts-item", GrainsSetup.StorageName)] IPersistentState<PartsItemState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IPartsItemGrain, IScopedGrain
{
    private (string StoreId, string PartNumber) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.GroupId is not null;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(state.State.GroupId, Key.StoreId));

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
                    var same = state.State.Description == item.Description && state.State.Bin == item.Bin;
                    return Task.FromResult<Outcome<PartsItemView>>(same ? ViewOf() : Problem.Conflict("part-exists", $"Part {item.PartNumber} already exists in this store."));
                }

                var now = clock.GetUtcNow();
                state.State.GroupId = groupId;
                state.State.Description = item.Description;
                state.State.Bin = item.Bin;
                if (item.OnHand > 0)
                {
                    AddMovement(now, item.OnHand, PartsMovementReason.Receipt, "opening stock");
                }

                Stage(now);
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
        return await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(Move), operationId, [movement], "move parts stock", RoleSets.PartsKeepers),
            () => Exists ? null : NotFound(),
            () =>
            {
                if (state.State.OnHand + movement.Quantity < 0)
                {
                    return Task.FromResult<Outcome<PartsItemView>>(
                        Problem.Refused("insufficient-stock", $"Only {state.State.OnHand} of {Key.PartNumber} on hand."));
                }

                AddMovement(now, movement.Quantity, movement.Reason, movement.Note);
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
            "SELECT number, at, by, quantity, reason, note, on_hand_after FROM parts_movements WHERE store_id = $1 AND part_number = $2 " +
            "AND number < $3 ORDER BY number DESC",
            r => (Number: r.GetInt32(0), Movement: PartsMovementRow.Read(r)), m => Cursor.From(m.Number), page,
            Key.StoreId, Key.PartNumber, (int)Math.Min(Cursor.Number(page.After) ?? int.MaxValue, int.MaxValue));
        return new Page<PartsMovementRecord>([.. rows.Items.Select(r => r.Movement)], rows.Next);
    }

    private void AddMovement(DateTimeOffset now, int quantity, PartsMovementReason reason, string? note)
    {
        var s = state.State;
        s.OnHand += quantity;
        s.MovementCount++;
        s.Pending.Add(new PartsMovementRow(Key.StoreId, Key.PartNumber, s.MovementCount,
            new PartsMovementRecord(now, Audit.Who, quantity, reason, note, s.OnHand)));
    }

    /// <summary>The part's next revision and its list row, to be written with the change.</summary>
    private void Stage(DateTimeOffset now)
    {
        state.State.Revision++;
        state.State.Pending.Add(new PartsItemRow(state.State.GroupId!, now, ViewOf()));
    }

    private Outcome<PartsItemView> View() => ViewOf();

    private PartsItemView ViewOf() =>
        new(Key.StoreId, Key.PartNumber, state.State.Description, state.State.Bin, state.State.OnHand, state.State.Revision);

    private Problem NotFound() => Problem.NotFound($"Part {Key.PartNumber}");
}
