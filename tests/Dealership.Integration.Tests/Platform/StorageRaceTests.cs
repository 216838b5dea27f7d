using Dealership.Integration.Tests.Infrastructure;
using Dealership.Schema;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Dealership.Integration.Tests.Platform;

/// <summary>
/// Two activations of one grain (as after a split brain) both write their first state. The storage table's
/// unique key must let exactly one insert win; the other gets InconsistentStateException. Made deterministic
/// by holding a table lock until both writes are waiting in PostgreSQL, then releasing them together.
/// </summary>
public sealed class StorageRaceTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestCluster cluster = null!;

    public sealed record Payload(string Writer);

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.Create();
        await SchemaMigrator.MigrateAsync(database.ConnectionString);
        var builder = new TestClusterBuilder(1);
        Configurator.ConnectionString = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<Configurator>();
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Two_concurrent_first_writes_of_one_grain_leave_exactly_one_winner()
    {
        var storage = ((InProcessSiloHandle)cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>("race");
        var grainId = GrainId.Create("race", "car-1");

        await using var holder = await database.Open();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE orleansstorage IN SHARE ROW EXCLUSIVE MODE", holder, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var first = storage.WriteStateAsync("race-state", grainId, new GrainState<Payload>(new Payload("first")));
        var second = storage.WriteStateAsync("race-state", grainId, new GrainState<Payload>(new Payload("second")));
        await WaitUntilWaiting(writers: 2);
        await transaction.CommitAsync();

        var results = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(results, r => r is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(results, r => r is not null));
        Assert.Equal(1L, await database.Scalar<long>("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'race-state'"));
        Assert.Equal(1, await database.Scalar<int>("SELECT version FROM orleansstorage WHERE graintypestring = 'race-state'"));
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_refused_and_a_cleared_row_is_kept()
    {
        var storage = ((InProcessSiloHandle)cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>("race");
        var grainId = GrainId.Create("race", "car-2");
        var mine = new GrainState<Payload>(new Payload("mine"));
        await storage.WriteStateAsync("race-state", grainId, mine);
        var stale = new GrainState<Payload>(new Payload("stale")) { ETag = mine.ETag };
        await storage.WriteStateAsync("race-state", grainId, mine);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("race-state", grainId, stale));

        await storage.ClearStateAsync("race-state", grainId, mine);
        var read = new GrainState<Payload>();
        await storage.ReadStateAsync("race-state", grainId, read);
        Assert.NotNull(read.ETag);
        Assert.Equal(1L, await database.Scalar<long>("SELECT count(*) FROM orleansstorage WHERE grainidextensionstring LIKE '%car-2%'"));
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

    /// <summary>An explicit barrier: both writes are inside PostgreSQL, blocked on the lock.</summary>
    private async Task WaitUntilWaiting(int writers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await database.Scalar<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") < writers)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    // The test silo runs in this process, so a static hands it the test's database.
    private sealed class Configurator : ISiloConfigurator
    {
        public static string? ConnectionString { get; set; }

        public void Configure(ISiloBuilder silo)
        {
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.AddAdoNetGrainStorage("race", o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = ConnectionString;
            });
        }
    }
}
