using System.Text.Json;
using System.Text.Json.Nodes;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The generated API client (client/Dealership.ApiClient) is built from a committed copy of the document; the copy must be
/// what the gateway serves, so a change to the API shows in review as a change to that file, and a breaking one fails the build
/// of everything that calls the API through the client.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiSnapshotTests(SystemFixture fixture)
{
    public static readonly string Committed = Path.Combine(Repo.Root, "client", "Dealership.ApiClient", "dealership-api.json");

    [Fact]
    public async Task The_client_is_generated_from_the_document_the_gateway_serves()
    {
        using var client = new HttpClient { BaseAddress = fixture.A.BaseAddress };
        var live = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();

        // Where the document was served from is not part of the contract.
        live.Remove("servers");
        var committed = File.Exists(Committed) ? JsonNode.Parse(await File.ReadAllTextAsync(Committed)) : null;
        if (!JsonNode.DeepEquals(live, committed))
        {
            var fresh = Path.Combine(Repo.Root, ".test-data", "dealership-api.json");
            Directory.CreateDirectory(Path.GetDirectoryName(fresh)!);
            await File.WriteAllTextAsync(fresh, live.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            Assert.Fail($"The API's document changed: review {fresh}, then copy it to {Committed} (the client is regenerated on the next build).");
        }
    }
}
