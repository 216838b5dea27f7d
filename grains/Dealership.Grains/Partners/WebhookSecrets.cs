using System.Security.Cryptography;
using System.Text;
using Dealership.Trust;

namespace Dealership.Grains.Partners;

/// <summary>
/// Webhook signing secrets. Unlike an API client's secret a signing secret must be read back to sign with, so it is kept sealed
/// (AES-GCM, with a key derived from the installation's seal key, which only silos hold): a copy of the database or of a backup
/// does not give it away. The format is Standard Webhooks' ("whsec_" and 32 random bytes in Base64), so receivers can check
/// signatures with that project's libraries.
/// </summary>
public sealed class WebhookSecrets(SigningKeys sealKeys)
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>"{key id}.{nonce, cipher text and tag in Base64}": the key id finds the seal key after a rotation.</summary>
    public string Seal(string secret)
    {
        var (id, key) = sealKeys.All.First();
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(Derive(key), tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return $"{id}.{Convert.ToBase64String([.. nonce, .. cipher, .. tag])}";
    }

    public string Open(string sealedSecret)
    {
        var dot = sealedSecret.IndexOf('.', StringComparison.Ordinal);
        var key = sealKeys.All.FirstOrDefault(k => k.Id == sealedSecret[..dot]).Key
            ?? throw new InvalidOperationException("A webhook secret was sealed with a seal key this silo no longer holds.");
        var bytes = Convert.FromBase64String(sealedSecret[(dot + 1)..]);
        var (nonceSize, tagSize) = (AesGcm.NonceByteSizes.MaxSize, AesGcm.TagByteSizes.MaxSize);
        var plain = new byte[bytes.Length - nonceSize - tagSize];
        using var aes = new AesGcm(Derive(key), tagSize);
        aes.Decrypt(bytes.AsSpan(0, nonceSize), bytes.AsSpan(nonceSize, plain.Length), bytes.AsSpan(nonceSize + plain.Length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// Standard Webhooks' signature: HMAC-SHA256 with the secret's bytes over "{id}.{timestamp}.{body}", as "v1,{Base64}". With a
    /// second secret (a rotation's old one) both signatures are given, space-separated, so a receiver holding either accepts it.
    /// </summary>
    public static string Signature(IEnumerable<string> secrets, string id, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return string.Join(' ', secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(s[Prefix.Length..]), content))));
    }

    private static byte[] Derive(byte[] sealKey) => HMACSHA256.HashData(sealKey, "dealership webhook secrets"u8);
}
