using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains;
using Dealership.Grains.Common;
using Dealership.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace Dealership.Grains.Tests;

/// <summary>
/// One two-silo in-process cluster for all grain tests, on a PostgreSQL database of its own (grain state and the records
/// each change appends are real rows), with in-memory reminders and one fake business clock.
/// Each test works in its own group and stores (unique ids), so tests never see each other's state.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));

    // The test silos run in this process, so a static hands them the fixture's database.
    private static string connectionString = "";

    private string databaseName = "";

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The cluster's database, for tests that look at the rows a change wrote.</summary>
    public string ConnectionString => connectionString;

    public static string Server =>
        Environment.GetEnvironmentVariable("DEALERSHIP_TEST_PG") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException("DEALERSHIP_TEST_PG is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    public async ValueTask InitializeAsync()
    {
        databaseName = "g_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(Server + ";Database=postgres"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {databaseName} TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }

        connectionString = $"{Server};Database={databaseName};Pooling=true;Maximum Pool Size=30";
        await SchemaMigrator.MigrateAsync(connectionString);
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server + ";Database=postgres");
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query on the cluster's database and returns the first column of the first row.</summary>
    public async Task<T> Scalar<T>(string sql, params object?[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Writes a retail sale fact as a deal's invoice would, for tests that need sales history without selling cars.</summary>
    public Task RetailSale(string groupId, string storeId, string factId, DateOnly day, string spec) =>
        Scalar<int>("INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, " +
            "with_insurance, with_finance, spec, at) VALUES ($1, $2, 'RetailSale', $3, $4, 'sc', 0, false, false, false, $5, now()) RETURNING 1",
            groupId, storeId, factId, day, spec);

    /// <summary>A fresh group with <paramref name="storeCount"/> stores, created as the platform.</summary>
    public async Task<(string GroupId, string[] StoreIds)> NewGroup(int storeCount = 2)
    {
        var groupId = "g" + Guid.NewGuid().ToString("N")[..10];
        using var _ = As(Caller.Platform("test"));
        Ok(await Grains.GetGrain<IGroupGrain>(GrainKeys.Group(groupId)).Create("Test group"));
        var stores = new string[storeCount];
        for (var i = 0; i < storeCount; i++)
        {
            stores[i] = $"{groupId}-s{i}";
            Ok(await Grains.GetGrain<IStoreGrain>(GrainKeys.Store(stores[i]))
                .Open(groupId, new StoreProfile($"Store {i}", "Volkswagen", "Asia/Shanghai"), StorePolicies.Default));
        }

        return (groupId, stores);
    }

    /// <summary>Creates a member of staff as the platform and returns them as a caller.</summary>
    public async Task<Caller> NewStaff(string groupId, StaffRole role, params string[] storeIds)
    {
        var username = $"u{Guid.NewGuid():N}"[..12];
        using var _ = As(Caller.Platform("test"));
        var view = Ok(await Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, username))
            .Create(new NewStaff(username, username.ToUpperInvariant(), role, storeIds, storeIds.Length == 0, "correct-horse-battery")));
        return new Caller(view.StaffId, groupId, role, view.StoreIds, view.WholeGroup, view.DisplayName);
    }

    /// <summary>Sets the caller for the calls made until the result is disposed.</summary>
    public static IDisposable As(Caller? caller)
    {
        Caller.Set(caller);
        return new Restore();
    }

    public static T Ok<T>(Outcome<T> outcome)
    {
        Assert.True(outcome.IsOk, $"expected success, got {outcome.Problem?.Code}: {outcome.Problem?.Detail}");
        return outcome.Value!;
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => Caller.Set(null);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseInMemoryReminderService();
            // Business time only: Orleans' own timers keep real time, so moving the clock by weeks stays cheap.
            silo.Services.AddSingleton(new BusinessClock(Clock));
            silo.AddDealershipGrains(connectionString);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
