namespace Dealership.Gateway.Stores;

/// <summary>The store's own calendar: "today" at the store in the route, in its time zone.</summary>
public static class StoreToday
{
    public static DateOnly Today(this HttpContext http) =>
        DateOnly.FromDateTime(http.Items[StoreTimeConverter.ZoneItem] is TimeZoneInfo zone
            ? TimeZoneInfo.ConvertTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), zone).DateTime
            : http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
}
