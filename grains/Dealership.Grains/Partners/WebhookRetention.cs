using Dealership.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dealership.Grains.Partners;

/// <summary>
/// Removes deliveries delivered more than <see cref="WebhookSettings.RetentionDays"/> ago, then the events no delivery still
/// needs that are as old; a delivery not yet made (a paused subscription's backlog) keeps its event. Every hour, on every silo
/// (the work is two DELETEs).
/// </summary>
public sealed partial class WebhookRetention(Database database, WebhookSettings settings, ILogger<WebhookRetention> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                var days = settings.RetentionDays;
                var deliveries = await database.Execute(
                    "DELETE FROM webhook_deliveries WHERE status = 'Delivered' AND delivered_at < now() - make_interval(days => $1)", days);
                var events = await database.Execute(
                    "DELETE FROM partner_events e WHERE e.occurred_at < now() - make_interval(days => $1) " +
                    "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.event_id)", days);
                if (deliveries + events > 0)
                {
                    Removed(deliveries, events, days);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Removed {Deliveries} webhook deliveries and {Events} events older than {Days} days")]
    private partial void Removed(int deliveries, int events, int days);

    [LoggerMessage(LogLevel.Warning, "Could not remove old webhook deliveries: {Reason}")]
    private partial void Failed(string reason);
}
