using Dealership.Contracts.Common;

namespace Dealership.Contracts.Groups;

/// <summary>A dealer group: its name and its stores. Key: <see cref="GrainKeys.Group"/>.</summary>
[Alias("IGroupGrain")]
public interface IGroupGrain : IGrainWithStringKey
{
    /// <summary>Creates the group; repeating with the same name returns it, another name is a conflict.</summary>
    [Alias("Create")]
    Task<Outcome<GroupView>> Create(string name);

    /// <summary>The group and its store ids, or not-found.</summary>
    [Alias("Get")]
    Task<Outcome<GroupView>> Get();

    /// <summary>Adds a store to the group's list. Called by the store when it opens.</summary>
    [Alias("AddStore")]
    [ForGrainsOnly]
    Task<Outcome<GroupView>> AddStore(string storeId);
}

[GenerateSerializer, Immutable, Alias("GroupView")]
public sealed record GroupView(
    [property: Id(0)] string GroupId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> StoreIds,
    [property: Id(3)] DateTimeOffset CreatedAt);
