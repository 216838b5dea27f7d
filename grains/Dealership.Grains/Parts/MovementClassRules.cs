using Dealership.Contracts.Parts;

namespace Dealership.Grains.Parts;

/// <summary>The store's thresholds for the movement classes.</summary>
/// <param name="DeadAfterMonths">No movement for this many months makes a part dead (7 by default).</param>
/// <param name="FastFromMonths">Asked for in at least this many of the last 12 months: fast.</param>
/// <param name="MediumFromMonths">Asked for in at least this many of the last 12 months (and fewer than fast): medium; fewer: slow.</param>
public sealed record MovementPolicy(int DeadAfterMonths = 7, int FastFromMonths = 9, int MediumFromMonths = 4);

/// <summary>Classifies a part by how recently anything moved it and in how many of the last 12 months it was asked for.</summary>
public static class MovementClassRules
{
    /// <param name="lastMovement">The last receipt, issue, return or count of the part; its creation when it never moved.</param>
    /// <param name="monthsWithDemand">Of the last 12 months, how many saw the part issued or sold.</param>
    /// <param name="today">The store's date.</param>
    public static MovementClass Classify(DateOnly lastMovement, int monthsWithDemand, DateOnly today, MovementPolicy policy)
    {
        if (lastMovement <= today.AddMonths(-policy.DeadAfterMonths))
        {
            return MovementClass.Dead;
        }

        return monthsWithDemand >= policy.FastFromMonths ? MovementClass.Fast
            : monthsWithDemand >= policy.MediumFromMonths ? MovementClass.Medium
            : MovementClass.Slow;
    }
}
