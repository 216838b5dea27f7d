namespace Dealership.Grains.Common;

/// <summary>
/// Lets a reentrant grain that many callers update at once (a store's lists) share writes: a change made while a
/// write is running joins the next write, so one write carries many changes. Each caller's task completes only
/// when a write that started after its change has finished, so nobody is told "done" before it is durable.
/// Only one write runs at a time. Used from the grain's own turns (single-threaded), so no locks are needed.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private Task? inFlight;
    private Task? next;

    /// <summary>Call after changing the state in memory.</summary>
    public Task Commit()
    {
        if (next is not null)
        {
            return next;
        }

        if (inFlight is null || inFlight.IsCompleted)
        {
            return inFlight = write();
        }

        return next = After(inFlight);
    }

    private async Task After(Task running)
    {
        try
        {
            await running;
        }
        catch
        {
            // The running write's own callers see its failure; this write is attempted regardless.
        }

        next = null;
        await (inFlight = write());
    }
}
