using System.Collections.Concurrent;
using Dealership.Contracts.Common;
using Dealership.Contracts.Stores;

namespace Dealership.Grains.Common;

/// <summary>
/// Which group a store belongs to. A store never changes group once opened, so answers are cached
/// for the life of the silo; only known stores are cached.
/// </summary>
public sealed class StoreGroups(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, string> known = new(StringComparer.Ordinal);

    public async ValueTask<string?> GroupOf(string storeId)
    {
        if (known.TryGetValue(storeId, out var groupId))
        {
            return groupId;
        }

        groupId = await grains.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).GetGroupId();
        if (groupId is not null)
        {
            known[storeId] = groupId;
        }

        return groupId;
    }
}
