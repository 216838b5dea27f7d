namespace Dealership.Contracts.Stores;

/// <summary>A store as staff see it. Times are in the store's own time zone.</summary>
[GenerateSerializer, Immutable, Alias("StoreView")]
public sealed record StoreView(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string GroupId,
    [property: Id(2)] StoreProfile Profile,
    [property: Id(3)] StorePolicies Policies,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] string UpdatedBy,
    [property: Id(8)] int Revision);

/// <summary>One recorded change to a store's profile or policies: who, when, what.</summary>
[GenerateSerializer, Immutable, Alias("StoreChange")]
public sealed record StoreChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string What);
