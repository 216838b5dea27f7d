using System.Security.Cryptography;
using System.Text;

namespace Dealership.Grains.Partners;

/// <summary>
/// API client secrets: 32 random bytes, so a plain SHA-256 is as safe to keep as a slow password hash would be, and checking one
/// on every token request costs microseconds. The prefix makes a leaked secret easy to find with secret scanners.
/// </summary>
internal static class ApiSecrets
{
    public const string Prefix = "dls_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares in constant time, so the time taken says nothing of how much of a guess was right.</summary>
    public static bool Matches(string? hash, string secret) =>
        hash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(secret)));
}
