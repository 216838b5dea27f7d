using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dealership.Grains.Partners;

/// <summary>
/// Keeps every subscription's dispatcher running: when a silo starts (after a restart, an upgrade or a crash) and every minute,
/// each subscription not cancelled is woken wherever it lives; a woken dispatcher looks for events every second while active.
/// </summary>
public sealed partial class WebhookDispatchers(Database database, IGrainFactory grains, ILogger<WebhookDispatchers> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass as soon as the silo answers; until it does (it is still joining the cluster) every second.
        while (!stoppingToken.IsCancellationRequested && !await WakeAll())
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }

        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await WakeAll();
        }
    }

    private async Task<bool> WakeAll()
    {
        try
        {
            var subscriptions = await database.List(
                "SELECT group_id, subscription_id FROM webhook_subscriptions WHERE status <> 'Cancelled'",
                r => GrainKeys.InGroup(r.GetString(0), r.GetString(1)));
            foreach (var key in subscriptions)
            {
                await grains.GetGrain<IWebhookSubscriptionGrain>(key).Wake();
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NotYet(e.Message);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Debug, "Webhook dispatchers not woken yet: {Reason}")]
    private partial void NotYet(string reason);
}
