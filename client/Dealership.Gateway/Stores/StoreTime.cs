using System.Text.Json;
using System.Text.Json.Serialization;
using Dealership.Contracts.Stores;

namespace Dealership.Gateway.Stores;

/// <summary>
/// Writes every time in an answer about a store with that store's UTC offset (Asia/Shanghai → +08:00),
/// so staff read their own local time. Reading accepts any offset.
/// </summary>
public sealed class StoreTimeConverter(IHttpContextAccessor accessor) : JsonConverter<DateTimeOffset>
{
    public const string ZoneItem = "dealership.zone";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (accessor.HttpContext?.Items[ZoneItem] is TimeZoneInfo zone)
        {
            value = TimeZoneInfo.ConvertTime(value, zone);
        }

        writer.WriteStringValue(value);
    }

    /// <summary>Remembers the store's zone for this request's answer.</summary>
    public static void Use(HttpContext http, string timeZoneId)
    {
        if (StoreClock.TryFindZone(timeZoneId, out var zone))
        {
            http.Items[ZoneItem] = zone;
        }
    }
}
