using System.Net;
using Microsoft.Extensions.Configuration;

namespace Dealership.Trust;

/// <summary>
/// Section "Cluster": how silos and gateways recognise each other (certificates) and who signs callers (keys). Keys come from
/// settings, which may be files (Secrets:Directory, one file per setting); they are never logged.
/// </summary>
public sealed class TrustSettings
{
    public const string Section = "Cluster";

    /// <summary>"Required" (mutual TLS and signed callers) or "Off" (plain TCP, unverified callers: loopback benchmarks only).</summary>
    public string Security { get; set; } = "Required";

    /// <summary>PEM file of the installation's certificate authority.</summary>
    public string Authority { get; set; } = "";

    /// <summary>PEM files of this process's certificate and private key, issued by <see cref="Authority"/>.</summary>
    public string Certificate { get; set; } = "";

    public string CertificateKey { get; set; } = "";

    /// <summary>Signs the callers gateways send (at least 32 characters; the same on every silo and gateway).</summary>
    public string CallerKey { get; set; } = "";

    /// <summary>The caller key being retired during a rotation: still accepted, never used to sign.</summary>
    public string? PreviousCallerKey { get; set; }

    /// <summary>Signs the operator's tooling (silos verify it; gateways never hold it). Unset: operator calls are refused.</summary>
    public string? OperatorKey { get; set; }

    public string? PreviousOperatorKey { get; set; }

    /// <summary>
    /// Seals approved OEM orders (each store's key is derived from it). Silos only: a gateway never needs it, so a compromised
    /// gateway cannot forge a seal.
    /// </summary>
    public string SealKey { get; set; } = "";

    /// <summary>The seal key being retired: seals it made still verify; it never seals.</summary>
    public string? PreviousSealKey { get; set; }

    /// <summary>How long a silo trusts its last look at a staff member's standing (disabled, reassigned).</summary>
    public int StandingCacheSeconds { get; set; } = 15;

    public bool SecurityOff => string.Equals(Security, "Off", StringComparison.OrdinalIgnoreCase);

    public static TrustSettings Read(IConfiguration configuration) => configuration.GetSection(Section).Get<TrustSettings>() ?? new TrustSettings();

    public SigningKeys CallerKeys() => CallerKey.Length >= SigningKeys.MinimumLength
        ? new SigningKeys(CallerKey, PreviousCallerKey)
        : throw new InvalidOperationException(
            $"Cluster:CallerKey (environment Cluster__CallerKey) must be set to at least {SigningKeys.MinimumLength} characters, the same on every silo and gateway.");

    public SigningKeys SealKeys() => SealKey.Length >= SigningKeys.MinimumLength
        ? new SigningKeys(SealKey, PreviousSealKey)
        : throw new InvalidOperationException(
            $"Cluster:SealKey (environment Cluster__SealKey) must be set to at least {SigningKeys.MinimumLength} characters, the same on every silo. " +
            "./run.sh makes one in .data/secrets; see the README, \"Certificates and keys\".");

    public SigningKeys? OperatorKeys()
    {
        if (OperatorKey is not { Length: > 0 })
        {
            return null;
        }

        var keys = new SigningKeys(OperatorKey, PreviousOperatorKey);
        return keys.Overlaps(CallerKeys())
            ? throw new InvalidOperationException("Cluster:OperatorKey must differ from Cluster:CallerKey: a gateway must never be able to sign as the operator.")
            : keys;
    }

    /// <summary>The certificates, or null with security off; refuses to run without security on an address other machines can reach.</summary>
    public ClusterCertificates? Certificates(IEnumerable<IPAddress> listening)
    {
        if (SecurityOff)
        {
            return listening.All(IPAddress.IsLoopback)
                ? null
                : throw new InvalidOperationException("Cluster:Security=Off is allowed only when every cluster port listens on loopback.");
        }

        if (Authority.Length == 0 || Certificate.Length == 0 || CertificateKey.Length == 0)
        {
            throw new InvalidOperationException(
                "Cluster:Authority, Cluster:Certificate and Cluster:CertificateKey must name the installation's CA certificate and this process's " +
                "certificate and key (PEM files). ./run.sh creates them under .data/certificates; see the README.");
        }

        return ClusterCertificates.Load(Authority, Certificate, CertificateKey);
    }
}
