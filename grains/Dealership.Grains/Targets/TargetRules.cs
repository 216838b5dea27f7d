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

        var raw = weights.Select(w => annual.Units * w / 100m).ToArray();
        var total = (int)decimal.Round(raw.Sum(), MidpointRounding.AwayFromZero);
        for (var m = 0; m < 12; m++)
        {
            units[m] = (int)decimal.Floor(raw[m]);
            profit[m] = decimal.Round(annual.GrossProfit * weights[m] / 100m, 2, MidpointRounding.AwayFromZero);
        }

        foreach (var m in Enumerable.Range(0, 12).OrderByDescending(m => raw[m] - decimal.Floor(raw[m])).ThenBy(m => m).Take(total - units.Sum()))
        {
            units[m]++;
        }

        return (units, profit);
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
        var start = Start(first, zone);
        var end = Start(first.AddMonths(1), zone);
        if (now <= start)
        {
            return (0m, days);
        }

        if (now >= end)
        {
            return (days, days);
        }

        // Elapsed time over the month's real length (a daylight-saving month is an hour shorter or longer), in days.
        var share = (decimal)((now - start).TotalSeconds / (end - start).TotalSeconds);
        return (decimal.Round(share * days, 2), days);
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
