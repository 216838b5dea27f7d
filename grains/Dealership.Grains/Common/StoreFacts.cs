using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;

namespace Dealership.Grains.Common;

/// <summary>What the store-level grains ask of a store: its rules and time zone, its counters, and who is calling.</summary>
internal static class StoreFacts
{
    public static async Task<StoreView?> Store(IGrainFactory grains, string storeId) =>
        (await grains.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).Get()).Value;

    /// <summary>The store's time zone (UTC if the store is unknown).</summary>
    public static TimeZoneInfo Zone(StoreView? store) =>
        store is not null && StoreClock.TryFindZone(store.Profile.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The store's local calendar date at <paramref name="instant"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, string timeZoneId) =>
        DateOnly.FromDateTime(StoreClock.ToStoreTime(instant, timeZoneId).DateTime);

    /// <summary>The local calendar date in <paramref name="zone"/> (from <see cref="Zone"/>) at <paramref name="instant"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant the store's calendar day <paramref name="day"/> begins in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>A consultant sees only their own customers and deals; everyone else the store's.</summary>
    public static bool HiddenFrom(string? ownerConsultantId) =>
        Caller.Current is { Role: StaffRole.SalesConsultant } caller && caller.StaffId != ownerConsultantId;

    /// <summary>The caller's staff id if they are a sales consultant.</summary>
    public static string? CallingConsultant() => Caller.Current is { Role: StaffRole.SalesConsultant } c ? c.StaffId : null;
}
