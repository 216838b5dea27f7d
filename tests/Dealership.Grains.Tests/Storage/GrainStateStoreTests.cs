using Dealership.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Dealership.Grains.Tests.Storage;

/// <summary>
/// The project's grain storage on the cluster's PostgreSQL: optimistic versions, and records that commit with the state or
/// not at all. Races are made deterministic by holding a table lock until every writer waits in PostgreSQL.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainStateStoreTests(ClusterFixture fixture)
{
    public sealed class Payload : RecordedState
    {
        public string Writer { get; set; } = "";
    }

    /// <summary>A row in a scratch table, the way a grain appends a ledger line.</summary>
    private sealed record ScratchRow(string Key, string Text) : Row
    {
        public override NpgsqlBatchCommand ToCommand() => Sql.Command("INSERT INTO storage_test_rows (key, text) VALUES ($1, $2)", Key, Text);
    }

    private IGrainStorage Storage =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(GrainsSetup.StorageName);

    private static GrainId NewGrain() => GrainId.Create("storage-test", $"test/{Guid.NewGuid():N}");

    private async Task ScratchTable() =>
        await fixture.Scalar<int>("CREATE TABLE IF NOT EXISTS storage_test_rows (key text NOT NULL, text text NOT NULL CHECK (text <> 'poison')); SELECT 1");

    [Fact]
    public async Task State_and_its_records_commit_together()
    {
        await ScratchTable();
        var grain = NewGrain();
        var state = new GrainState<Payload>(new Payload { Writer = "first" });
        state.State!.Pending.Add(new ScratchRow(grain.ToString(), "line 1"));
        state.State!.Pending.Add(new ScratchRow(grain.ToString(), "line 2"));

        await Storage.WriteStateAsync("storage-test", grain, state);

        Assert.Equal(0, state.State!.Pending.Count);
        Assert.Equal(2L, await fixture.Scalar<long>("SELECT count(*) FROM storage_test_rows WHERE key = $1", grain.ToString()));
        var read = new GrainState<Payload>();
        await Storage.ReadStateAsync("storage-test", grain, read);
        Assert.Equal("first", read.State!.Writer);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task A_record_that_fails_leaves_neither_the_state_nor_the_other_records()
    {
        await ScratchTable();
        var grain = NewGrain();
        var state = new GrainState<Payload>(new Payload { Writer = "v1" });
        await Storage.WriteStateAsync("storage-test", grain, state);
        var versionBefore = state.ETag;

        state.State!.Writer = "v2";
        state.State!.Pending.Add(new ScratchRow(grain.ToString(), "fine"));
        state.State!.Pending.Add(new ScratchRow(grain.ToString(), "poison"));
        await Assert.ThrowsAsync<PostgresException>(() => Storage.WriteStateAsync("storage-test", grain, state));

        // Nothing of the failed write is stored; the rows stay pending for a retry of the same change.
        Assert.Equal(2, state.State!.Pending.Count);
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM storage_test_rows WHERE key = $1", grain.ToString()));
        var read = new GrainState<Payload>();
        await Storage.ReadStateAsync("storage-test", grain, read);
        Assert.Equal("v1", read.State!.Writer);
        Assert.Equal(versionBefore, read.ETag);
    }

    [Fact]
    public async Task A_retried_operation_is_refused_with_everything_it_carried()
    {
        await ScratchTable();
        var scope = $"store-{Guid.NewGuid():N}";
        var first = new GrainState<Payload>(new Payload { Writer = "a" });
        first.State!.Pending.Add(OperationLog.Record(scope, "staff:key-1", "f", "result", "test")!);
        await Storage.WriteStateAsync("storage-test", NewGrain(), first);

        // The same key through another grain (a retry that travelled elsewhere): the whole write is refused.
        var other = NewGrain();
        var second = new GrainState<Payload>(new Payload { Writer = "b" });
        second.State!.Pending.Add(new ScratchRow(other.ToString(), "would be a second walk-in"));
        second.State!.Pending.Add(OperationLog.Record(scope, "staff:key-1", "f", "result", "test")!);
        await Assert.ThrowsAsync<DuplicateOperationException>(() => Storage.WriteStateAsync("storage-test", other, second));

        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM storage_test_rows WHERE key = $1", other.ToString()));
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM grain_state WHERE grain_key = $1", other.Key.ToString()));
    }

    [Fact]
    public async Task Two_concurrent_first_writes_of_one_grain_leave_exactly_one_winner()
    {
        var grain = NewGrain();
        await using var holder = new NpgsqlConnection(fixture.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE grain_state IN SHARE ROW EXCLUSIVE MODE", holder, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var first = Storage.WriteStateAsync("storage-test", grain, new GrainState<Payload>(new Payload { Writer = "first" }));
        var second = Storage.WriteStateAsync("storage-test", grain, new GrainState<Payload>(new Payload { Writer = "second" }));
        await WaitUntilWaiting(writers: 2);
        await transaction.CommitAsync();

        var results = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(results, r => r is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(results, r => r is not null));
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM grain_state WHERE grain_key = $1", grain.Key.ToString()));
        Assert.Equal(1, await fixture.Scalar<int>("SELECT version FROM grain_state WHERE grain_key = $1", grain.Key.ToString()));
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_refused_and_a_cleared_row_is_kept()
    {
        var grain = NewGrain();
        var mine = new GrainState<Payload>(new Payload { Writer = "mine" });
        await Storage.WriteStateAsync("storage-test", grain, mine);
        var stale = new GrainState<Payload>(new Payload { Writer = "stale" }) { ETag = mine.ETag };
        await Storage.WriteStateAsync("storage-test", grain, mine);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("storage-test", grain, stale));

        await Storage.ClearStateAsync("storage-test", grain, mine);
        var read = new GrainState<Payload>();
        await Storage.ReadStateAsync("storage-test", grain, read);
        Assert.NotNull(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM grain_state WHERE grain_key = $1", grain.Key.ToString()));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("storage-test", grain, stale));
    }

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>An explicit barrier: the writes are inside PostgreSQL, blocked on the lock.</summary>
    private async Task WaitUntilWaiting(int writers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await fixture.Scalar<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") < writers)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
