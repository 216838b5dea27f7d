using Npgsql;

namespace Dealership.Silo;

/// <summary>
/// A silo asked to stop is gone within <see cref="Limit"/>, whatever it is waiting for. Orleans' graceful shutdown hands
/// activations over and writes the silo's status to the membership table; with the database out of reach that write is
/// retried until the host gives up (<see cref="Graceful"/>), and the ungraceful path after it still waits on the table. So
/// when the database does not answer as the silo starts stopping, nothing is left to do cleanly: the silo exits after a
/// moment for requests in flight. Otherwise it exits at the limit if still running. Either way the log says why; the other
/// silos declare it dead as they would after a crash. (Grain state is written with each change, not at deactivation.)
/// </summary>
public static class ShutdownDeadline
{
    /// <summary>How long the graceful shutdown may take (the host's ShutdownTimeout).</summary>
    public static readonly TimeSpan Graceful = TimeSpan.FromSeconds(25);

    /// <summary>The silo's shutdown timeout: by then the process has exited.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan InFlight = TimeSpan.FromSeconds(3);

    public static void Watch(IHost host, string connectionString)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShutdownDeadline));
        lifetime.ApplicationStopping.Register(() => _ = Task.Run(async () =>
        {
            var stopping = TimeProvider.System.GetTimestamp();
            if (!await Reachable(connectionString))
            {
                await Task.Delay(InFlight);
                logger.LogError("The database does not answer: the silo cannot leave the cluster cleanly, and exits. The other silos will declare it dead.");
                Environment.Exit(1);
            }

            await Task.Delay(Limit - TimeProvider.System.GetElapsedTime(stopping));
            logger.LogError("The silo did not finish stopping within {Limit} s; exiting. The other silos will declare it dead.", Limit.TotalSeconds);
            Environment.Exit(1);
        }));
    }

    private static async Task<bool> Reachable(string connectionString)
    {
        try
        {
            var quick = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false };
            await using var connection = new NpgsqlConnection(quick.ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
