using Dealership.Contracts.Targets;

namespace Dealership.Grains.Targets;

/// <summary>How a consultant's day is laid out: items in time order (follow-ups, which have no time, last), and which timed items clash.</summary>
public static class DayPlanRules
{
    /// <summary>How long a handover takes on the plan: the slot is its start.</summary>
    public static readonly TimeSpan HandoverLength = TimeSpan.FromHours(1);

    public static IReadOnlyList<PlanItem> InOrder(IEnumerable<PlanItem> items) =>
        [.. items.OrderBy(i => i.Starts is null).ThenBy(i => i.Starts).ThenBy(i => i.Kind).ThenBy(i => i.Reference, StringComparer.Ordinal)];

    /// <summary>Every pair of timed items that overlap (one ending as the next starts does not clash), in time order.</summary>
    public static IReadOnlyList<PlanClash> Clashes(IReadOnlyList<PlanItem> items)
    {
        var timed = items.Where(i => i is { Starts: not null, Ends: not null }).OrderBy(i => i.Starts).ToList();
        var clashes = new List<PlanClash>();
        for (var i = 0; i < timed.Count; i++)
        {
            for (var j = i + 1; j < timed.Count && timed[j].Starts < timed[i].Ends; j++)
            {
                var to = timed[i].Ends < timed[j].Ends ? timed[i].Ends!.Value : timed[j].Ends!.Value;
                clashes.Add(new PlanClash(timed[i].Reference, timed[j].Reference, timed[j].Starts!.Value, to));
            }
        }

        return clashes;
    }
}
