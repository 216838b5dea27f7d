using System.Collections.Concurrent;
using Dealership.Integration.Tests.Contract;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// Holds every API answer the staff app and the boards receive in the browser to the published document, as the endpoint
/// harness does for its own calls: a test whose screens met an answer the document does not allow fails when it ends, naming
/// the operation. Event streams are left alone.
/// </summary>
public sealed class ContractWatch(Uri gateway)
{
    private static readonly TimeSpan BodyWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<Task<IReadOnlyList<string>>> checks = new();

    public void Watch(IBrowserContext context) => context.Response += (_, response) => checks.Enqueue(Check(response));

    /// <summary>Waits for the answers seen so far to be checked and throws if any broke the contract; then starts afresh.</summary>
    public async Task AssertHeld()
    {
        var problems = new List<string>();
        while (checks.TryDequeue(out var check))
        {
            problems.AddRange(await check);
        }

        if (problems.Count > 0)
        {
            throw new ContractMismatchException(string.Join(Environment.NewLine, problems.Distinct()));
        }
    }

    private async Task<IReadOnlyList<string>> Check(IResponse response)
    {
        var uri = new Uri(response.Url);
        var mediaType = MediaType(response.Headers);
        if (!uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) || mediaType == "text/event-stream")
        {
            return [];
        }

        string body;
        try
        {
            // Bounded: a body whose page navigated away mid-read may never arrive, and a test must not wait for it forever.
            body = mediaType is "application/json" or "application/problem+json"
                ? await response.TextAsync().WaitAsync(BodyWait)
                : $"({(await response.BodyAsync().WaitAsync(BodyWait)).Length} bytes)";
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // The page went away before the body arrived (a test closed it, or the app navigated): nothing to hold it to.
            return [];
        }

        var request = response.Request;
        var exchange = new Exchange(request.Method, uri.AbsolutePath, MediaType(request.Headers), request.PostData, response.Status,
            mediaType, body, response.Headers.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase));
        return (await PublishedContracts.Of(gateway, PublishedContracts.VersionOf(uri.AbsolutePath))).Check(exchange).Select(p => "in the browser: " + p).ToList();
    }

    private static string? MediaType(IReadOnlyDictionary<string, string> headers) =>
        headers.TryGetValue("content-type", out var value) ? value.Split(';')[0].Trim().ToLowerInvariant() : null;
}
