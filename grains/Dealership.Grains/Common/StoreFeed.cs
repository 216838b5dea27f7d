using Dealership.Contracts.Common;
using Dealership.Contracts.Feed;

namespace Dealership.Grains.Common;

/// <summary>Publishing to a store's live feed. One-way: the feed never holds up the change that caused it.</summary>
internal static class StoreFeed
{
    public static Task Publish(IGrainFactory grains, string storeId, DateTimeOffset at, string kind, string subject, string summary,
        IReadOnlyDictionary<string, string> data) =>
        grains.GetGrain<IStoreFeedGrain>(GrainKeys.Store(storeId)).Publish(new StoreEventDraft(at, kind, subject, summary, data));
}
