using Dealership.Contracts.Feed;
using Dealership.Gateway.Feed;

namespace Dealership.Rules.Tests.Feed;

/// <summary>
/// The gateway puts a store's notifications back in sequence: two events published together can arrive swapped, and passed on
/// as they came every stream would re-snapshot and lose both.
/// </summary>
public sealed class FeedReorderTests
{
    private static readonly Guid Epoch = Guid.NewGuid();

    private static FeedMessage Message(params long[] sequences) =>
        new(Epoch, [.. sequences.Select(n => new StoreEvent(n, DateTimeOffset.UnixEpoch, "vehicle-status", $"VIN{n}", "", new Dictionary<string, string>()))]);

    private static long[] Sequences(IEnumerable<FeedMessage> messages) => [.. messages.SelectMany(m => m.Events).Select(e => e.Sequence)];

    [Fact]
    public void Two_events_that_arrive_swapped_are_passed_on_in_sequence()
    {
        var order = new FeedReorder();
        order.Start(Epoch, 10);

        Assert.Empty(order.Take(Message(12)));
        Assert.True(order.Holding);
        Assert.Equal([11, 12], Sequences(order.Take(Message(11))));
        Assert.False(order.Holding);
        Assert.Equal([13], Sequences(order.Take(Message(13))));
    }

    [Fact]
    public void An_event_whose_predecessor_never_comes_is_passed_on_when_the_wait_is_over()
    {
        var order = new FeedReorder();
        order.Start(Epoch, 10);
        Assert.Empty(order.Take(Message(13)));
        Assert.Empty(order.Take(Message(12)));

        Assert.Equal([12, 13], Sequences(order.Flush()));
        Assert.Equal([14], Sequences(order.Take(Message(14)))); // in order again after the gap
    }

    [Fact]
    public void A_new_epoch_passes_on_what_was_held_and_starts_afresh()
    {
        var order = new FeedReorder();
        order.Start(Epoch, 10);
        Assert.Empty(order.Take(Message(12)));

        var restarted = order.Take(new FeedMessage(Guid.NewGuid(), []));
        Assert.Equal(2, restarted.Count); // the held event, then the news of the new epoch
        Assert.Equal([12], Sequences([restarted[0]]));
        Assert.Empty(restarted[1].Events);
        Assert.False(order.Holding);
    }
}
