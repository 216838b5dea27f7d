using Dealership.Integration.Tests.Infrastructure;
using Dealership.Schema;

namespace Dealership.Integration.Tests.Platform;

public sealed class MigrationTests
{
    [Fact]
    public async Task Running_the_migrations_twice_changes_nothing_the_second_time()
    {
        await using var database = await TestDatabase.Create();
        var first = await SchemaMigrator.MigrateAsync(database.ConnectionString);
        Assert.Equal(Migration.All.Select(m => m.Version), first);
        var before = await Describe(database);

        var second = await SchemaMigrator.MigrateAsync(database.ConnectionString);

        Assert.Empty(second);
        Assert.Equal(before, await Describe(database));
    }

    [Fact]
    public async Task Concurrent_starts_apply_each_migration_once()
    {
        await using var database = await TestDatabase.Create();
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SchemaMigrator.MigrateAsync(database.ConnectionString)));
        Assert.Equal(Migration.All.Count, runs.Sum(r => r.Count));
        Assert.Equal((long)Migration.All.Count, await database.Scalar<long>("SELECT count(*) FROM dealership_schema_history"));
    }

    [Fact]
    public async Task Every_query_orleans_needs_is_installed()
    {
        await using var database = await TestDatabase.Create();
        await SchemaMigrator.MigrateAsync(database.ConnectionString);
        string[] required =
        [
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
            "MembershipReadAllKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
            "DeleteMembershipTableEntriesKey", "UpsertReminderRowKey",
            "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        foreach (var key in required)
        {
            Assert.Equal(1L, await database.Scalar<long>("SELECT count(*) FROM orleansquery WHERE querykey = @k", ("k", key)));
        }
    }

    /// <summary>Tables, columns, indexes, functions, Orleans queries and the migration history, as text.</summary>
    private static async Task<string> Describe(TestDatabase database) =>
        await database.Scalar<string>("""
            SELECT concat_ws(E'\n',
              (SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name)
                 FROM information_schema.columns WHERE table_schema = 'public'),
              (SELECT string_agg(indexdef, ',' ORDER BY indexdef) FROM pg_indexes WHERE schemaname = 'public'),
              (SELECT string_agg(p.proname || md5(p.prosrc), ',' ORDER BY p.proname)
                 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'),
              (SELECT string_agg(querykey || md5(querytext), ',' ORDER BY querykey) FROM orleansquery),
              (SELECT string_agg(version || name || checksum || applied_at, ',' ORDER BY version) FROM dealership_schema_history))
            """);
}
