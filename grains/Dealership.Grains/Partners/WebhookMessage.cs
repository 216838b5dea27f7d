using System.Globalization;
using System.Net.Mime;
using System.Text;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Dealership.Grains.Partners;

/// <summary>One event as the outbox holds it, with the subscription's delivery number.</summary>
public sealed record OutgoingEvent(long Number, Guid EventId, string Type, string StoreId, long Sequence, string Subject, DateTimeOffset At,
    string Data, string? Personal);

/// <summary>
/// A delivery's body: a CloudEvents 1.0 event in JSON (structured mode). <c>source</c> is the store, <c>sequence</c> (the
/// Sequence extension, 20 digits) its store sequence, <c>deliverynumber</c> this subscription's number: a receiver that sees a number skip
/// knows it lost a delivery, while a store sequence that skips is only events it did not subscribe to.
/// </summary>
public static class WebhookMessage
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    private static readonly CloudEventAttribute DeliveryNumber = CloudEventAttribute.CreateExtension("deliverynumber", CloudEventAttributeType.Integer);
    private static readonly CloudEventAttribute StoreId = CloudEventAttribute.CreateExtension("storeid", CloudEventAttributeType.String);

    // The Sequence extension's current form: a string that orders as text, so the number is padded to 20 digits.
    private static readonly CloudEventAttribute Sequence = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);
    private static readonly JsonEventFormatter Formatter = new();

    public static string Body(OutgoingEvent e, bool personalData)
    {
        var data = JsonNode.Parse(e.Data)!.AsObject();
        if (personalData && e.Personal is not null)
        {
            data["customer"] = JsonNode.Parse(e.Personal);
        }

        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [DeliveryNumber, StoreId, Sequence])
        {
            Id = e.EventId.ToString(),
            Source = new Uri($"/stores/{e.StoreId}", UriKind.Relative),
            Type = e.Type,
            Subject = e.Subject,
            Time = e.At,
            DataContentType = MediaTypeNames.Application.Json,
            Data = data,
        };
        cloudEvent[Sequence] = e.Sequence.ToString("D20", CultureInfo.InvariantCulture);
        // CloudEvents integers are 32-bit: a subscription's numbers stay far below that in any installation's life.
        cloudEvent[DeliveryNumber] = checked((int)e.Number);
        cloudEvent[StoreId] = e.StoreId;
        return Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }

    public static string Number(long number) => number.ToString(CultureInfo.InvariantCulture);
}
