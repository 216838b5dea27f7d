using Dealership.Contracts.Common;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;

namespace Dealership.Grains.Targets;

/// <summary>
/// A store-local month for a report: its first and last days, its bounds as instants in the store's time zone, and the cut
/// (the month's end, or now while it runs).
/// </summary>
public sealed record MonthPeriod(DateOnly First, DateOnly Last, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Cut, DateOnly CutDay, bool Closed)
{
    public string Name => $"{First:yyyy-MM}";

    /// <summary>The month beginning <paramref name="month"/>'s month, refused (naming <c>month</c>) while it has not begun.</summary>
    public static Outcome<MonthPeriod> Of(DateOnly month, StoreView? store, DateTimeOffset now)
    {
        var zone = StoreFacts.Zone(store);
        var first = new DateOnly(month.Year, month.Month, 1);
        if (first > StoreFacts.LocalDate(now, zone))
        {
            return Problem.Invalid("month", "has not begun: a month is reported once its first day has come.");
        }

        var start = StoreFacts.StartOf(first, zone);
        var end = StoreFacts.StartOf(first.AddMonths(1), zone);
        // A closed month's stock is aged as of its last day; a running month's as of today.
        var last = first.AddMonths(1).AddDays(-1);
        var closed = end <= now;
        return new MonthPeriod(first, last, start, end, closed ? end : now, closed ? last : StoreFacts.LocalDate(now, zone), closed);
    }
}
