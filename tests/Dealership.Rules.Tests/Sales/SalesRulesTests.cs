using Dealership.Contracts.Sales;
using Dealership.Contracts.Stores;
using Dealership.Grains.Sales;

namespace Dealership.Rules.Tests.Sales;

public sealed class SalesRulesTests
{
    [Fact]
    public void The_loan_case_allows_exactly_the_five_forward_steps()
    {
        var legal = new List<(LoanStatus, LoanStep, LoanStatus)>();
        foreach (var status in Enum.GetValues<LoanStatus>())
        {
            foreach (var step in Enum.GetValues<LoanStep>())
            {
                if (LoanRules.After(status, step) is { } next)
                {
                    legal.Add((status, step, next));
                }
            }
        }

        Assert.Equal(
        [
            (LoanStatus.Collecting, LoanStep.Submit, LoanStatus.Submitted),
            (LoanStatus.Submitted, LoanStep.Approve, LoanStatus.Approved),
            (LoanStatus.Submitted, LoanStep.Reject, LoanStatus.Rejected),
            (LoanStatus.Approved, LoanStep.Disburse, LoanStatus.Disbursed),
            (LoanStatus.Disbursed, LoanStep.RegisterCollateral, LoanStatus.CollateralRegistered),
        ], legal);
    }

    [Theory]
    [InlineData(ProspectGrade.H, 1)]
    [InlineData(ProspectGrade.A, 3)]
    [InlineData(ProspectGrade.B, 7)]
    [InlineData(ProspectGrade.C, 14)]
    public void Follow_ups_fall_due_by_the_grades_rhythm(ProspectGrade grade, int days)
    {
        var contact = new DateTimeOffset(2026, 11, 28, 10, 30, 0, TimeSpan.FromHours(8));
        var due = ProspectRules.NextDue(contact, grade, StorePolicies.Default);

        Assert.Equal(contact.AddDays(days), due);
        Assert.False(ProspectRules.IsOverdue(due, due));
        Assert.True(ProspectRules.IsOverdue(due, due.AddSeconds(1)));
    }

    [Fact]
    public void A_store_sets_its_own_rhythm()
    {
        var policies = StorePolicies.Default with { FollowUpDaysC = 21 };
        Assert.Equal(21, ProspectRules.Days(ProspectGrade.C, policies));
        Assert.Contains("followUpDaysH", (StorePolicies.Default with { FollowUpDaysH = 0 }).Validate().ToDictionary().Keys);
    }

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData(" 138 1234 5678", "13812345678")]
    [InlineData("12812345678", null)]
    [InlineData("1381234567", null)]
    [InlineData("010-12345678", null)]
    [InlineData("", null)]
    public void Mobile_numbers_are_normalised_so_one_person_is_one_customer(string input, string? expected) =>
        Assert.Equal(expected, PersonalData.NormaliseMobile(input));

    [Fact]
    public void Customer_ids_belong_to_a_store_and_personal_numbers_are_shown_masked()
    {
        var here = PersonalData.CustomerId("bj-chaoyang-vw", "13812345678");
        Assert.Equal(here, PersonalData.CustomerId("bj-chaoyang-vw", "13812345678"));
        Assert.NotEqual(here, PersonalData.CustomerId("bj-haidian-vw", "13812345678"));
        Assert.True(PersonalData.IsCustomerId(here));
        Assert.False(PersonalData.IsCustomerId("cu../../etc"));
        Assert.Equal("138****5678", PersonalData.MaskMobile("13812345678"));
        Assert.Equal("110***********123X", PersonalData.MaskLicence("11010519900307123X"));
        Assert.Equal("11010519900307123X", PersonalData.NormaliseLicence(" 11010519900307123x "));
        Assert.Null(PersonalData.NormaliseLicence("1101051990030712"));
    }
}
