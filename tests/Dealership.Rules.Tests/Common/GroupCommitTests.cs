using Dealership.Grains.Common;

namespace Dealership.Rules.Tests.Common;

public sealed class GroupCommitTests
{
    private readonly List<TaskCompletionSource> writes = [];

    private Task Write()
    {
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writes.Add(write);
        return write.Task;
    }

    [Fact]
    public async Task Changes_made_during_a_write_share_the_next_write_and_wait_for_it()
    {
        var commit = new GroupCommit(Write);
        var first = commit.Commit();
        var second = commit.Commit();
        var third = commit.Commit();
        Assert.Single(writes);
        Assert.Same(second, third);

        writes[0].SetResult();
        await first;
        Assert.False(second.IsCompleted, "a change made during the first write must wait for a write that includes it");
        await WaitFor(() => writes.Count == 2);

        writes[1].SetResult();
        await second;
        Assert.Equal(2, writes.Count);
    }

    [Fact]
    public async Task With_no_write_running_a_commit_writes_at_once()
    {
        var commit = new GroupCommit(Write);
        var first = commit.Commit();
        writes[0].SetResult();
        await first;
        var second = commit.Commit();
        Assert.Equal(2, writes.Count);
        writes[1].SetResult();
        await second;
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_next_write_still_runs()
    {
        var commit = new GroupCommit(Write);
        var first = commit.Commit();
        var second = commit.Commit();
        writes[0].SetException(new InvalidOperationException("disk full"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await WaitFor(() => writes.Count == 2);
        writes[1].SetResult();
        await second;
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(1, timeout.Token);
        }
    }
}
