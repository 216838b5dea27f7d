using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dealership.Grains.Storage;

/// <summary>Removes Idempotency-Keys older than 24 hours, every ten minutes (every silo does it; the work is one DELETE).</summary>
public sealed partial class OperationExpiry(OperationLog operations, ILogger<OperationExpiry> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                var removed = await operations.Expire();
                if (removed > 0)
                {
                    Expired(removed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a while; the next period tries again.
                Failed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Removed {Count} Idempotency-Keys older than 24 hours")]
    private partial void Expired(int count);

    [LoggerMessage(LogLevel.Warning, "Could not remove old Idempotency-Keys: {Reason}")]
    private partial void Failed(string reason);
}
