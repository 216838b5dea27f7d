using System.Diagnostics;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The running gateway's OpenAPI documents (each version's) pass Redocly's and Spectral's recommended rules (security schemes,
/// a description on every operation, ...), so that generated clients know how to authenticate. The linters are the
/// npm packages pinned in tools/openapi-lint, installed there by ./test.sh (npm ci).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiLintTests(SystemFixture fixture)
{
    private static readonly string Tools = Environment.GetEnvironmentVariable("DEALERSHIP_OPENAPI_LINT")
        ?? Path.Combine(Repo.Root, "tools", "openapi-lint");

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public Task Redocly_recommended_rules_find_no_errors(string version) =>
        Lint(version, "redocly", "lint", "{document}", "--config", Path.Combine(Tools, "redocly.yaml"), "--format", "stylish");

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public Task Spectral_oas_rules_find_no_errors(string version) =>
        Lint(version, "spectral", "lint", "{document}", "--ruleset", Path.Combine(Tools, ".spectral.yaml"), "--fail-severity", "error");

    private async Task Lint(string version, string tool, params string[] arguments)
    {
        var binary = Path.Combine(Tools, "node_modules", ".bin", tool);
        Assert.True(File.Exists(binary), $"{binary} is missing: run 'npm ci' in {Tools} (./test.sh does).");

        using var client = fixture.A.Client();
        var document = await client.GetStringAsync($"/openapi/{version}.json");
        var folder = Directory.CreateTempSubdirectory("dealership-openapi-");
        try
        {
            var file = Path.Combine(folder.FullName, "openapi.json");
            await File.WriteAllTextAsync(file, document);
            var (exitCode, output) = await Run(binary, arguments.Select(a => a == "{document}" ? file : a));
            Assert.True(exitCode == 0, $"{tool} exited with {exitCode}:\n{output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(string binary, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(binary)
        {
            WorkingDirectory = Tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Offline and quiet: no usage reports, no update checks, no colour codes in the assertion message.
        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        info.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} did not finish in 2 minutes:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
