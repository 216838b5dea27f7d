using System.Net;
using System.Net.Sockets;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>Where the built silo and gateway are, and free ports to run them on.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Configuration => Environment.GetEnvironmentVariable("DEALERSHIP_TEST_CONFIG") ?? BuiltConfiguration;

    public static string SiloDll => Path.Combine(Root, "silo", "Dealership.Silo", "bin", Configuration, "net10.0", "Dealership.Silo.dll");

    /// <summary>
    /// The gateway as ./test.sh publishes it (the staff web app trimmed, as staff load it), or else the build's gateway, which
    /// serves the untrimmed app from the build's manifest.
    /// </summary>
    public static string GatewayDll => Environment.GetEnvironmentVariable("DEALERSHIP_TEST_GATEWAY") is { Length: > 0 } published
        ? published
        : Path.Combine(Root, "client", "Dealership.Gateway", "bin", Configuration, "net10.0", "Dealership.Gateway.dll");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A program run from the repository's root to its end: exit code, standard output and standard error.</summary>
    public static async Task<(int Code, string Output, string Error)> Run(string program, params string[] arguments)
    {
        var start = new global::System.Diagnostics.ProcessStartInfo(program) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = global::System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    // The configuration this test assembly was built in (bin/<Configuration>/net10.0).
    private static string BuiltConfiguration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dealership.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find Dealership.sln above " + AppContext.BaseDirectory);
    }
}
