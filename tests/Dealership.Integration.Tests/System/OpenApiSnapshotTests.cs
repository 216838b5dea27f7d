using System.Text.Json;
using System.Text.Json.Nodes;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The generated API client (client/Dealership.ApiClient) is built from a committed copy of version 2's document (and version
/// 1's is committed beside it, so version 1 stays as it was); each copy must be
/// what the gateway serves, so a change to the API shows in review as a change to that file, and a breaking one fails the build
/// of everything that calls the API through the client.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiSnapshotTests(SystemFixture fixture)
{
    /// <summary>Version 2's document, which the client is generated from.</summary>
    public static readonly string Committed = Path.Combine(Repo.Root, "client", "Dealership.ApiClient", "dealership-api.json");

    /// <summary>Version 1's document as it stays while version 1 is kept: only additions may change it.</summary>
    public static readonly string CommittedV1 = Path.Combine(Repo.Root, "client", "Dealership.ApiClient", "dealership-api-v1.json");

    [Theory]
    [InlineData("v2")]
    [InlineData("v1")]
    public async Task The_committed_documents_are_the_ones_the_gateway_serves(string version)
    {
        using var client = new HttpClient { BaseAddress = fixture.A.BaseAddress };
        var live = JsonNode.Parse(await client.GetStringAsync($"/openapi/{version}.json"))!.AsObject();
        var committedPath = version == "v2" ? Committed : CommittedV1;

        // Where the document was served from is not part of the contract.
        live.Remove("servers");
        var committed = File.Exists(committedPath) ? JsonNode.Parse(await File.ReadAllTextAsync(committedPath)) : null;
        if (!JsonNode.DeepEquals(live, committed))
        {
            var fresh = Path.Combine(Repo.Root, ".test-data", Path.GetFileName(committedPath));
            Directory.CreateDirectory(Path.GetDirectoryName(fresh)!);
            await File.WriteAllTextAsync(fresh, live.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            Assert.Fail($"The API's {version} document changed: review {fresh}, then copy it to {committedPath} (the client is regenerated on the next build).");
        }
    }
}
