namespace Dealership.Gateway.Feed;

/// <summary>What a client stream does with an event it receives.</summary>
public enum FeedDecision
{
    /// <summary>The next event in order: send it.</summary>
    Deliver,

    /// <summary>Already covered by the snapshot the client has: drop it.</summary>
    Skip,

    /// <summary>A gap in the numbering or a new epoch: the client's picture may be wrong, send a fresh snapshot.</summary>
    Resnapshot,
}

/// <summary>One client's place in a store feed: the epoch and last sequence number it has seen.</summary>
public sealed class FeedCursor(Guid epoch, long sequence)
{
    public Guid Epoch { get; private set; } = epoch;

    public long Sequence { get; private set; } = sequence;

    public FeedDecision Accept(Guid epoch, long sequence)
    {
        if (epoch != Epoch)
        {
            return FeedDecision.Resnapshot;
        }

        if (sequence <= Sequence)
        {
            return FeedDecision.Skip;
        }

        if (sequence != Sequence + 1)
        {
            return FeedDecision.Resnapshot;
        }

        Sequence = sequence;
        return FeedDecision.Deliver;
    }

    public void Reset(Guid epoch, long sequence)
    {
        Epoch = epoch;
        Sequence = sequence;
    }
}
