using Dealership.Contracts.Targets;

namespace Dealership.Grains.Targets;

/// <summary>How a year's target becomes months and consultants, and how far a month has gone: pure arithmetic.</summary>
public static class TargetRules
{
    /// <summary>
    /// The months of <paramref name="annual"/> by <paramref name="weights"/> (percent). Units are whole: the allocated share of the
    /// year is rounded once, and its units go to the months by largest remainder, so the months add up to it exactly.
    /// </summary>
    public static (int[] Units, decimal[] GrossProfit) Months(AnnualTarget? annual, IReadOnlyList<decimal>? weights)
    {
        var units = new int[12];
        var profit = new decimal[12];
        if (annual is null || weights is not { Count: 12 })
        {
            return (units, profit);
        }

        var cents = LargestRemainder(weights.Select(w => annual.GrossProfit * 100m * w / 100m).ToArray());
        return (LargestRemainder([.. weights.Select(w => annual.Units * w / 100m)]).Select(u => (int)u).ToArray(),
            [.. cents.Select(c => c / 100m)]);
    }

    /// <summary>Whole parts of <paramref name="raw"/> that add up to its rounded sum: floors, then one more to the largest remainders.</summary>
    private static decimal[] LargestRemainder(decimal[] raw)
    {
        var whole = raw.Select(decimal.Floor).ToArray();
        var left = (int)(decimal.Round(raw.Sum(), MidpointRounding.AwayFromZero) - whole.Sum());
        foreach (var m in Enumerable.Range(0, raw.Length).OrderByDescending(m => raw[m] - whole[m]).ThenBy(m => m).Take(Math.Max(0, left)))
        {
            whole[m]++;
        }

        return whole;
    }

    /// <summary>The plan as staff read it: every month with its consultants and gaps, and the year's gap.</summary>
    public static (IReadOnlyList<MonthTarget> Months, int UnallocatedUnits, decimal UnallocatedGrossProfit) Plan(AnnualTarget? annual,
        IReadOnlyList<decimal>? weights, IReadOnlyDictionary<int, List<ConsultantTarget>> consultants)
    {
        var (units, profit) = Months(annual, weights);
        var months = Enumerable.Range(1, 12).Select(m =>
        {
            var split = consultants.TryGetValue(m, out var c) ? c : [];
            return new MonthTarget(m, weights is { Count: 12 } ? weights[m - 1] : 0m, units[m - 1], profit[m - 1], split,
                units[m - 1] - split.Sum(x => x.Units), profit[m - 1] - split.Sum(x => x.GrossProfit));
        }).ToList();
        return (months, (annual?.Units ?? 0) - units.Sum(), (annual?.GrossProfit ?? 0m) - profit.Sum());
    }

    /// <summary>Days of <paramref name="month"/> gone at <paramref name="now"/> in <paramref name="zone"/> (to the hundredth), and the month's length.</summary>
    public static (decimal DaysGone, int DaysInMonth) TimeGone(DateOnly month, DateTimeOffset now, TimeZoneInfo zone)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        if (now <= Start(first, zone))
        {
            return (0m, days);
        }

        if (now >= Start(first.AddMonths(1), zone))
        {
            return (days, days);
        }

        // Local calendar days gone, and the share of today by the local clock: midnight of the 16th is 15 days, whatever
        // daylight saving did to the hours before it.
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var whole = DateOnly.FromDateTime(local.DateTime).DayNumber - first.DayNumber;
        return (decimal.Round(whole + (decimal)(local.TimeOfDay.TotalHours / 24), 2), days);
    }

    public static TargetFigures Figures(int targetUnits, decimal targetProfit, int orders, int retail, int deliveries, decimal grossProfit) =>
        new(targetUnits, targetProfit, orders, retail, deliveries, grossProfit,
            targetUnits > 0 ? decimal.Round((decimal)retail / targetUnits, 3) : null,
            targetProfit > 0 ? decimal.Round(grossProfit / targetProfit, 3) : null);

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
