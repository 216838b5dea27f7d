using System.Collections.Concurrent;
using Dealership.Trust;

namespace Dealership.Grains.Trust;

/// <summary>
/// Callers this silo has verified, by their signed text, until they expire: a gateway reuses a member's signature for a minute,
/// so most calls are a dictionary hit instead of a parse and an HMAC. Refusals are not kept (each is checked and logged).
/// </summary>
public sealed class VerifiedCallers(CallerVerification verification, TimeProvider time)
{
    private const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, CallerAssertion.Verification> known = new(StringComparer.Ordinal);

    public CallerAssertion.Verification Verify(string? assertion)
    {
        var now = time.GetUtcNow();
        if (assertion is not null && known.TryGetValue(assertion, out var cached) && cached.Until >= now)
        {
            return cached;
        }

        var verified = CallerAssertion.Verify(assertion, verification.CallerKeys, verification.OperatorKeys, now, checkSignature: verification.Enabled);
        if (verified.Caller is not null && assertion is not null)
        {
            // Expired entries are never used; clearing when full keeps the memory bounded without a sweeper.
            if (known.Count >= Capacity)
            {
                known.Clear();
            }

            known[assertion] = verified;
        }

        return verified;
    }
}
