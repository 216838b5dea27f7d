using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// A gateway just started answers its first requests for both documents at once (the reference page at /docs asks for them
/// together; so do the contract checks of the tests): ASP.NET's document generation is not safe to run twice in parallel.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiConcurrencyTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_fresh_gateway_serves_both_documents_asked_for_together()
    {
        await using var gateway = new DealershipSystem.Gateway(fixture.System, Repo.FreePort(), false);
        await gateway.Start();
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.GetAsync($"/openapi/{(i % 2 == 0 ? "v1" : "v2")}.json")));

        Assert.True(answers.All(a => a.StatusCode == HttpStatusCode.OK),
            $"answered {string.Join(", ", answers.Select(a => (int)a.StatusCode))}; the gateway's log:\n{gateway.Process!.Tail()}");
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Where((_, i) => i % 2 == 0).Distinct());
        Assert.Single(bodies.Where((_, i) => i % 2 == 1).Distinct());
    }
}
