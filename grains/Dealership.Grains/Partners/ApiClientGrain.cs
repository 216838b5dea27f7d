using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Partners;

public sealed class ApiClientState : RecordedState
{
    public string? Name { get; set; }
    public StaffRole Role { get; set; }
    public List<string> StoreIds { get; set; } = [];
    public bool WholeGroup { get; set; }
    public List<string> Scopes { get; set; } = [];
    public string SecretHash { get; set; } = "";
    public DateTimeOffset SecretIssuedAt { get; set; }
    public string? PreviousSecretHash { get; set; }
    public DateTimeOffset? PreviousSecretUntil { get; set; }
    public DateTimeOffset? LastTokenAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Revision { get; set; }
}

/// <summary>
/// A partner system's access to a group: who registered it, the role and stores it acts in, its scopes, and the hash of its secret
/// (and of the one before, for a day after a rotation). Every change and every token issued is on the audit trail; everything the
/// client does through its tokens is recorded under its client id, as a member's work is under their username.
/// </summary>
public sealed class ApiClientGrain(
    [PersistentState("api-client", GrainsSetup.StorageName)] IPersistentState<ApiClientState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IApiClientGrain, IScopedGrain
{
    /// <summary>How long a rotated-out secret keeps working: a working day to deploy the new one, with the night to spare.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    private (string GroupId, string ClientId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.Name is not null;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(Key.GroupId, null));

    public async Task<Outcome<ApiClientSecret>> Register(NewApiClient client)
    {
        var errors = client.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (GroupAdministrator() is { } refused)
        {
            return refused;
        }

        if (await StoresOfGroup(client.StoreIds) is { } notOurs)
        {
            return notOurs;
        }

        var now = clock.GetUtcNow();
        var s = state.State;
        if (Exists)
        {
            // The same Idempotency-Key again: the first answer, with its secret, may never have arrived. The registration is the
            // same one; its secret is issued again and the first one stops working (nobody can have deployed it yet).
            var same = s.Name == client.Name && s.Role == client.Role && s.WholeGroup == client.WholeGroup
                && s.StoreIds.SequenceEqual(client.StoreIds) && s.Scopes.SequenceEqual(client.Scopes) && s.RevokedAt is null;
            if (!same)
            {
                return Problem.Conflict("idempotency-key-reused", "This Idempotency-Key registered a different API client.");
            }

            return await NewSecret(now, "secret issued again for a retried registration", overlap: false);
        }

        if (!await GrainFactory.GetGrain<ILoginGrain>(GrainKeys.ApiClientLogin(Key.ClientId)).Claim(Key.GroupId))
        {
            return Problem.Conflict("client-id-taken", $"Client id '{Key.ClientId}' is in use.");
        }

        (s.Name, s.Role, s.StoreIds, s.WholeGroup, s.Scopes) = (client.Name, client.Role, [.. client.StoreIds], client.WholeGroup, [.. client.Scopes]);
        (s.CreatedAt, s.CreatedBy, s.Revision) = (now, Audit.Who, 1);
        return await NewSecret(now, $"registered as {client.Role} in {Where()} with {string.Join(' ', client.Scopes)}", overlap: false);
    }

    public Task<Outcome<ApiClientView>> Get() => Task.FromResult(Exists ? (Outcome<ApiClientView>)ViewOf() : NotFound());

    public async Task<Outcome<ApiClientSecret>> RotateSecret()
    {
        if (!Exists)
        {
            return NotFound();
        }

        if (GroupAdministrator() is { } refused)
        {
            return refused;
        }

        if (state.State.RevokedAt is not null)
        {
            return Problem.Conflict("client-revoked", "This API client is revoked: register a new one.");
        }

        return await NewSecret(clock.GetUtcNow(), "secret rotated", overlap: true);
    }

    public async Task<Outcome<ApiClientView>> Revoke()
    {
        if (!Exists)
        {
            return NotFound();
        }

        if (GroupAdministrator() is { } refused)
        {
            return refused;
        }

        var s = state.State;
        if (s.RevokedAt is not null)
        {
            return ViewOf();
        }

        var now = clock.GetUtcNow();
        (s.RevokedAt, s.RevokedBy, s.PreviousSecretHash, s.PreviousSecretUntil) = (now, Audit.Who, null, null);
        s.Revision++;
        Record(now, Audit.Who, "revoked: no more tokens, and its tokens are refused");
        await state.WriteStateAsync();
        return ViewOf();
    }

    public async Task<Outcome<ApiClientGrant>> Authenticate(string secret, IReadOnlyList<string>? scopes)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var matches = Exists && (ApiSecrets.Matches(s.SecretHash, secret ?? "")
            | (s.PreviousSecretUntil > now && ApiSecrets.Matches(s.PreviousSecretHash, secret ?? "")));
        if (!matches || s.RevokedAt is not null)
        {
            return Problem.Refused("invalid-client", "Unknown client, wrong secret, or a revoked client.");
        }

        var granted = scopes is null ? s.Scopes : [.. scopes.Distinct(StringComparer.Ordinal)];
        if (granted.FirstOrDefault(asked => !s.Scopes.Contains(asked, StringComparer.Ordinal)) is { } beyond)
        {
            return Problem.Refused("invalid-scope", $"'{beyond}' is not among this client's scopes ({string.Join(' ', s.Scopes)}).");
        }

        s.LastTokenAt = now;
        Record(now, AuditName, $"token issued for {string.Join(' ', granted)}");
        await state.WriteStateAsync();
        var caller = new Caller(Key.ClientId, Key.GroupId, s.Role, [.. s.StoreIds], s.WholeGroup, s.Name!, CallerKind.Partner);
        return new ApiClientGrant(caller, s.Revision, granted);
    }

    public Task<StaffStanding> GetStanding() => Task.FromResult(new StaffStanding(Exists && state.State.RevokedAt is null, state.State.Revision));

    private async Task<Outcome<ApiClientSecret>> NewSecret(DateTimeOffset now, string what, bool overlap)
    {
        var s = state.State;
        var secret = ApiSecrets.New();
        (s.PreviousSecretHash, s.PreviousSecretUntil) = overlap ? (s.SecretHash, now + RotationOverlap) : ((string?)null, (DateTimeOffset?)null);
        (s.SecretHash, s.SecretIssuedAt) = (ApiSecrets.Hash(secret), now);
        Record(now, Audit.Who, what);
        await state.WriteStateAsync();
        return new ApiClientSecret(Key.ClientId, secret, ViewOf());
    }

    /// <summary>API clients reach into every store they are given: registering and rotating them is the whole group's IT's.</summary>
    private static Problem? GroupAdministrator() =>
        Roles.Refused("manage API clients", RoleSets.Administrators)
        ?? (Caller.IsDirect && Caller.Current is { IsPlatform: false, WholeGroup: false }
            ? Problem.Forbidden("Only an administrator of the whole group manages API clients.")
            : null);

    private async Task<Problem?> StoresOfGroup(IReadOnlyList<string> storeIds)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < storeIds.Count; i++)
        {
            if (await storeGroups.GroupOf(storeIds[i]) != Key.GroupId)
            {
                errors.Add($"storeIds[{i}]", $"'{storeIds[i]}' is not a store of this group.");
            }
        }

        return errors.Any ? Problem.Invalid(errors) : null;
    }

    private string Where() => state.State.WholeGroup ? "the whole group" : string.Join(", ", state.State.StoreIds);

    private string AuditName => $"{Key.ClientId} ({state.State.Name})";

    private void Record(DateTimeOffset at, string by, string what)
    {
        state.State.Pending.Add(new AuditRow(Key.GroupId, null, "api-client", Key.ClientId, at, by, what));
        state.State.Pending.Add(new ApiClientRow(ViewOf()));
    }

    private ApiClientView ViewOf()
    {
        var s = state.State;
        return new ApiClientView(Key.ClientId, Key.GroupId, s.Name!, s.Role, [.. s.StoreIds], s.WholeGroup, [.. s.Scopes], s.CreatedAt, s.CreatedBy,
            s.SecretIssuedAt, s.PreviousSecretUntil, s.LastTokenAt, s.RevokedAt, s.RevokedBy, s.Revision);
    }

    private Problem NotFound() => Problem.NotFound($"API client '{Key.ClientId}'");
}
