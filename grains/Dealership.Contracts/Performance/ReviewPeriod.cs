using System.Globalization;

namespace Dealership.Contracts.Performance;

/// <summary>
/// A period figures are read for: a month (<c>yyyy-MM</c>), a quarter (<c>yyyy-Qn</c>) or an ISO week (<c>yyyy-Www</c>, Monday to
/// Sunday, for the weekly meeting), as store-local days. Reviews are of months and quarters.
/// </summary>
public readonly record struct ReviewPeriod(string Name, DateOnly From, DateOnly To)
{
    public bool IsWeek => Name.Contains('W', StringComparison.Ordinal);

    /// <summary>The ISO week <paramref name="day"/> falls in.</summary>
    public static ReviewPeriod WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new ReviewPeriod($"{ISOWeek.GetYear(date):D4}-W{ISOWeek.GetWeekOfYear(date):D2}", monday, monday.AddDays(6));
    }

    /// <summary>The month <paramref name="day"/> falls in.</summary>
    public static ReviewPeriod MonthOf(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new ReviewPeriod(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>The period <paramref name="text"/> names, from the year 2000 on; null when it does not read.</summary>
    public static ReviewPeriod? Parse(string? text)
    {
        if (text is { Length: 7 } && text[4] == '-' && text[5] == 'Q' && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year >= 2000 && text[6] is >= '1' and <= '4')
        {
            var from = new DateOnly(year, (text[6] - '1') * 3 + 1, 1);
            return new ReviewPeriod(text, from, from.AddMonths(3).AddDays(-1));
        }

        if (text is { Length: 8 } && text[4] == '-' && text[5] == 'W' && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var isoYear)
            && isoYear >= 2000 && int.TryParse(text[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var week) && week >= 1
            && week <= ISOWeek.GetWeeksInYear(isoYear))
        {
            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(isoYear, week, DayOfWeek.Monday));
            return new ReviewPeriod(text, monday, monday.AddDays(6));
        }

        if (text is { Length: 7 } && DateOnly.TryParseExact($"{text}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && first.Year >= 2000)
        {
            return new ReviewPeriod(text, first, first.AddMonths(1).AddDays(-1));
        }

        return null;
    }
}
