using System.Collections.Concurrent;
using System.Threading.Channels;
using Dealership.Contracts.Common;
using Dealership.Contracts.Feed;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;

namespace Dealership.Gateway.Feed;

/// <summary>A batch from a store feed, or (with no events) news that the feed restarted under a new epoch.</summary>
public sealed record FeedMessage(Guid Epoch, IReadOnlyList<StoreEvent> Events);

/// <summary>
/// This gateway's single subscription per watched store. It registers one grain observer with each store
/// feed, renews it on a timer (subscriptions lapse if a gateway dies), and fans notifications out to the
/// SSE streams open on this gateway. Renewals run as the platform with no user's RequestContext.
/// </summary>
public sealed class StoreFeedHub(IClusterClient cluster, IConfiguration configuration, ILogger<StoreFeedHub> logger, ClusterCallers callers)
    : IStoreFeedObserver, IHostedService, IDisposable
{
    /// <summary>How often subscriptions are renewed ("Feed:RenewSeconds", default 30); the feed drops them after two minutes.</summary>
    private readonly TimeSpan renewEvery = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Feed:RenewSeconds", 30), 1, 60));

    /// <summary>How long an event ahead of its turn waits for the one before it.</summary>
    private static readonly TimeSpan HoldFor = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, Watch> watches = new(StringComparer.Ordinal);
    private IStoreFeedObserver? reference;
    private Timer? renewal;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Holding the reference keeps the observer alive for the gateway's lifetime.
        reference = cluster.CreateObjectReference<IStoreFeedObserver>(this);
        renewal = new Timer(_ => _ = RenewAll(), null, renewEvery, renewEvery);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        renewal?.Dispose();
        foreach (var storeId in watches.Keys)
        {
            try
            {
                await callers.AsGateway("feed", async () =>
                {
                    await cluster.GetGrain<IStoreFeedGrain>(GrainKeys.Store(storeId)).Unsubscribe(reference!);
                    return true;
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Could not unsubscribe from {StoreId} on shutdown", storeId);
            }
        }
    }

    /// <summary>Starts receiving a store's events; dispose the result to stop. Subscribes before returning, so no event is missed.</summary>
    public async Task<FeedListener> Listen(string storeId)
    {
        var channel = Channel.CreateBounded<FeedMessage>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var watch = watches.GetOrAdd(storeId, _ => new Watch());
        lock (watch)
        {
            watch.Listeners.Add(channel);
        }

        await Renew(storeId, watch);
        return new FeedListener(channel.Reader, () =>
        {
            lock (watch)
            {
                watch.Listeners.Remove(channel);
            }
        });
    }

    public Task OnEvents(string storeId, Guid epoch, IReadOnlyList<StoreEvent> events)
    {
        Broadcast(storeId, new FeedMessage(epoch, events));
        return Task.CompletedTask;
    }

    public void Dispose() => renewal?.Dispose();

    private void Broadcast(string storeId, FeedMessage message)
    {
        if (!watches.TryGetValue(storeId, out var watch))
        {
            return;
        }

        lock (watch)
        {
            Send(watch, watch.Order.Take(message));
            if (watch.Order.Holding && !watch.FlushDue)
            {
                // The event before a held one gets a moment to arrive; after that the streams see the gap.
                watch.FlushDue = true;
                _ = Task.Delay(HoldFor).ContinueWith(_ =>
                {
                    lock (watch)
                    {
                        watch.FlushDue = false;
                        Send(watch, watch.Order.Flush());
                    }
                }, TaskScheduler.Default);
            }
        }
    }

    private static void Send(Watch watch, IReadOnlyList<FeedMessage> messages)
    {
        foreach (var message in messages)
        {
            foreach (var listener in watch.Listeners)
            {
                // A full buffer drops the oldest message; the listener then sees a gap and re-snapshots.
                listener.Writer.TryWrite(message);
            }
        }
    }

    private async Task RenewAll()
    {
        foreach (var (storeId, watch) in watches)
        {
            bool idle;
            lock (watch)
            {
                idle = watch.Listeners.Count == 0;
            }

            if (idle)
            {
                watches.TryRemove(storeId, out _);
                continue;
            }

            try
            {
                await Renew(storeId, watch);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Renewing the feed subscription of {StoreId} failed; will retry", storeId);
            }
        }
    }

    private async Task Renew(string storeId, Watch watch)
    {
        // A timer callback may carry whatever RequestContext was current when it was created: start clean.
        RequestContext.Clear();
        var position = await callers.AsGateway("feed", () => cluster.GetGrain<IStoreFeedGrain>(GrainKeys.Store(storeId)).Subscribe(reference!));
        if (watch.Epoch is { } known && known != position.Epoch)
        {
            Broadcast(storeId, new FeedMessage(position.Epoch, []));
        }

        watch.Epoch = position.Epoch;
        lock (watch)
        {
            watch.Order.Start(position.Epoch, position.Sequence);
        }
    }

    private sealed class Watch
    {
        public List<Channel<FeedMessage>> Listeners { get; } = [];

        public Guid? Epoch { get; set; }

        public FeedReorder Order { get; } = new();

        public bool FlushDue { get; set; }
    }
}

public sealed class FeedListener(ChannelReader<FeedMessage> reader, Action stop) : IDisposable
{
    public ChannelReader<FeedMessage> Reader { get; } = reader;

    public void Dispose() => stop();
}
