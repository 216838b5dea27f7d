using System.Globalization;

namespace Dealership.Web.Services;

/// <summary>How the app writes amounts, times and rates as Chinese staff read them: ¥1,234.00; 2026-12-06 14:30 in the store's time.</summary>
public static class Show
{
    public static string Money(decimal? amount) => amount is { } a ? "¥" + a.ToString("N2", CultureInfo.InvariantCulture) : "—";

    /// <summary>The API writes store times with the store's offset: they are shown as written, never in the browser's zone.</summary>
    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>The time of day of a store time (a day's plan).</summary>
    public static string Clock(DateTimeOffset? at) => at is { } t ? t.ToString("HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Rate(decimal? rate) => rate is { } r ? (r * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Decimal(decimal? d) => d is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    /// <summary>Who acted, by the name they had then (the system when no one did).</summary>
    public static string Who(Dealership.ApiClient.Models.StaffRef? by) => by?.Name ?? by?.StaffId ?? "—";

    public static string Number(int? n) => n is { } v ? v.ToString(CultureInfo.InvariantCulture) : "—";

    /// <summary>A calendar date as the API sends it (yyyy-MM-dd).</summary>
    public static string Date(Microsoft.Kiota.Abstractions.Date? date) =>
        date is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}") : "—";
}
