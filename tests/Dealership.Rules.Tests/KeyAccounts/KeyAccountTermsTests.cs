using Dealership.Contracts.KeyAccounts;

namespace Dealership.Rules.Tests.KeyAccounts;

/// <summary>A key account's particulars and terms as the rules read them: the credit code's check character, and each bad field named.</summary>
public sealed class KeyAccountTermsTests
{
    private static KeyAccountTerms Terms() => new("天津港物流有限公司", "91350100M000100Y43", true, "天津市滨海新区港航路 1 号",
        [new("王建国", "车队主管", "13900000001")], [new("Camry", "2.5HEV Deluxe", 178_000m)], 60, 2_000_000m);

    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91110000802100433B", true)]
    [InlineData("91350100M000100Y44", false)] // the check character is wrong
    [InlineData("91350100M000100Y4", false)] // 17 characters
    [InlineData("91350100I000100Y43", false)] // I is not used
    [InlineData("91350100m000100y43", false)] // lower case: the rules take it as typed; Tidy capitalises before
    [InlineData(null, false)]
    public void The_credit_code_is_18_characters_with_its_check_character(string? code, bool valid) => Assert.Equal(valid, CreditCode.IsValid(code));

    [Fact]
    public void Good_terms_pass_and_a_lower_case_code_is_capitalised()
    {
        Assert.False(Terms().Validate().Any);
        var lower = Terms() with { CreditCode = " 91350100m000100y43 " };
        Assert.False(lower.Validate().Any);
        Assert.Equal("91350100M000100Y43", lower.Tidy().CreditCode);
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        var bad = Terms() with
        {
            CreditCode = "91350100M000100Y44",
            Contacts = [new("王建国", "车队主管", "1390000")],
            Prices = [new("Camry", "2.5HEV Deluxe", 178_000m), new("camry", "2.5hev deluxe ", 170_000m), new("RAV4", "", 0m)],
            PaymentDays = 365,
            CreditLimit = -1m,
        };
        Assert.Equal(["contacts[0].mobile", "creditCode", "creditLimit", "paymentDays", "prices", "prices[2].price", "prices[2].trim"],
            bad.Validate().ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["contacts"], (Terms() with { Contacts = [] }).Validate().ToDictionary().Keys);
    }
}
