using Dealership.Contracts.Stores;
using Dealership.Grains.Stores;

namespace Dealership.Rules.Tests.Stores;

public sealed class PartsPoliciesTests
{
    [Fact]
    public void A_change_sets_the_parts_planning_policies_and_keeps_the_rest()
    {
        var changed = StoreRules.Apply(StorePolicies.Default, new StorePoliciesChange { PartsServiceLevel = 0.98m, PartsDeadAfterMonths = 9 });

        Assert.Equal(0.98m, changed.PartsServiceLevel);
        Assert.Equal(9, changed.PartsDeadAfterMonths);
        Assert.Equal(StorePolicies.Default.PartsReviewDays, changed.PartsReviewDays);
        Assert.NotEqual(StorePolicies.Default, changed);
        Assert.Contains("partsServiceLevel 0.95 → 0.98", StoreRules.Describe("policies", StorePolicies.Default, changed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.3, 7, 7, "partsServiceLevel")]
    [InlineData(1.0, 7, 7, "partsServiceLevel")]
    [InlineData(0.95, 0, 7, "partsReviewDays")]
    [InlineData(0.95, 7, 0, "partsDeadAfterMonths")]
    public void Parts_policies_out_of_range_are_refused_naming_the_field(double serviceLevel, int reviewDays, int deadAfterMonths, string field)
    {
        var policies = StorePolicies.Default with
        {
            PartsServiceLevel = (decimal)serviceLevel,
            PartsReviewDays = reviewDays,
            PartsDeadAfterMonths = deadAfterMonths,
        };

        Assert.Contains(field, policies.Validate().ToDictionary().Keys);
    }
}
