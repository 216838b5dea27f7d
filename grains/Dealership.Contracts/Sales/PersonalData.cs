using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Dealership.Contracts.Sales;

/// <summary>
/// Mobile numbers (how a store recognises a returning customer) and driving-licence numbers (personal data under
/// PIPL: kept only where the record needs it, shown masked, never logged).
/// </summary>
public static partial class PersonalData
{
    [GeneratedRegex("^1[3-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    // A Chinese driving licence number is the holder's 18-character resident ID number.
    [GeneratedRegex("^[0-9]{17}[0-9X]$", RegexOptions.CultureInvariant)]
    private static partial Regex LicencePattern();

    /// <summary>The 11-digit mainland mobile number, without spaces, dashes or a +86 prefix; null if it is not one.</summary>
    public static string? NormaliseMobile(string? mobile)
    {
        if (string.IsNullOrWhiteSpace(mobile) || mobile.Length > 20)
        {
            return null;
        }

        var digits = new string(mobile.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }

        return MobilePattern().IsMatch(digits) ? digits : null;
    }

    /// <summary>The customer id a store gives a mobile number: the same number in the same store is always the same customer.</summary>
    public static string CustomerId(string storeId, string normalisedMobile) =>
        "cu" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{storeId}:{normalisedMobile}")))[..16];

    public static bool IsCustomerId(string? id) => Common.Ids.IsRecordId(id, "cu");

    /// <summary>"138****5678".</summary>
    public static string MaskMobile(string mobile) => mobile.Length == 11 ? $"{mobile[..3]}****{mobile[7..]}" : "****";

    public static string? NormaliseLicence(string? number)
    {
        var upper = number?.Trim().ToUpperInvariant();
        return upper is not null && LicencePattern().IsMatch(upper) ? upper : null;
    }

    /// <summary>"110***********123X": enough to tell licences apart at the desk, not enough to use one.</summary>
    public static string MaskLicence(string number) => number.Length == 18 ? $"{number[..3]}{new string('*', 11)}{number[14..]}" : "****";
}
