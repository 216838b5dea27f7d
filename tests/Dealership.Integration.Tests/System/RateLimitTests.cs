using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The published limits, on a gateway of the shared system started with low ones (the others run with them raised): a staff
/// token's burst, then 429 with Retry-After and the RateLimit headers; another member is not held back; sign-in per username.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RateLimitTests(SystemFixture fixture) : IAsyncLifetime
{
    private DealershipSystem.Gateway gateway = null!;

    public async ValueTask InitializeAsync()
    {
        gateway = new DealershipSystem.Gateway(fixture.System, Repo.FreePort(), false,
            ("RateLimits__StaffPerSecond", "1"), ("RateLimits__StaffBurst", "5"), ("RateLimits__SignInPerUsernamePerMinute", "3"),
            ("RateLimits__ClientPerSecond", "2"), ("RateLimits__ClientBurst", "8"));
        await gateway.Start();
    }

    public async ValueTask DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public async Task A_burst_beyond_a_tokens_limit_is_answered_429_with_Retry_After_and_other_staff_go_on()
    {
        using var sc = gateway.Client(await gateway.SignIn("haidian-sc1"));
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await sc.GetAsync($"/api/stores/{Demo.Haidian}/deals?limit=1"));
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        Assert.Equal("5", answers[0].Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("4", answers[0].Headers.GetValues("RateLimit-Remaining").Single());
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), global::System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("0", refused.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal("rate-limited", (await refused.Problem((HttpStatusCode)429)).GetProperty("code").GetString());
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 5, 7);

        using var other = gateway.Client(await gateway.SignIn("haidian-sc2"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/stores/{Demo.Haidian}/deals?limit=1")).StatusCode);
    }

    [Fact]
    public async Task An_API_client_has_its_own_limit_over_all_its_tokens_stated_in_the_headers()
    {
        using var admin = gateway.Client(await gateway.SignIn("huaxia-admin"));
        var client = await (await admin.Post($"/api/groups/{Demo.Group}/api-clients", new
        {
            name = "限流 partner",
            role = "SalesConsultant",
            storeIds = new[] { Demo.Haidian },
            wholeGroup = false,
            scopes = new[] { "deals:read" },
        })).Json(HttpStatusCode.Created);
        using var anonymous = gateway.Client();
        async Task<HttpClient> Partner() => gateway.Client((await (await anonymous.PostAsync("/api/oauth/token", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client.GetProperty("clientId").GetString()!,
                ["client_secret"] = client.GetProperty("clientSecret").GetString()!,
            }))).Json(HttpStatusCode.OK)).GetProperty("access_token").GetString());

        // Two tokens of one client draw on one bucket: eight at once (more than a member's five), then 429.
        using var first = await Partner();
        using var second = await Partner();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 14; i++)
        {
            answers.Add(await (i % 2 == 0 ? first : second).GetAsync($"/api/stores/{Demo.Haidian}/deals?limit=1"));
        }

        Assert.Equal("8;w=1;burst;API client 2/s", answers[0].Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal("7", answers[0].Headers.GetValues("RateLimit-Remaining").Single());
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("rate-limited", (await refused.Problem((HttpStatusCode)429)).GetProperty("code").GetString());
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 8, 11);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_username()
    {
        using var client = gateway.Client();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await client.PostAsJsonAsync("/api/auth/token", new { username = "haidian-cashier", password = "demo-password-2026" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        var refused = await client.PostAsJsonAsync("/api/auth/token", new { username = "haidian-cashier", password = "demo-password-2026" });
        Assert.True(refused.Headers.Contains("Retry-After"));

        // Another username from the same address is not held back by it.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { username = "haidian-finance", password = "demo-password-2026" })).StatusCode);
    }
}
