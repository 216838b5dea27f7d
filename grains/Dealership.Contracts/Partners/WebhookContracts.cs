using Dealership.Contracts.Common;

namespace Dealership.Contracts.Partners;

/// <summary>The events a subscription may name: what a partner's system hears about, each written with the change that causes it.</summary>
public static class WebhookEventTypes
{
    public const string DealSigned = "deal.signed";
    public const string PaymentRecorded = "payment.recorded";
    public const string VehicleReceived = "vehicle.received";
    public const string VehicleDelivered = "vehicle.delivered";
    public const string TransferSent = "transfer.sent";
    public const string TransferReceived = "transfer.received";
    public const string WeeklyReportSubmitted = "weekly-report.submitted";

    public static readonly IReadOnlyList<string> All =
        [DealSigned, PaymentRecorded, VehicleReceived, VehicleDelivered, TransferSent, TransferReceived, WeeklyReportSubmitted];
}

/// <summary>Whether a subscription's events go out: active, paused (by an administrator, or after failing too long), or cancelled.</summary>
public enum WebhookStatus
{
    Active = 1,
    Paused = 2,
    Cancelled = 3,
}

/// <summary>
/// An HTTPS endpoint subscribed to named event types of some stores (or the whole group). <see cref="PersonalData"/>: events carry
/// the customer's name and mobile (an administrator's choice); otherwise only the customer's id.
/// </summary>
[GenerateSerializer, Immutable, Alias("NewWebhookSubscription")]
public sealed record NewWebhookSubscription(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> EventTypes,
    [property: Id(2)] IReadOnlyList<string> StoreIds,
    [property: Id(3)] bool WholeGroup,
    [property: Id(4)] bool PersonalData)
{
    public const int MaxUrlLength = 500;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors.Add("url", "is required.");
        }
        else if (Url.Length > MaxUrlLength || !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || uri.UserInfo.Length > 0 || uri.Host.Length == 0 || uri.Fragment.Length > 0)
        {
            errors.Add("url", $"must be an https:// address without credentials or fragment, at most {MaxUrlLength} characters.");
        }

        if (EventTypes is not { Count: > 0 })
        {
            errors.Add("eventTypes", $"must name at least one of {string.Join(", ", WebhookEventTypes.All)}.");
        }
        else
        {
            for (var i = 0; i < EventTypes.Count; i++)
            {
                if (!WebhookEventTypes.All.Contains(EventTypes[i]))
                {
                    errors.Add($"eventTypes[{i}]", $"'{EventTypes[i]}' is not an event type: {string.Join(", ", WebhookEventTypes.All)}.");
                }
            }
        }

        var stores = StoreIds ?? [];
        if (stores.Count > 50)
        {
            errors.Add("storeIds", "may list at most 50 stores.");
        }

        for (var i = 0; i < Math.Min(stores.Count, 50); i++)
        {
            errors.Id($"storeIds[{i}]", stores[i]);
        }

        if (WholeGroup && stores.Count > 0)
        {
            errors.Add("storeIds", "must be empty when the subscription covers the whole group.");
        }

        if (!WholeGroup && stores.Count == 0)
        {
            errors.Add("storeIds", "must name at least one store (or set wholeGroup).");
        }

        return errors;
    }
}

/// <summary>
/// A subscription as its owner sees it (never its secret). Delivery numbers count this subscription's events without gaps:
/// <see cref="LastNumber"/> the newest, <see cref="DeliveredThrough"/> the last one the endpoint accepted, in order.
/// </summary>
[GenerateSerializer, Immutable, Alias("WebhookSubscriptionView")]
public sealed record WebhookSubscriptionView(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string GroupId,
    [property: Id(2)] string Url,
    [property: Id(3)] IReadOnlyList<string> EventTypes,
    [property: Id(4)] IReadOnlyList<string> StoreIds,
    [property: Id(5)] bool WholeGroup,
    [property: Id(6)] bool PersonalData,
    [property: Id(7)] WebhookStatus Status,
    [property: Id(8)] string? PausedReason,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] string CreatedBy,
    [property: Id(11)] long LastNumber,
    [property: Id(12)] long DeliveredThrough,
    [property: Id(13)] int FailedAttempts,
    [property: Id(14)] DateTimeOffset? NextAttemptAt,
    [property: Id(15)] string? LastError,
    [property: Id(16)] DateTimeOffset SecretIssuedAt,
    [property: Id(17)] DateTimeOffset? PreviousSecretUntil);

/// <summary>A subscription's signing secret, shown once: at creation and at each rotation.</summary>
[GenerateSerializer, Immutable, Alias("WebhookSecret")]
public sealed record WebhookSecret([property: Id(0)] string SubscriptionId, [property: Id(1)] string Secret, [property: Id(2)] WebhookSubscriptionView Subscription);

public enum WebhookDeliveryStatus
{
    Pending = 1,
    Delivered = 2,
}

/// <summary>One event's delivery to one subscription, by its number.</summary>
[GenerateSerializer, Immutable, Alias("WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] long Number,
    [property: Id(1)] Guid EventId,
    [property: Id(2)] string Type,
    [property: Id(3)] string StoreId,
    [property: Id(4)] long StoreSequence,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] WebhookDeliveryStatus Status,
    [property: Id(7)] int Attempts,
    [property: Id(8)] DateTimeOffset? LastAttemptAt,
    [property: Id(9)] int? LastStatusCode,
    [property: Id(10)] string? LastError,
    [property: Id(11)] DateTimeOffset? DeliveredAt);
