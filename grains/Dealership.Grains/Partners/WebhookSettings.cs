namespace Dealership.Grains.Partners;

/// <summary>Section "Webhooks" of the silo's settings: how events are delivered to partners' endpoints.</summary>
public sealed class WebhookSettings
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Endpoints on loopback or private addresses (10/8, 172.16/12, 192.168/16, link-local, fc00::/7…) are refused unless this is
    /// on: a subscription must not become a way to reach the installation's own network. Off by default; the tests turn it on.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How often an active subscription looks for new events while its silo hosts it.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>The longest wait between two tries of a failing delivery (the wait doubles from one second up to this).</summary>
    public int MaxBackoffSeconds { get; set; } = 300;

    /// <summary>A subscription whose next delivery has failed for this long is paused, its backlog kept.</summary>
    public int PauseAfterMinutes { get; set; } = 24 * 60;

    /// <summary>How long a delivery may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Delivered events and deliveries are kept this many days (then removed); undelivered ones are kept until delivered.</summary>
    public int RetentionDays { get; set; } = 30;
}
