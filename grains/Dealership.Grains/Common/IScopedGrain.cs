namespace Dealership.Grains.Common;

/// <summary>
/// A grain that belongs to a group and, usually, to one store. The caller filter asks it where it
/// belongs before letting a client call in. A null group means "not created yet": only the
/// platform, or staff whose explicit store list names the store, get through (and then see not-found).
/// </summary>
public interface IScopedGrain
{
    ValueTask<GrainScope> GetScope();
}

/// <summary>
/// Where a grain belongs. <see cref="StoreId"/> is null for group-level grains. <see cref="AlsoStoreId"/> is a second store that
/// may reach it too — the receiving store of a car in transfer; the grain checks the store each call names.
/// </summary>
public readonly record struct GrainScope(string? GroupId, string? StoreId, string? AlsoStoreId = null);
