using Dealership.Contracts.Common;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;

namespace Dealership.Grains.Stores;

public sealed class BoardTokensState
{
    public string? GroupId { get; set; }
    public List<BoardTokenInfo> Tokens { get; set; } = [];
}

/// <summary>The wall-screen tokens of a store. Only ids are kept: the gateway derives the secret from its signing key.</summary>
public sealed class BoardTokensGrain(
    [PersistentState("board-tokens", GrainsSetup.StorageName)] IPersistentState<BoardTokensState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IBoardTokensGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<BoardTokenInfo>> Issue(string groupId, string tokenId, string label)
    {
        var errors = new FieldErrors().Required("label", label, 80);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (state.State.Tokens.Find(t => t.TokenId == tokenId) is { } existing)
        {
            return existing.Label == label ? existing : Problem.Conflict("idempotency-key-reused", "This key already issued a token with another label.");
        }

        var token = new BoardTokenInfo(tokenId, label, clock.GetUtcNow(), Audit.Who, null, null);
        state.State.GroupId = groupId;
        state.State.Tokens.Add(token);
        await state.WriteStateAsync();
        return token;
    }

    public async Task<Outcome<BoardTokenInfo>> Revoke(string tokenId)
    {
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
        await state.WriteStateAsync();
        return token;
    }

    public Task<IReadOnlyList<BoardTokenInfo>> List() => Task.FromResult<IReadOnlyList<BoardTokenInfo>>(state.State.Tokens.ToArray());

    public Task<bool> IsValid(string tokenId) =>
        Task.FromResult(state.State.Tokens.Exists(t => t.TokenId == tokenId && t.RevokedAt is null));
}
