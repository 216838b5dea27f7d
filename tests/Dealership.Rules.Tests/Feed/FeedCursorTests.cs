using Dealership.Gateway.Feed;

namespace Dealership.Rules.Tests.Feed;

public sealed class FeedCursorTests
{
    private static readonly Guid Epoch = Guid.NewGuid();

    [Fact]
    public void Delivers_events_in_order_and_skips_those_the_snapshot_covers()
    {
        var cursor = new FeedCursor(Epoch, 5);
        Assert.Equal(FeedDecision.Skip, cursor.Accept(Epoch, 4));
        Assert.Equal(FeedDecision.Skip, cursor.Accept(Epoch, 5));
        Assert.Equal(FeedDecision.Deliver, cursor.Accept(Epoch, 6));
        Assert.Equal(FeedDecision.Deliver, cursor.Accept(Epoch, 7));
        Assert.Equal(7, cursor.Sequence);
    }

    [Fact]
    public void A_gap_asks_for_a_fresh_snapshot()
    {
        var cursor = new FeedCursor(Epoch, 5);
        Assert.Equal(FeedDecision.Resnapshot, cursor.Accept(Epoch, 7));
        Assert.Equal(5, cursor.Sequence);
    }

    [Fact]
    public void A_new_epoch_asks_for_a_fresh_snapshot_then_continues_from_it()
    {
        var cursor = new FeedCursor(Epoch, 50);
        var next = Guid.NewGuid();
        Assert.Equal(FeedDecision.Resnapshot, cursor.Accept(next, 1));
        cursor.Reset(next, 1);
        Assert.Equal(FeedDecision.Deliver, cursor.Accept(next, 2));
    }
}
