namespace Dealership.Grains.Stores;

/// <summary>When things fall due in a store's own time zone (daylight saving included).</summary>
public static class ScheduleRules
{
    /// <summary>The next instant strictly after <paramref name="now"/> at which the store's local clock reads <paramref name="localTime"/>.</summary>
    public static DateTimeOffset NextDaily(DateTimeOffset now, TimeZoneInfo zone, TimeOnly localTime)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = DateOnly.FromDateTime(local.DateTime); ; day = day.AddDays(1))
        {
            var candidate = ToInstant(day.ToDateTime(localTime), zone);
            if (candidate > now)
            {
                return candidate;
            }
        }
    }

    /// <summary>The next instant strictly after <paramref name="now"/> at which the store's local clock reads <paramref name="day"/> <paramref name="localTime"/>.</summary>
    public static DateTimeOffset NextWeekly(DateTimeOffset now, TimeZoneInfo zone, DayOfWeek day, TimeOnly localTime)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var date = DateOnly.FromDateTime(local.DateTime); ; date = date.AddDays(1))
        {
            if (date.DayOfWeek != day)
            {
                continue;
            }

            var candidate = ToInstant(date.ToDateTime(localTime), zone);
            if (candidate > now)
            {
                return candidate;
            }
        }
    }

    /// <summary>The instant the store's local clock reads <paramref name="localTime"/> on day <paramref name="day"/> of a month (the last day if shorter).</summary>
    public static DateTimeOffset MonthlyAt(int year, int month, int day, TimeOnly localTime, TimeZoneInfo zone) =>
        ToInstant(new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month))).ToDateTime(localTime), zone);

    /// <summary>
    /// A local wall-clock time as an instant. A time skipped by a spring-forward gap is moved past the gap;
    /// a time that occurs twice in the autumn is taken at its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime localWallClock, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(30);
        }

        var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset);
    }
}
