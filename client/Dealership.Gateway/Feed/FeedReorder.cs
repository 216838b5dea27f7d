using Dealership.Contracts.Feed;

namespace Dealership.Gateway.Feed;

/// <summary>
/// Puts one store's notifications back in sequence before they reach the streams. The feed grain notifies one-way and a client
/// object takes calls concurrently, so two events published together (two cars of one shipment) can arrive swapped; passed on
/// as they came, every stream would see a gap and re-snapshot, losing both events to the screens that count them. An event
/// ahead of its turn is held until the one before it comes, or until <see cref="StoreFeedHub"/> flushes it after a short wait
/// (then the streams see the gap, as they should). Not thread-safe: the hub calls it under the store's lock.
/// </summary>
public sealed class FeedReorder
{
    private readonly SortedDictionary<long, StoreEvent> held = [];
    private Guid? epoch;
    private long? last;

    /// <summary>Whether events wait for one before them.</summary>
    public bool Holding => held.Count > 0;

    /// <summary>Where the feed stood when this gateway subscribed: the next event in order is the one after it.</summary>
    public void Start(Guid at, long sequence)
    {
        if (epoch != at)
        {
            (epoch, last) = (at, sequence);
            held.Clear();
        }
    }

    /// <summary>Takes a notification; returns what to pass on now, in sequence.</summary>
    public IReadOnlyList<FeedMessage> Take(FeedMessage message)
    {
        var now = new List<FeedMessage>();
        if (message.Epoch != epoch || message.Events.Count == 0)
        {
            // A new epoch (or news of one): what was held belongs to the old one; the streams re-snapshot anyway.
            now.AddRange(Flush());
            (epoch, last) = (message.Epoch, null);
            if (message.Events.Count == 0)
            {
                now.Add(message);
                return now;
            }
        }

        var ready = new List<StoreEvent>();
        foreach (var e in message.Events.OrderBy(e => e.Sequence))
        {
            if (last is null || e.Sequence <= last + 1)
            {
                ready.Add(e);
                last = Math.Max(last ?? e.Sequence, e.Sequence);
            }
            else
            {
                held[e.Sequence] = e;
            }
        }

        while (last is { } l && held.Remove(l + 1, out var next))
        {
            ready.Add(next);
            last = next.Sequence;
        }

        if (ready.Count > 0)
        {
            now.Add(new FeedMessage(message.Epoch, ready));
        }

        return now;
    }

    /// <summary>The wait is over: pass on what is held, in sequence (the streams see the gap and re-snapshot).</summary>
    public IReadOnlyList<FeedMessage> Flush()
    {
        if (held.Count == 0 || epoch is not { } at)
        {
            return [];
        }

        var events = held.Values.ToList();
        held.Clear();
        last = events[^1].Sequence;
        return [new FeedMessage(at, events)];
    }
}
