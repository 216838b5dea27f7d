using Dealership.Contracts.Common;
using Dealership.Contracts.Stores;
using Microsoft.Extensions.Caching.Memory;

namespace Dealership.Gateway.Stores;

/// <summary>A store's group (never changes once open) and time zone, cached per gateway for a minute.</summary>
public sealed class StoreDirectory(IClusterClient cluster, IMemoryCache cache)
{
    public sealed record Entry(string GroupId, string TimeZoneId);

    public async ValueTask<Entry?> Find(string storeId)
    {
        if (cache.TryGetValue(("store", storeId), out Entry? entry))
        {
            return entry;
        }

        var store = cluster.GetGrain<IStoreGrain>(GrainKeys.Store(storeId));
        if (await store.GetGroupId() is not { } groupId)
        {
            return null;
        }

        entry = new Entry(groupId, await store.GetTimeZoneId() ?? "UTC");
        cache.Set(("store", storeId), entry, TimeSpan.FromMinutes(1));
        return entry;
    }

    public async ValueTask<string?> GroupOf(string storeId) => (await Find(storeId))?.GroupId;
}
