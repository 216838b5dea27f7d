using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Grains.Common;

namespace Dealership.Grains.Parts;

public sealed class PartsItemState
{
    public string? GroupId { get; set; }
    public string Description { get; set; } = "";
    public string Bin { get; set; } = "";
    public int OnHand { get; set; }
    public int Revision { get; set; }
    public List<PartsMovementRecord> Movements { get; set; } = [];
    public RecentOperations Operations { get; set; } = new();
}

public sealed class PartsItemGrain(
    [PersistentState("parts-item", GrainsSetup.StorageName)] IPersistentState<PartsItemState> state,
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

        if (Exists)
        {
            var same = state.State.Description == item.Description && state.State.Bin == item.Bin;
            return same ? View() : Problem.Conflict("part-exists", $"Part {item.PartNumber} already exists in this store.");
        }

        var now = clock.GetUtcNow();
        state.State.GroupId = groupId;
        state.State.Description = item.Description;
        state.State.Bin = item.Bin;
        state.State.OnHand = item.OnHand;
        if (item.OnHand > 0)
        {
            state.State.Movements.Add(new PartsMovementRecord(now, Audit.Who, item.OnHand, PartsMovementReason.Receipt, "opening stock", item.OnHand));
        }

        await Commit(operationId, "", now);
        return View();
    }

    public Task<Outcome<PartsItemView>> Get() => Task.FromResult(Exists ? View() : NotFound());

    public async Task<Outcome<PartsItemView>> Update(string description, string bin)
    {
        var errors = new FieldErrors().Required("description", description, 120).Required("bin", bin, 20);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (!Exists)
        {
            return NotFound();
        }

        if (state.State.Description == description && state.State.Bin == bin)
        {
            return View();
        }

        state.State.Description = description;
        state.State.Bin = bin;
        await Commit(null, "", clock.GetUtcNow());
        return View();
    }

    public async Task<Outcome<PartsItemView>> Move(PartsMovement movement, string? operationId)
    {
        var errors = movement.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = RecentOperations.Fingerprint(nameof(Move), movement);
        if (state.State.Operations.TryReplay<PartsItemView>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        if (!Exists)
        {
            return NotFound();
        }

        var after = state.State.OnHand + movement.Quantity;
        if (after < 0)
        {
            return Problem.Refused("insufficient-stock", $"Only {state.State.OnHand} of {Key.PartNumber} on hand.");
        }

        var now = clock.GetUtcNow();
        state.State.OnHand = after;
        state.State.Movements.Add(new PartsMovementRecord(now, Audit.Who, movement.Quantity, movement.Reason, movement.Note, after));
        await Commit(operationId, fingerprint, now);
        await StoreFeed.Publish(GrainFactory, Key.StoreId, now, "parts-stock", Key.PartNumber,
            $"{Key.PartNumber}: {movement.Quantity:+#;-#} ({movement.Reason}), on hand {after}",
            new Dictionary<string, string>
            {
                ["partNumber"] = Key.PartNumber,
                ["quantity"] = movement.Quantity.ToString(CultureInfo.InvariantCulture),
                ["onHand"] = after.ToString(CultureInfo.InvariantCulture),
            });
        return View();
    }

    public Task<Outcome<IReadOnlyList<PartsMovementRecord>>> GetMovements() =>
        Task.FromResult(Exists
            ? new Outcome<IReadOnlyList<PartsMovementRecord>>(state.State.Movements.AsEnumerable().Reverse().ToArray(), null)
            : NotFound());

    private async Task Commit(string? operationId, string fingerprint, DateTimeOffset at)
    {
        state.State.Revision++;
        var view = ViewOf();
        state.State.Operations.Remember(operationId, fingerprint, view, at);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPartsIndexGrain>(GrainKeys.Store(Key.StoreId)).Apply(view);
    }

    private Outcome<PartsItemView> View() => ViewOf();

    private PartsItemView ViewOf() =>
        new(Key.StoreId, Key.PartNumber, state.State.Description, state.State.Bin, state.State.OnHand, state.State.Revision);

    private Problem NotFound() => Problem.NotFound($"Part {Key.PartNumber}");
}
