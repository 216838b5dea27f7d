using Dealership.Contracts.Common;
using Orleans.Concurrency;

namespace Dealership.Contracts.Targets;

/// <summary>
/// A store's month so far as group HQ sees it: its target and actuals, the share of the month gone, its stock and inventory
/// coefficient. <see cref="Version"/> grows with every refresh, so a stale summary never replaces a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreSummary")]
public sealed record StoreSummary(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string StoreName,
    [property: Id(2)] string Month,
    [property: Id(3)] TargetFigures Figures,
    [property: Id(4)] decimal TimeGone,
    [property: Id(5)] int InStock,
    [property: Id(6)] int InTransit,
    [property: Id(7)] decimal? Coefficient,
    [property: Id(8)] DateTimeOffset At,
    [property: Id(9)] long Version);

[GenerateSerializer, Immutable, Alias("RankedStore")]
public sealed record RankedStore(
    [property: Id(0)] int Rank,
    [property: Id(1)] StoreSummary Summary);

/// <summary>Every store of the group side by side, ranked by target progress (then retail sales), and the group's total.</summary>
[GenerateSerializer, Immutable, Alias("GroupRollup")]
public sealed record GroupRollup(
    [property: Id(0)] string GroupId,
    [property: Id(1)] IReadOnlyList<RankedStore> Stores,
    [property: Id(2)] TargetFigures Total,
    [property: Id(3)] DateTimeOffset? At);

/// <summary>
/// A store's summary for group HQ. Changes in the store (deals, targets, stock) only mark it stale, one-way; it refreshes at most
/// every <c>CoalesceMs</c> and pushes the result to its group. Key: <see cref="GrainKeys.Store"/>.
/// </summary>
[Alias("IStoreSummaryGrain")]
public interface IStoreSummaryGrain : IGrainWithStringKey
{
    [Alias("Changed"), OneWay, ForGrainsOnly]
    Task Changed();

    [Alias("Get")]
    Task<Outcome<StoreSummary>> Get();
}

/// <summary>The group's rollup: the latest summary of each store, pushed by the stores. Key: <see cref="GrainKeys.Group"/>.</summary>
[Alias("IGroupRollupGrain")]
public interface IGroupRollupGrain : IGrainWithStringKey
{
    [Alias("Update"), OneWay, ForGrainsOnly]
    Task Update(StoreSummary summary);

    [Alias("Get"), AlwaysInterleave]
    Task<Outcome<GroupRollup>> Get();
}
