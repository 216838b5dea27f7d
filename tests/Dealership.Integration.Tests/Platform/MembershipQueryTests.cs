using Dealership.Integration.Tests.Infrastructure;
using Dealership.Schema;
using Npgsql;

namespace Dealership.Integration.Tests.Platform;

/// <summary>
/// Runs the membership queries exactly as Orleans does (text from OrleansQuery, Orleans' parameter names)
/// and checks their compare-and-swap: a stale table version changes nothing and answers false.
/// </summary>
public sealed class MembershipQueryTests : IAsyncLifetime
{
    private const string Deployment = "cas-test";
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.Create();
        await SchemaMigrator.MigrateAsync(database.ConnectionString);
        Assert.Equal(1, await Run<int>("InsertMembershipVersionKey", ("DeploymentId", Deployment)));
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Creating_the_version_row_twice_answers_false_the_second_time() =>
        Assert.Equal(0, await Run<int>("InsertMembershipVersionKey", ("DeploymentId", Deployment)));

    [Fact]
    public async Task Insert_with_the_current_version_succeeds_and_bumps_it()
    {
        Assert.Equal(1, await Insert("10.0.0.1", version: 0));
        Assert.Equal(1, await Version());
        Assert.Equal(1L, await Members());
    }

    [Fact]
    public async Task Insert_with_a_stale_version_changes_nothing()
    {
        Assert.Equal(1, await Insert("10.0.0.1", version: 0));
        Assert.Equal(0, await Insert("10.0.0.2", version: 0));
        Assert.Equal(1, await Version());
        Assert.Equal(1L, await Members());
    }

    [Fact]
    public async Task Inserting_an_existing_silo_changes_nothing_even_with_the_current_version()
    {
        Assert.Equal(1, await Insert("10.0.0.1", version: 0));
        Assert.Equal(0, await Insert("10.0.0.1", version: 1));
        Assert.Equal(1, await Version());
    }

    [Fact]
    public async Task Update_with_a_stale_version_changes_nothing_and_with_the_current_one_succeeds()
    {
        Assert.Equal(1, await Insert("10.0.0.1", version: 0));
        Assert.Equal(0, await Update("10.0.0.1", status: 6, version: 0));
        Assert.Equal(3, await database.Scalar<int>("SELECT status FROM orleansmembershiptable"));
        Assert.Equal(1, await Version());

        Assert.Equal(1, await Update("10.0.0.1", status: 6, version: 1));
        Assert.Equal(6, await database.Scalar<int>("SELECT status FROM orleansmembershiptable"));
        Assert.Equal(2, await Version());
    }

    [Fact]
    public async Task Updating_a_silo_that_is_not_there_changes_nothing()
    {
        Assert.Equal(0, await Update("10.9.9.9", status: 6, version: 0));
        Assert.Equal(0, await Version());
    }

    [Fact]
    public async Task A_heartbeat_never_bumps_the_version()
    {
        Assert.Equal(1, await Insert("10.0.0.1", version: 0));
        await Run<object?>("UpdateIAmAlivetimeKey", ("DeploymentId", Deployment), ("Address", "10.0.0.1"), ("Port", 11111),
            ("Generation", 7), ("IAmAliveTime", DateTime.UtcNow.AddMinutes(1)));
        Assert.Equal(1, await Version());
    }

    [Fact]
    public async Task Reads_return_the_version_even_with_no_members_and_gateways_need_a_proxy_port()
    {
        var rows = await Rows("MembershipReadAllKey", ("DeploymentId", Deployment));
        Assert.Single(rows);
        Assert.Equal(0, rows[0]["version"]);
        Assert.Equal(DBNull.Value, rows[0]["address"]);

        Assert.Equal(1, await Insert("10.0.0.1", version: 0, proxyPort: 30000));
        Assert.Equal(1, await Insert("10.0.0.2", version: 1, proxyPort: 0));
        var gateways = await Rows("GatewaysQueryKey", ("DeploymentId", Deployment), ("Status", 3));
        Assert.Equal("10.0.0.1", Assert.Single(gateways)["address"]);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos()
    {
        Assert.Equal(1, await Insert("10.0.0.1", version: 0));
        Assert.Equal(1, await Insert("10.0.0.2", version: 1));
        Assert.Equal(1, await Update("10.0.0.2", status: 6, version: 2));
        await Run<object?>("CleanupDefunctSiloEntriesKey", ("DeploymentId", Deployment), ("IAmAliveTime", DateTime.UtcNow.AddHours(1)));
        Assert.Equal("10.0.0.1", await database.Scalar<string>("SELECT address FROM orleansmembershiptable"));
    }

    private Task<int> Insert(string address, int version, int proxyPort = 30000) =>
        Run<int>("InsertMembershipKey", ("DeploymentId", Deployment), ("Address", address), ("Port", 11111), ("Generation", 7),
            ("SiloName", "silo"), ("HostName", "host"), ("Status", 3), ("ProxyPort", proxyPort), ("StartTime", DateTime.UtcNow),
            ("IAmAliveTime", DateTime.UtcNow), ("Version", version));

    private Task<int> Update(string address, int status, int version) =>
        Run<int>("UpdateMembershipKey", ("DeploymentId", Deployment), ("Address", address), ("Port", 11111), ("Generation", 7),
            ("Status", status), ("SuspectTimes", null), ("IAmAliveTime", DateTime.UtcNow), ("Version", version));

    private Task<int> Version() =>
        database.Scalar<int>("SELECT version FROM orleansmembershipversiontable WHERE deploymentid = @d", ("d", Deployment));

    private Task<long> Members() => database.Scalar<long>("SELECT count(*) FROM orleansmembershiptable");

    private async Task<T> Run<T>(string key, params (string Name, object? Value)[] parameters)
    {
        var rows = await Rows(key, parameters);
        return rows.Count == 0 ? default! : (T)rows[0].Values.First();
    }

    private async Task<List<Dictionary<string, object>>> Rows(string key, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.Open();
        var text = await database.Scalar<string>("SELECT querytext FROM orleansquery WHERE querykey = @k", ("k", key));
        await using var command = new NpgsqlCommand(text, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        var rows = new List<Dictionary<string, object>>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }
}
