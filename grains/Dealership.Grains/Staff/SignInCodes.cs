using System.Security.Cryptography;

namespace Dealership.Grains.Staff;

/// <summary>
/// One-time sign-in codes: twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L), in groups of four, as an
/// administrator reads them out or prints them; about 59 bits, and five wrong tries lock the account.
/// </summary>
public static class SignInCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, 12);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>
    /// The code as typed, without its dashes and spaces, in capitals: how it is hashed and checked. Full-width letters and digits
    /// (what a Chinese input method types) read as their ASCII forms (by hand: the hosts run without ICU, where Normalize is a no-op).
    /// </summary>
    public static string Plain(string typed) =>
        new([.. typed.Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c)
            .Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '\u2014' or '\u2013')).Select(char.ToUpperInvariant)]);
}
