using Dealership.Contracts.Common;
using Dealership.Contracts.Feed;
using Dealership.Contracts.Targets;
using Dealership.Grains.Common;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Dealership.Grains.Feed;

/// <summary>
/// A store's live feed: numbers events, keeps the most recent ones and pushes them to subscribed
/// gateways. Nothing here is persisted — events are notifications, the truth lives in the grains that
/// sent them — so each activation starts a new epoch and clients that see it take a fresh snapshot.
/// </summary>
public sealed class StoreFeedGrain(StoreGroups storeGroups, Targets.RollupSwitch rollup, ILogger<StoreFeedGrain> logger)
    : Grain, IStoreFeedGrain, IScopedGrain
{
    public const int RecentKept = 100;
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IStoreFeedObserver> observers = new(SubscriptionLifetime, logger);
    private readonly Queue<StoreEvent> recent = new();
    private readonly Guid epoch = Guid.NewGuid();
    private long sequence;

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public Task Publish(StoreEventDraft draft)
    {
        var storeEvent = new StoreEvent(++sequence, draft.At, draft.Kind, draft.Subject, draft.Summary, draft.Data);
        recent.Enqueue(storeEvent);
        while (recent.Count > RecentKept)
        {
            recent.Dequeue();
        }

        IReadOnlyList<StoreEvent> batch = [storeEvent];
        observers.Notify(o => o.OnEvents(StoreId, epoch, batch));
        if (rollup.Enabled && draft.Kind is "deal" or "target" or "vehicle-status")
        {
            // What group HQ's rollup counts changed: the store's summary refreshes (one-way, coalesced there).
            return GrainFactory.GetGrain<IStoreSummaryGrain>(GrainKeys.Store(StoreId)).Changed();
        }

        return Task.CompletedTask;
    }

    public Task<FeedPosition> Subscribe(IStoreFeedObserver observer)
    {
        observers.Subscribe(observer, observer);
        return GetPosition();
    }

    public Task Unsubscribe(IStoreFeedObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<FeedPosition> GetPosition() => Task.FromResult(new FeedPosition(epoch, sequence, recent.ToArray()));
}
