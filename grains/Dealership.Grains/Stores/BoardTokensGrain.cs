using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Stores;

public sealed class BoardTokensState : RecordedState
{
    public string? GroupId { get; set; }
    public List<BoardTokenInfo> Tokens { get; set; } = [];
}

/// <summary>
/// The wall-screen tokens of a store. Only ids are kept: the gateway derives the secret from its signing key. The live tokens
/// (at most <see cref="MaxLive"/>) and the latest revoked ones are kept; a token no longer kept is no longer valid, and every
/// issue and revocation is in the audit trail.
/// </summary>
public sealed class BoardTokensGrain(
    [PersistentState("board-tokens", GrainsSetup.StorageName)] IPersistentState<BoardTokensState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IBoardTokensGrain, IScopedGrain
{
    /// <summary>How many live wall-screen tokens a store may have.</summary>
    public const int MaxLive = 50;

    /// <summary>How many revoked tokens are still listed (they are invalid either way).</summary>
    public const int RevokedKept = 20;

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<BoardTokenInfo>> Issue(string groupId, string tokenId, string label)
    {
        var errors = new FieldErrors().Required("label", label, 80);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("issue board tokens", RoleSets.BoardKeepers) is { } refused)
        {
            return refused;
        }

        if (state.State.Tokens.Find(t => t.TokenId == tokenId) is { } existing)
        {
            return existing.Label == label ? existing : Problem.Conflict("idempotency-key-reused", "This key already issued a token with another label.");
        }

        if (state.State.Tokens.Count(t => t.RevokedAt is null) >= MaxLive)
        {
            return Problem.Conflict("too-many-board-tokens", $"The store already has {MaxLive} live board tokens; revoke one first.");
        }

        var token = new BoardTokenInfo(tokenId, label, clock.GetUtcNow(), Audit.Who, null, null);
        state.State.GroupId = groupId;
        state.State.Tokens.Add(token);
        state.State.Pending.Add(new AuditRow(groupId, StoreId, "board-token", tokenId, token.CreatedAt, token.CreatedBy, $"board token issued: {label}"));
        await state.WriteStateAsync();
        return token;
    }

    public async Task<Outcome<BoardTokenInfo>> Revoke(string tokenId)
    {
        if (Roles.Refused("revoke board tokens", RoleSets.BoardKeepers) is { } refused)
        {
            return refused;
        }

        var index = state.State.Tokens.FindIndex(t => t.TokenId == tokenId);
        if (index < 0)
        {
            return Problem.NotFound($"Board token '{tokenId}'");
        }

        var token = state.State.Tokens[index];
        if (token.RevokedAt is not null)
        {
            return token;
        }

        token = token with { RevokedAt = clock.GetUtcNow(), RevokedBy = Audit.Who };
        state.State.Tokens[index] = token;
        var revoked = state.State.Tokens.Where(t => t.RevokedAt is not null).OrderBy(t => t.RevokedAt).ToList();
        state.State.Tokens.RemoveAll(t => revoked.Take(Math.Max(0, revoked.Count - RevokedKept)).Contains(t));
        state.State.Pending.Add(new AuditRow(state.State.GroupId ?? "", StoreId, "board-token", tokenId, token.RevokedAt.Value, token.RevokedBy!,
            $"board token revoked: {token.Label}"));
        await state.WriteStateAsync();
        return token;
    }

    public Task<IReadOnlyList<BoardTokenInfo>> List() => Task.FromResult<IReadOnlyList<BoardTokenInfo>>(state.State.Tokens.ToArray());

    public Task<bool> IsValid(string tokenId) =>
        Task.FromResult(state.State.Tokens.Exists(t => t.TokenId == tokenId && t.RevokedAt is null));
}
