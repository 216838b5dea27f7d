using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Dealership.Schema;

/// <summary>What silo and gateway both do before they start: find the database and bring its schema up to date.</summary>
public static class DatabaseStartup
{
    public const string ConnectionStringName = "Dealership";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__Dealership (e.g. Host=127.0.0.1;Port=5432;Database=dealership;Username=dealership;Password=...).");

    /// <summary>Waits up to <paramref name="patience"/> for the database to accept connections, then migrates.</summary>
    public static async Task<IReadOnlyList<int>> MigrateWhenReachableAsync(string connectionString, TimeSpan patience, Action<string> log, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                var applied = await SchemaMigrator.MigrateAsync(connectionString, cancellationToken);
                log(applied.Count == 0 ? "Database schema is up to date." : $"Applied schema migrations: {string.Join(", ", applied)}.");
                return applied;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && DateTime.UtcNow < deadline)
            {
                log($"Database not reachable yet ({ex.Message}); retrying.");
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
