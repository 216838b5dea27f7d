using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;

namespace Dealership.Rules.Tests.Trust;

public sealed class PartnerScopesTests
{
    [Theory]
    [InlineData("Sales floor", "sales-floor")]
    [InlineData("KeyAccounts", "key-accounts")]
    [InlineData("FleetOrders", "fleet-orders")]
    [InlineData("Insurance renewals", "insurance-renewals")]
    [InlineData("API clients", "api-clients")]
    [InlineData("Sign-in", "sign-in")]
    public void A_tag_reads_as_its_area(string tag, string area) => Assert.Equal(area, PartnerScopes.AreaOf(tag));

    [Fact]
    public void Staff_only_parts_of_the_API_are_no_area()
    {
        foreach (var tag in new[] { "Staff", "API clients", "Sign-in", "Live feed" })
        {
            Assert.DoesNotContain(PartnerScopes.AreaOf(tag), PartnerScopes.Areas);
        }
    }

    [Fact]
    public void Write_covers_read_and_read_never_writes()
    {
        Assert.True(PartnerScopes.Allow(["deals:write"], "deals", write: false));
        Assert.True(PartnerScopes.Allow(["deals:write"], "deals", write: true));
        Assert.True(PartnerScopes.Allow(["deals:read"], "deals", write: false));
        Assert.False(PartnerScopes.Allow(["deals:read"], "deals", write: true));
        Assert.False(PartnerScopes.Allow(["vehicles:write"], "deals", write: false));
    }

    [Theory]
    [InlineData("deals:read", true)]
    [InlineData("parts:write", true)]
    [InlineData("staff:read", false)]
    [InlineData("deals:admin", false)]
    [InlineData("deals", false)]
    [InlineData("deals:read:x", false)]
    [InlineData("DEALS:READ", false)]
    public void Scopes_are_area_and_access(string scope, bool valid) => Assert.Equal(valid, PartnerScopes.IsScope(scope));

    [Fact]
    public void A_client_never_administers_and_names_each_bad_scope()
    {
        var errors = new NewApiClient("Lender", StaffRole.Administrator, [], true, ["deals:read", "nope"]).Validate().ToDictionary();
        Assert.Contains("role", errors.Keys);
        Assert.Contains("scopes[1]", errors.Keys);
        Assert.DoesNotContain("scopes[0]", errors.Keys);
    }
}
