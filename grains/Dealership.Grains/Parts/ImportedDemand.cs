namespace Dealership.Grains.Parts;

/// <summary>
/// How a part's monthly demand brought from another system becomes the daily demand the planner reads (<c>parts_demand</c>).
/// Month 1 is the last whole calendar month before the import's day, month 12 the earliest. A month's units are laid on its
/// days as evenly as whole units allow: a slow part (fewer units than days) gets single units on evenly spaced days (the middle
/// of each share of the month), so its daily σ is that of single-unit asks, as slow parts' demand is; a busier part gets the
/// same number each day, give or take one. What the monthly figure cannot show (lumps within a month) is lost, so a lumpy fast
/// part's σ is understated until a few months of its real daily demand are recorded here; the swings from month to month are
/// kept. The history starts on the first day of month 12 (or a year back, the planner's window, if that is later): a part
/// whose early months had no demand is planned over the whole year, not from its first demand (<see cref="HistoryStart"/>).
/// </summary>
public static class ImportedDemand
{
    /// <summary>The day an imported history begins: a demand row of 0 on it tells the planner where the part's history starts.</summary>
    public static DateOnly HistoryStart(DateOnly today, int months)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-months);
        var window = today.AddDays(-364);
        return first > window ? first : window;
    }

    public static IEnumerable<(DateOnly Day, int Quantity)> Days(IReadOnlyList<int> months, DateOnly today)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        for (var m = 1; m <= months.Count; m++)
        {
            var units = months[m - 1];
            if (units <= 0)
            {
                continue;
            }

            var first = thisMonth.AddMonths(-m);
            var days = DateTime.DaysInMonth(first.Year, first.Month);
            var each = units / days;
            var extra = units % days;

            // The k-th extra unit falls in the middle of the k-th of <extra> equal shares of the month.
            var extraDays = Enumerable.Range(0, extra).Select(k => ((2 * k) + 1) * days / (2 * extra)).ToHashSet();
            for (var i = 0; i < days; i++)
            {
                var quantity = each + (extraDays.Contains(i) ? 1 : 0);
                if (quantity > 0)
                {
                    yield return (first.AddDays(i), quantity);
                }
            }
        }
    }
}
