using Dealership.Contracts.Staff;
using Dealership.Grains.Common;

namespace Dealership.Grains.Staff;

public sealed class LoginState
{
    public string? GroupId { get; set; }
}

/// <summary>Keeps usernames unique across the cluster, so sign-in needs only a username.</summary>
public sealed class LoginGrain(
    [PersistentState("login", GrainsSetup.StorageName)] IPersistentState<LoginState> state) : Grain, ILoginGrain, IScopedGrain
{
    // Only the platform (the gateway's sign-in) and the staff grains call this; no staff scope covers it.
    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(null, null));

    public async Task<bool> Claim(string groupId)
    {
        if (state.State.GroupId is { } owner)
        {
            return owner == groupId;
        }

        state.State.GroupId = groupId;
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> GetGroupId() => Task.FromResult(state.State.GroupId);
}
