using Dealership.Trust;

namespace Dealership.Grains.Trust;

/// <summary>How this silo checks the callers clients send: the keys that sign them, and how long a staff member's standing is trusted.</summary>
/// <param name="Enabled">False only with Cluster:Security=Off (loopback benchmarks): callers are read but not verified.</param>
public sealed record CallerVerification(SigningKeys CallerKeys, SigningKeys? OperatorKeys, bool Enabled, TimeSpan StandingCache)
{
    public static CallerVerification From(TrustSettings settings) =>
        new(settings.CallerKeys(), settings.OperatorKeys(), !settings.SecurityOff, TimeSpan.FromSeconds(settings.StandingCacheSeconds));
}
