using System.Security.Cryptography;
using System.Text;

namespace Dealership.Trust;

/// <summary>
/// An HMAC-SHA256 key ring: the current key signs, the current and the previous key verify, so a key can be rotated without
/// downtime (deploy the new key as current with the old one as previous everywhere, then drop the previous one). Each key is
/// named by a short digest of itself, carried with what it signed, so the verifier picks the right key without trying both.
/// </summary>
public sealed class SigningKeys
{
    public const int MinimumLength = 32;

    private readonly (string Id, byte[] Key)[] keys;

    public SigningKeys(string current, string? previous = null)
    {
        if (current.Length < MinimumLength || previous is { Length: > 0 and < MinimumLength })
        {
            throw new ArgumentException($"A signing key must be at least {MinimumLength} characters.");
        }

        keys = previous is { Length: > 0 } && previous != current ? [Entry(current), Entry(previous)] : [Entry(current)];
    }

    /// <summary>The id of the key that signs now.</summary>
    public string CurrentId => keys[0].Id;

    /// <summary>Every key that verifies, the current one first, with its id.</summary>
    public IEnumerable<(string Id, byte[] Key)> All => keys;

    /// <summary>Whether the two rings share a key (a caller key must never also be an operator key).</summary>
    public bool Overlaps(SigningKeys other) => keys.Any(k => other.keys.Any(o => o.Id == k.Id));

    public static string IdOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];

    public byte[] Sign(ReadOnlySpan<byte> data) => HMACSHA256.HashData(keys[0].Key, data);

    /// <summary>True when <paramref name="mac"/> is the MAC of <paramref name="data"/> under the key named <paramref name="keyId"/>.</summary>
    public bool Verify(string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        foreach (var (id, key) in keys)
        {
            if (id == keyId)
            {
                return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, data), mac);
            }
        }

        return false;
    }

    private static (string, byte[]) Entry(string key) => (IdOf(key), Encoding.UTF8.GetBytes(key));
}
