namespace Dealership.Contracts.KeyAccounts;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and the capitals without I, O, S, V
/// and Z, the last a check character: 31 − (Σ value × weight mod 31) over the first 17, with 31 written as 0.
/// </summary>
public static class CreditCode
{
    private const string Characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code)
    {
        if (code is not { Length: 18 } || code.Any(c => !Characters.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Characters.IndexOf(code[i], StringComparison.Ordinal) * Weights[i];
        }

        var check = 31 - sum % 31;
        return Characters[check == 31 ? 0 : check] == code[17];
    }
}
