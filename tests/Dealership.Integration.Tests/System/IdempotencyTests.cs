using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class IdempotencyTests(SystemFixture fixture)
{
    private const string Url = $"/api/stores/{Demo.Hexi}/consultants/hexi-sc1";

    [Fact]
    public async Task The_same_key_sent_twice_in_a_row_does_the_work_once_and_answers_the_same()
    {
        using var a = fixture.A.Client(await fixture.A.SignIn("hexi-sm"));
        var before = await Changes(a);
        var key = Guid.NewGuid().ToString();

        var first = await (await a.Post($"{Url}/status", new { status = "OnTestDrive", note = key }, key)).Json(HttpStatusCode.OK);
        var second = await (await a.Post($"{Url}/status", new { status = "OnTestDrive", note = key }, key)).Json(HttpStatusCode.OK);

        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal(before + 1, await Changes(a));
    }

    [Fact]
    public async Task The_same_key_sent_at_once_through_two_gateways_does_the_work_once()
    {
        var token = await fixture.A.SignIn("hexi-sm");
        using var a = fixture.A.Client(token);
        using var b = fixture.B.Client(token);
        var before = await Changes(a);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(
            a.Post($"{Url}/status", new { status = "Delivering", note = key }, key),
            b.Post($"{Url}/status", new { status = "Delivering", note = key }, key));

        var bodies = await Task.WhenAll(answers.Select(r => r.Json(HttpStatusCode.OK)));
        Assert.Equal(bodies[0].ToString(), bodies[1].ToString());
        Assert.Equal(before + 1, await Changes(a));
    }

    [Fact]
    public async Task Reusing_a_key_for_a_different_request_is_refused()
    {
        using var a = fixture.A.Client(await fixture.A.SignIn("hexi-sm"));
        var key = Guid.NewGuid().ToString();
        await (await a.Post($"{Url}/status", new { status = "Available" }, key)).Json(HttpStatusCode.OK);
        var problem = await (await a.Post($"{Url}/status", new { status = "Away" }, key)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("idempotency-key-reused", problem.GetProperty("code").GetString());
    }

    private static async Task<int> Changes(HttpClient client) =>
        (await (await client.GetAsync($"{Url}/history?limit=500")).Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength();
}
