namespace Dealership.Contracts.Stores;

/// <summary>Turns instants into a store's local time. Stores use IANA zone ids (Asia/Shanghai).</summary>
public static class StoreClock
{
    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (id.Length > 64 || !id.Contains('/', StringComparison.Ordinal) && id != "UTC")
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }

    /// <summary>The instant expressed with the store's offset at that instant.</summary>
    public static DateTimeOffset ToStoreTime(DateTimeOffset instant, string timeZoneId) =>
        TryFindZone(timeZoneId, out var zone) ? TimeZoneInfo.ConvertTime(instant, zone) : instant;
}
