namespace Dealership.Web.Services;

/// <summary>
/// Times as staff type them are the store's local times: this turns one into an instant with the store's offset on that day (from
/// its time zone in its profile), not the browser's and not a fixed +08:00.
/// </summary>
public sealed class StoreTime(Api api)
{
    private readonly Dictionary<string, TimeZoneInfo> zones = new(StringComparer.Ordinal);

    /// <summary>The store's local <paramref name="text"/> (yyyy-MM-ddTHH:mm) as an instant, or null when it is not a time.</summary>
    public async Task<DateTimeOffset?> At(string? text)
    {
        if (!DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zone = await Zone();
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The store's own day now.</summary>
    public async Task<DateOnly> Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, await Zone()).DateTime);

    private async Task<TimeZoneInfo> Zone()
    {
        var store = api.Store;
        if (!zones.TryGetValue(store, out var zone))
        {
            var id = (await api.Call(c => c.Api.V2.Stores[store].GetAsync()))?.Profile?.TimeZoneId;
            zone = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : China;
            zones[store] = zone;
        }

        return zone;
    }

    // A store whose zone the browser does not know is read as China's, where the group's stores are.
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China", "China");
}
