using System.Globalization;
using Dealership.Gateway.Http;

namespace Dealership.Gateway.Stores;

/// <summary>The store's own calendar: "today" at the store in the route, in its time zone.</summary>
public static class StoreToday
{
    public static DateOnly Today(this HttpContext http) =>
        DateOnly.FromDateTime(http.Items[StoreTimeConverter.ZoneItem] is TimeZoneInfo zone
            ? TimeZoneInfo.ConvertTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), zone).DateTime
            : http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>The store's day a request names (yyyy-MM-dd), today by default; a malformed one is a 400 naming <paramref name="field"/>.</summary>
    public static (DateOnly Day, IResult? Bad) DayAsked(this HttpContext http, string? day, string field = "day")
    {
        var parsed = http.Today();
        return day is not null && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed)
            ? (parsed, Problems.Invalid(field, "must be a date (yyyy-MM-dd)."))
            : (parsed, null);
    }
}
