using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Grains.Common;

namespace Dealership.Grains.Groups;

public sealed class GroupState
{
    public string? Name { get; set; }
    public List<string> StoreIds { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

public sealed class GroupGrain(
    [PersistentState("group", "dealership")] IPersistentState<GroupState> state,
    BusinessClock clock) : Grain, IGroupGrain, IScopedGrain
{
    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task<Outcome<GroupView>> Create(string name)
    {
        var errors = new FieldErrors().Required("name", name, 100);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (state.State.Name is not null)
        {
            return state.State.Name == name
                ? View()
                : Problem.Conflict("group-exists", $"Group '{GroupId}' already exists with another name.");
        }

        state.State.Name = name;
        state.State.CreatedAt = clock.GetUtcNow();
        state.State.CreatedBy = Audit.Who;
        await state.WriteStateAsync();
        return View();
    }

    public Task<Outcome<GroupView>> Get() =>
        Task.FromResult(state.State.Name is null ? Problem.NotFound($"Group '{GroupId}'") : (Outcome<GroupView>)View());

    public async Task<Outcome<GroupView>> AddStore(string storeId)
    {
        if (state.State.Name is null)
        {
            return Problem.NotFound($"Group '{GroupId}'");
        }

        if (!state.State.StoreIds.Contains(storeId, StringComparer.Ordinal))
        {
            state.State.StoreIds.Add(storeId);
            await state.WriteStateAsync();
        }

        return View();
    }

    private GroupView View() => new(GroupId, state.State.Name!, state.State.StoreIds.ToArray(), state.State.CreatedAt);
}
