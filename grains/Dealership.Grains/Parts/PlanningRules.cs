using Dealership.Contracts.Parts;

namespace Dealership.Grains.Parts;

/// <summary>A part's daily demand over the history window, as sums a query can return for thousands of parts at once.</summary>
/// <param name="Days">Days in the window, counting the days nothing was asked for (they are demand too: zero).</param>
/// <param name="Total">Units asked for in the window.</param>
/// <param name="SumOfSquares">The sum over the window of each day's units squared.</param>
public sealed record DemandHistory(int Days, long Total, long SumOfSquares)
{
    public double Mean => Days == 0 ? 0 : (double)Total / Days;

    /// <summary>The sample standard deviation of daily demand (σ); 0 with fewer than two days.</summary>
    public double StandardDeviation
    {
        get
        {
            if (Days < 2)
            {
                return 0;
            }

            var variance = (SumOfSquares - (Days * Mean * Mean)) / (Days - 1);
            return variance <= 0 ? 0 : Math.Sqrt(variance);
        }
    }

    public static DemandHistory Of(IReadOnlyList<int> daily) =>
        new(daily.Count, daily.Sum(q => (long)q), daily.Sum(q => (long)q * q));
}

/// <summary>What the planner knows of one part when the review runs.</summary>
public sealed record PlanningPart(
    string PartNumber,
    int OnHand,
    int OnOrder,
    int LeadTimeDays,
    int PackSize,
    int ConfiguredMinimum,
    DemandHistory Demand);

/// <summary>The store's planning settings.</summary>
/// <param name="ServiceLevel">The share of demand cycles to be served from stock (0.5–0.999); 95% by default.</param>
/// <param name="ReviewPeriodDays">Days between two reviews (orders are placed once a review).</param>
/// <param name="MinimumHistoryDays">Below this many days of history the part's configured minimum is used instead.</param>
public sealed record PlanningPolicy(decimal ServiceLevel = 0.95m, int ReviewPeriodDays = 7, int MinimumHistoryDays = PlanningPolicy.DefaultMinimumHistoryDays)
{
    public const int DefaultMinimumHistoryDays = 90;
}

/// <summary>One line of the planner's suggestion list.</summary>
public sealed record PlanningLine(
    string PartNumber,
    PlanningBasis Basis,
    double MeanDailyDemand,
    double DailyDeviation,
    int SafetyStock,
    int ReorderPoint,
    int SuggestedQuantity,
    bool BelowReorderPoint);

/// <summary>
/// The parts planner's arithmetic (配件计划员, DOMAIN workflow 10): safety stock = z × σ(daily demand) × √lead time; reorder
/// point = mean daily demand × lead time + safety stock; the periodic-review suggestion = mean daily demand × (lead time +
/// review period) + safety stock − on hand − on order, rounded up to the pack size, never negative. Pure: the planning run
/// gives it sums read in one query, so 20,000 parts need no grain call each.
/// </summary>
public static class PlanningRules
{
    public static PlanningLine Plan(PlanningPart part, PlanningPolicy policy, double z)
    {
        var position = part.OnHand + part.OnOrder;
        if (part.Demand.Days < policy.MinimumHistoryDays)
        {
            var minimum = Math.Max(0, part.ConfiguredMinimum);
            return new PlanningLine(part.PartNumber, PlanningBasis.ConfiguredMinimum, part.Demand.Mean, part.Demand.StandardDeviation, 0, minimum,
                ToPacks(minimum - position, part.PackSize), position < minimum);
        }

        var mean = part.Demand.Mean;
        var sigma = part.Demand.StandardDeviation;
        var lead = Math.Max(0, part.LeadTimeDays);

        // Stock is counted in whole units: a fraction of a unit of safety or of the reorder point is one more unit.
        var safety = Units(z * sigma * Math.Sqrt(lead));
        var reorderPoint = Units((mean * lead) + safety);
        var needed = (mean * (lead + policy.ReviewPeriodDays)) + safety - position;
        return new PlanningLine(part.PartNumber, PlanningBasis.History, mean, sigma, safety, reorderPoint,
            ToPacks(Units(needed), part.PackSize), position < reorderPoint);
    }

    /// <summary>
    /// The z of a one-sided service level: the standard normal quantile, found by bisection on the normal distribution
    /// (z(95%) = 1.645, z(97.5%) = 1.960).
    /// </summary>
    public static double Z(decimal serviceLevel)
    {
        if (serviceLevel is < 0.5m or > 0.999m)
        {
            throw new ArgumentOutOfRangeException(nameof(serviceLevel), "A service level is between 50% and 99.9%.");
        }

        double low = 0, high = 4, target = (double)serviceLevel;
        for (var i = 0; i < 60; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = NormalDistribution(middle) < target ? (middle, high) : (low, middle);
        }

        return (low + high) / 2;
    }

    /// <summary>Φ(x) for x ≥ 0: one half plus the area under the normal density from 0 to x (Simpson's rule, 2,000 strips).</summary>
    private static double NormalDistribution(double x)
    {
        const int Strips = 2_000;
        var h = x / Strips;
        var sum = Density(0) + Density(x);
        for (var i = 1; i < Strips; i++)
        {
            sum += Density(i * h) * (i % 2 == 1 ? 4 : 2);
        }

        return 0.5 + (sum * h / 3);
    }

    private static double Density(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);

    /// <summary>Rounded up to whole units; a tiny excess from floating point (4.0000000001) is not a fifth unit.</summary>
    private static int Units(double quantity) => quantity <= 0 ? 0 : (int)Math.Ceiling(Math.Round(quantity, 6));

    private static int ToPacks(int quantity, int packSize)
    {
        if (quantity <= 0)
        {
            return 0;
        }

        var pack = Math.Max(1, packSize);
        return (quantity + pack - 1) / pack * pack;
    }
}
