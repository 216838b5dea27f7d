using Dealership.Contracts.Common;
using Orleans.Concurrency;

namespace Dealership.Contracts.Feed;

/// <summary>Something that happened in a store, as shown live on its boards.</summary>
[GenerateSerializer, Immutable, Alias("StoreEvent")]
public sealed record StoreEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Subject,
    [property: Id(4)] string Summary,
    [property: Id(5)] IReadOnlyDictionary<string, string> Data);

/// <summary>An event before the feed numbers it.</summary>
[GenerateSerializer, Immutable, Alias("StoreEventDraft")]
public sealed record StoreEventDraft(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Summary,
    [property: Id(4)] IReadOnlyDictionary<string, string> Data);

/// <summary>Where the feed stands: a new epoch means the numbering restarted and clients must take a fresh snapshot.</summary>
[GenerateSerializer, Immutable, Alias("FeedPosition")]
public sealed record FeedPosition(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Sequence,
    [property: Id(2)] IReadOnlyList<StoreEvent> Recent);

/// <summary>A gateway's subscription to a store feed. Calls are one-way, so a dead gateway never stalls the feed.</summary>
public interface IStoreFeedObserver : IGrainObserver
{
    [OneWay]
    Task OnEvents(string storeId, Guid epoch, IReadOnlyList<StoreEvent> events);
}

/// <summary>The live event feed of one store. Key: <see cref="Common.GrainKeys.Store"/>.</summary>
[Alias("IStoreFeedGrain")]
public interface IStoreFeedGrain : IGrainWithStringKey
{
    /// <summary>Numbers the event and pushes it to every subscribed gateway.</summary>
    [Alias("Publish"), OneWay, ForGrainsOnly]
    Task Publish(StoreEventDraft draft);

    /// <summary>Subscribes (or renews) a gateway; subscriptions lapse unless renewed within two minutes.</summary>
    [Alias("Subscribe")]
    Task<FeedPosition> Subscribe(IStoreFeedObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IStoreFeedObserver observer);

    /// <summary>The epoch, the last sequence number and the recent events.</summary>
    [Alias("GetPosition")]
    Task<FeedPosition> GetPosition();
}
