using Dealership.Contracts.Common;
using Orleans.Concurrency;

namespace Dealership.Contracts.Partners;

/// <summary>
/// One webhook subscription and its dispatcher: it takes the group's new events in each store's commit order, numbers the ones it
/// is subscribed to, and delivers them one at a time, in order, until each is accepted. Key: <see cref="GrainKeys.InGroup"/>(group, id).
/// </summary>
[Alias("IWebhookSubscriptionGrain")]
public interface IWebhookSubscriptionGrain : IGrainWithStringKey
{
    /// <summary>Subscribes (an administrator, or a partner's API client with webhooks:write) and answers the secret, shown this once.</summary>
    [Alias("Create")]
    Task<Outcome<WebhookSecret>> Create(NewWebhookSubscription subscription);

    [Alias("Get"), AlwaysInterleave]
    Task<Outcome<WebhookSubscriptionView>> Get();

    /// <summary>A new secret, shown once; deliveries carry signatures by both for a day so the receiver can switch over.</summary>
    [Alias("RotateSecret")]
    Task<Outcome<WebhookSecret>> RotateSecret();

    /// <summary>Stops (true) or resumes (false) delivering; events still queue while paused, so nothing is lost.</summary>
    [Alias("SetPaused")]
    Task<Outcome<WebhookSubscriptionView>> SetPaused(bool paused);

    /// <summary>Ends the subscription for good: nothing more is queued or sent.</summary>
    [Alias("Cancel")]
    Task<Outcome<WebhookSubscriptionView>> Cancel();

    /// <summary>Delivers again from <paramref name="fromNumber"/> on, in order (the same event ids, the same numbers).</summary>
    [Alias("Replay")]
    Task<Outcome<WebhookSubscriptionView>> Replay(long fromNumber);

    /// <summary>The deliveries, newest first, a page at a time.</summary>
    [Alias("ListDeliveries"), AlwaysInterleave]
    Task<Outcome<Page<WebhookDelivery>>> ListDeliveries(PageRequest page);

    /// <summary>The reminder's and a new event's nudge: take new events and deliver what is due.</summary>
    [Alias("Wake"), ForGrainsOnly, OneWay]
    Task Wake();
}

/// <summary>A group's webhook subscriptions: SQL over their rows.</summary>
[Alias("IWebhookListGrain")]
public interface IWebhookListGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<Outcome<Page<WebhookSubscriptionView>>> List(PageRequest page);
}
