using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Vehicles;

namespace Dealership.Rules.Tests.Common;

public sealed class PolicyAndInputTests
{
    [Fact]
    public void Default_policies_follow_the_domain()
    {
        var p = StorePolicies.Default;
        Assert.Equal(0.13m, p.VatRate);
        Assert.Equal(6, p.PdiLeadTimeHours);
        Assert.Equal(DayOfWeek.Friday, p.WeeklyReportDay);
        Assert.Equal(new TimeOnly(17, 0), p.WeeklyReportTime);
        Assert.Equal(90, p.AgedStockDays);
        Assert.False(p.Validate().Any);
    }

    [Fact]
    public void Policies_name_each_bad_field()
    {
        var errors = (StorePolicies.Default with { VatRate = 2m, ManagerDiscountLimit = 100m, ConsultantDiscountLimit = 500m, AgedStockDays = 0 })
            .Validate().ToDictionary();
        Assert.Contains("vatRate", errors.Keys);
        Assert.Contains("managerDiscountLimit", errors.Keys);
        Assert.Contains("agedStockDays", errors.Keys);
        Assert.DoesNotContain("pdiLeadTimeHours", errors.Keys);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(48, true)]
    public void The_PDI_lead_time_is_at_least_six_hours(int hours, bool ok) =>
        Assert.Equal(ok, !(StorePolicies.Default with { PdiLeadTimeHours = hours }).Validate().ToDictionary().ContainsKey("pdiLeadTimeHours"));

    [Theory]
    [InlineData("Asia/Shanghai", true)]
    [InlineData("America/New_York", true)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("", false)]
    public void Store_time_zones_must_be_real(string zone, bool ok)
    {
        var errors = new StoreProfile("Store", "Brand", zone).Validate().ToDictionary();
        Assert.Equal(ok, !errors.ContainsKey("timeZoneId"));
    }

    [Theory]
    [InlineData("bj-chaoyang-vw", true)]
    [InlineData("cafe", true)]
    [InlineData("9store", false)]
    [InlineData("Store", false)]
    [InlineData("a/b", false)]
    [InlineData("x", false)]
    public void Ids_are_lower_case_slugs(string id, bool ok) => Assert.Equal(ok, Ids.IsValid(id));

    [Fact]
    public void Group_hq_always_sees_the_whole_group()
    {
        var errors = new StaffAssignment(StaffRole.GroupHq, ["bj-chaoyang-vw"], false).Validate().ToDictionary();
        Assert.Contains("wholeGroup", errors.Keys);
    }

    [Fact]
    public void Nobody_can_be_given_the_platform_role()
    {
        var errors = new NewStaff("mallory", "M", StaffRole.PlatformOperator, [], true, "long-enough-password").Validate().ToDictionary();
        Assert.Contains("role", errors.Keys);
    }

    [Fact]
    public void A_short_password_is_refused() =>
        Assert.Contains("password", new NewStaff("li-lei", "Li Lei", StaffRole.Cashier, ["s1"], false, "short").Validate().ToDictionary().Keys);

    [Fact]
    public void New_cars_are_validated_field_by_field()
    {
        var errors = new NewVehicle("1M8GDM9A1KP042788", "", "Trim", "White", 0m, VehicleStatus.Sold).Validate().ToDictionary();
        Assert.Contains("vin", errors.Keys);
        Assert.Contains("model", errors.Keys);
        Assert.Contains("cost", errors.Keys);
        Assert.Contains("status", errors.Keys);
    }

    [Theory]
    [InlineData(5, PartsMovementReason.IssueToRepair, null, "quantity")]
    [InlineData(-5, PartsMovementReason.Receipt, null, "quantity")]
    [InlineData(3, PartsMovementReason.Correction, null, "note")]
    [InlineData(0, PartsMovementReason.Receipt, null, "quantity")]
    public void Parts_movements_must_make_sense(int quantity, PartsMovementReason reason, string? note, string field) =>
        Assert.Contains(field, new PartsMovement(quantity, reason, note).Validate().ToDictionary().Keys);
}
