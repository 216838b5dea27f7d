using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains;
using Dealership.Grains.Common;
using Dealership.Grains.Trust;
using Dealership.Schema;
using Dealership.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace Dealership.Grains.Tests;

/// <summary>
/// One two-silo in-process cluster for all grain tests, on a PostgreSQL database of its own (grain state and the records
/// each change appends are real rows), with in-memory reminders and one fake business clock. Silos and the test client talk
/// over mutual TLS with certificates of a test authority, and every caller is signed as a gateway (or the operator) signs it.
/// Each test works in its own group and stores (unique ids), so tests never see each other's state.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));

    public const string CallerKey = "grain-tests-caller-key-0123456789abcdef-0123";
    public const string OperatorKey = "grain-tests-operator-key-0123456789abcdef-01";

    public static readonly SigningKeys CallerKeys = new(CallerKey);
    public static readonly SigningKeys OperatorKeys = new(OperatorKey);
    public static readonly SigningKeys SealKeys = new("grain-tests-seal-key-0123456789abcdef-0123456");

    // The test silos run in this process, so statics hand them the fixture's database and certificates.
    private static string connectionString = "";
    private static ClusterTls? tls;
    private static ClusterFixture? current;

    private string databaseName = "";

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The test installation's certificate authority (with its key, to issue certificates in tests).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Authority { get; private set; } = null!;

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
        var now = DateTimeOffset.UtcNow;
        Authority = ClusterCertificates.CreateAuthority("Grain tests authority", now.AddDays(-1), now.AddYears(1));
        tls = new ClusterTls(new ClusterCertificates(Authority,
            ClusterCertificates.Issue(Authority, "grain-tests", ["127.0.0.1"], now.AddDays(-1), now.AddYears(1))), TimeProvider.System);
        current = this;
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
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

    /// <summary>
    /// Moves the shared clock (forward only, as every test does) to the next store morning when <paramref name="span"/> from now
    /// would cross into another month in Shanghai, so a test that counts month-to-date figures across <paramref name="span"/>
    /// counts them in one month whatever the tests before it did to the clock.
    /// </summary>
    public static void WithinOneMonth(TimeSpan span)
    {
        var local = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var end = local + span;
        if (end.Month != local.Month || end.Year != local.Year)
        {
            var morning = new DateTimeOffset(end.Year, end.Month, 1, 9, 0, 0, TimeSpan.FromHours(8));
            Clock.Advance(morning - local);
        }
    }

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

    /// <summary>
    /// Signs <paramref name="caller"/> for the calls made until the result is disposed, as a gateway would: staff at their current
    /// revision (looked up now), the platform with the operator key.
    /// </summary>
    public static IDisposable As(Caller? caller)
    {
        var previous = CallerAssertion.Attached;
        CallerAssertion.Attach(caller is null ? null : Sign(caller));
        return new Restore(previous);
    }

    /// <summary>What a gateway would send for <paramref name="caller"/>.</summary>
    public static string Sign(Caller caller, TimeSpan? lifetime = null)
    {
        var expires = DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromMinutes(2));
        return caller.Kind switch
        {
            CallerKind.Operator => CallerAssertion.Sign(caller, 0, expires, OperatorKeys),
            CallerKind.Gateway => CallerAssertion.Sign(caller, 0, expires, CallerKeys),
            _ => CallerAssertion.Sign(caller, RevisionOf(caller), expires, CallerKeys),
        };
    }

    private static int RevisionOf(Caller staff)
    {
        var previous = CallerAssertion.Attached;
        CallerAssertion.Attach(CallerAssertion.Sign(Caller.Gateway("tests"), 0, DateTimeOffset.UtcNow.AddMinutes(1), CallerKeys));
        try
        {
            // Test code runs outside any grain, so waiting here blocks no scheduler.
            return current!.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(staff.GroupId, staff.StaffId)).GetStanding().GetAwaiter().GetResult().Revision;
        }
        finally
        {
            CallerAssertion.Attach(previous);
        }
    }

    public static T Ok<T>(Outcome<T> outcome)
    {
        Assert.True(outcome.IsOk, $"expected success, got {outcome.Problem?.Code}: {outcome.Problem?.Detail}");
        return outcome.Value!;
    }

    /// <summary>Puts back the caller that was signed before, so a nested <see cref="As"/> ends where it began.</summary>
    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CallerAssertion.Attach(previous);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseInMemoryReminderService();
            // Business time only: Orleans' own timers keep real time, so moving the clock by weeks stays cheap.
            silo.Services.AddSingleton(new BusinessClock(Clock));
            silo.AddDealershipGrains(connectionString, new CallerVerification(CallerKeys, OperatorKeys, true, TimeSpan.FromSeconds(15)), SealKeys);
            silo.UseTls(tls!.Configure);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) => client.UseTls(tls!.Configure);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
