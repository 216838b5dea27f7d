using Dealership.Contracts.Common;

namespace Dealership.Contracts.Stores;

/// <summary>A read-only token that lets a wall screen watch one store's feed.</summary>
[GenerateSerializer, Immutable, Alias("BoardTokenInfo")]
public sealed record BoardTokenInfo(
    [property: Id(0)] string TokenId,
    [property: Id(1)] string Label,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] DateTimeOffset? RevokedAt,
    [property: Id(5)] string? RevokedBy);

/// <summary>The board tokens issued for a store. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IBoardTokensGrain")]
public interface IBoardTokensGrain : IGrainWithStringKey
{
    /// <summary>Records a new token id (the secret is derived by the gateway and never stored). Idempotent by id.</summary>
    [Alias("Issue")]
    Task<Outcome<BoardTokenInfo>> Issue(string groupId, string tokenId, string label);

    [Alias("Revoke")]
    Task<Outcome<BoardTokenInfo>> Revoke(string tokenId);

    [Alias("List")]
    Task<IReadOnlyList<BoardTokenInfo>> List();

    /// <summary>True if the token was issued for this store and not revoked.</summary>
    [Alias("IsValid"), AnyCaller]
    Task<bool> IsValid(string tokenId);
}
