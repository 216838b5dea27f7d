namespace Dealership.Grains.Parts;

/// <summary>
/// How a part's monthly demand brought from another system becomes the daily demand the planner reads (<c>parts_demand</c>).
/// Month 1 is the last whole calendar month before the import's day, month 12 the earliest. A month's units are laid on its
/// days as evenly as whole units allow: a slow part (fewer units than days) gets single units on evenly spaced days, so its
/// daily σ is that of single-unit asks, as slow parts' demand is; a busier part gets the same number each day, give or take
/// one. What the monthly figure cannot show (lumps within a month) is lost, so a lumpy fast part's σ is understated until a
/// few months of its real daily demand are recorded here; the swings from month to month are kept.
/// </summary>
public static class ImportedDemand
{
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
            for (var i = 0; i < days; i++)
            {
                // Day i takes one of the extra units when the running share of them passes a whole unit: evenly spaced.
                var quantity = each + (((i + 1) * extra / days) - (i * extra / days));
                if (quantity > 0)
                {
                    yield return (first.AddDays(i), quantity);
                }
            }
        }
    }
}
