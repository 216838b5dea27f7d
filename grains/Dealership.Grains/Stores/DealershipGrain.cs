using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;

namespace Dealership.Grains.Stores;

public sealed class DealershipState
{
    public string? GroupId { get; set; }
    public StoreProfile? Profile { get; set; }
    public StorePolicies Policies { get; set; } = StorePolicies.Default;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public int Revision { get; set; }
    public List<StoreChange> History { get; set; } = [];
}

public sealed class DealershipGrain(
    [PersistentState("dealership", "dealership")] IPersistentState<DealershipState> state,
    TimeProvider clock) : Grain, IDealershipGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    private bool IsOpen => state.State.Profile is not null;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(state.State.GroupId, StoreId));

    public Task<string?> GetGroupId() => Task.FromResult(state.State.GroupId);

    public Task<string?> GetTimeZoneId() => Task.FromResult(state.State.Profile?.TimeZoneId);

    public async Task<Outcome<StoreView>> Open(string groupId, StoreProfile profile, StorePolicies policies)
    {
        var errors = new FieldErrors().Id("groupId", groupId)
            .Nested("profile", profile.Validate())
            .Nested("policies", policies.Validate());
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (IsOpen)
        {
            // A retried create answers with the store; a different create for the same id is a conflict.
            return state.State.GroupId == groupId && state.State.Profile == profile && state.State.Policies == policies
                ? View()
                : Problem.Conflict("store-id-taken", $"Store id '{StoreId}' is already in use.");
        }

        // The group must exist; the group learns of the store before the store reports success,
        // and AddStore is idempotent, so a crash between the two writes heals on retry.
        var group = await GrainFactory.GetGrain<IGroupGrain>(GrainKeys.Group(groupId)).AddStore(StoreId);
        if (!group.IsOk)
        {
            return Problem.Invalid("groupId", $"group '{groupId}' does not exist.");
        }

        var now = clock.GetUtcNow();
        state.State.GroupId = groupId;
        state.State.Profile = profile;
        state.State.Policies = policies;
        state.State.CreatedAt = state.State.UpdatedAt = now;
        state.State.CreatedBy = state.State.UpdatedBy = Audit.Who;
        state.State.Revision = 1;
        state.State.History.Add(new StoreChange(now, Audit.Who, "opened"));
        await state.WriteStateAsync();
        return View();
    }

    public Task<Outcome<StoreView>> Get() =>
        Task.FromResult(IsOpen ? View() : (Outcome<StoreView>)NotFound());

    public async Task<Outcome<StoreView>> UpdateProfile(StoreProfile profile)
    {
        if (!IsOpen)
        {
            return NotFound();
        }

        var errors = profile.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (profile == state.State.Profile)
        {
            return View();
        }

        var what = Describe("profile", state.State.Profile!, profile);
        state.State.Profile = profile;
        await Record(what);
        return View();
    }

    public async Task<Outcome<StoreView>> UpdatePolicies(StorePolicies policies)
    {
        if (!IsOpen)
        {
            return NotFound();
        }

        var errors = policies.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (policies == state.State.Policies)
        {
            return View();
        }

        var what = Describe("policies", state.State.Policies, policies);
        state.State.Policies = policies;
        await Record(what);
        return View();
    }

    public Task<Outcome<IReadOnlyList<StoreChange>>> GetHistory() =>
        Task.FromResult(IsOpen
            ? new Outcome<IReadOnlyList<StoreChange>>(state.State.History.AsEnumerable().Reverse().ToArray(), null)
            : NotFound());

    private async Task Record(string what)
    {
        var now = clock.GetUtcNow();
        state.State.UpdatedAt = now;
        state.State.UpdatedBy = Audit.Who;
        state.State.Revision++;
        state.State.History.Add(new StoreChange(now, Audit.Who, what));
        await state.WriteStateAsync();
    }

    /// <summary>"policies: vatRate 0.13 → 0.09" — the audit line a manager reads.</summary>
    private static string Describe<T>(string area, T before, T after)
    {
        var changes = typeof(T).GetProperties()
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.DeclaringType == typeof(T))
            .Select(p => (p.Name, Old: p.GetValue(before), New: p.GetValue(after)))
            .Where(c => !Equals(c.Old, c.New))
            .Select(c => $"{char.ToLowerInvariant(c.Name[0])}{c.Name[1..]} {c.Old ?? "-"} → {c.New ?? "-"}");
        return $"{area}: {string.Join(", ", changes)}";
    }

    private Problem NotFound() => Problem.NotFound($"Store '{StoreId}'");

    private StoreView View()
    {
        var s = state.State;
        string zone = s.Profile!.TimeZoneId;
        return new StoreView(
            StoreId, s.GroupId!, s.Profile, s.Policies,
            StoreClock.ToStoreTime(s.CreatedAt, zone), s.CreatedBy,
            StoreClock.ToStoreTime(s.UpdatedAt, zone), s.UpdatedBy, s.Revision);
    }
}
