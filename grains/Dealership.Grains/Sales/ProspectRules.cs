using Dealership.Contracts.Sales;
using Dealership.Contracts.Stores;

namespace Dealership.Grains.Sales;

/// <summary>The follow-up rhythm of each grade, from the store's policies.</summary>
public static class ProspectRules
{
    public static int Days(ProspectGrade grade, StorePolicies policies) => grade switch
    {
        ProspectGrade.H => policies.FollowUpDaysH,
        ProspectGrade.A => policies.FollowUpDaysA,
        ProspectGrade.B => policies.FollowUpDaysB,
        _ => policies.FollowUpDaysC,
    };

    /// <summary>When the next follow-up is due after a contact at <paramref name="contactAt"/>.</summary>
    public static DateTimeOffset NextDue(DateTimeOffset contactAt, ProspectGrade grade, StorePolicies policies) =>
        contactAt.AddDays(Days(grade, policies));

    public static bool IsOverdue(DateTimeOffset? due, DateTimeOffset now) => due is { } d && now > d;
}
