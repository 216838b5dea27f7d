using System.Diagnostics;
using Dealership.Trust;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>
/// The test installation's certificates and keys, made once per test run by the silo's own "certificates create" command, as
/// ./run.sh makes them, so the command is tested too.
/// </summary>
public static class Installation
{
    public const string CallerKey = "integration-tests-caller-key-0123456789abcdef";

    /// <summary>Seals OEM orders; a silo setting only.</summary>
    public const string SealKey = "integration-tests-seal-key-0123456789abcdef-01";
    public const string OperatorKey = "integration-tests-operator-key-0123456789abcd";

    private static readonly Lazy<string> Created = new(Create);

    /// <summary>The directory with authority.crt/.key, silo.crt/.key and gateway.crt/.key.</summary>
    public static string Certificates => Created.Value;

    public static string File(string name) => Path.Combine(Certificates, name);

    public static SigningKeys CallerKeys { get; } = new(CallerKey);

    public static SigningKeys OperatorKeys { get; } = new(OperatorKey);

    /// <summary>The gateway's certificate: what any process of the installation presents.</summary>
    public static ClusterCertificates GatewayCertificates() =>
        ClusterCertificates.Load(File("authority.crt"), File("gateway.crt"), File("gateway.key"));

    private static string Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dealership-tests-" + Guid.NewGuid().ToString("N")[..8], "certificates");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Repo.SiloDll, "certificates", "create", directory })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? directory : throw new InvalidOperationException("certificates create failed: " + output);
    }
}
