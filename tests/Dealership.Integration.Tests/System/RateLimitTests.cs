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

    [Fact]
    public async Task An_import_beyond_the_gateway_s_turns_is_answered_429_before_its_file_is_read_and_goes_in_once_a_turn_is_free()
    {
        // A gateway of its own with one import turn, and the staff limits as the other tests have them (raised): the tries
        // below must meet the import limit, not a member's burst.
        await using var imports = new DealershipSystem.Gateway(fixture.System, Repo.FreePort(), false, ("RateLimits__ImportsAtOnce", "1"));
        await imports.Start();
        var token = await imports.SignIn("haidian-parts");
        using var planner = imports.Client(token);
        var url = $"/api/v2/stores/{Demo.Haidian}/imports?kind=Suppliers&dryRun=true&fileName=turns.csv";
        var release = new TaskCompletionSource();

        // Sent by a bare client: the test clients' contract check reads a request's body before sending it, which would wait here.
        using var bare = new HttpClient { BaseAddress = imports.BaseAddress };
        bare.DefaultRequestHeaders.Authorization = new global::System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var held = bare.PostAsync(url, new HeldCsv("Supplier\r\n限流测试供应商\r\n"u8.ToArray(), release.Task));

        // The held upload takes the gateway's one turn as soon as its headers are in; until then another one may still get it. Each
        // try is a whole request, so the loop waits on the gateway, not on a clock; two hundred is far more than a loaded machine needs.
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null && !held.IsCompleted; i++)
        {
            var other = await planner.PostAsync(url, new HeldCsv("Supplier\r\n另一个\r\n"u8.ToArray(), Task.CompletedTask));
            if (other.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = other;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Created, other.StatusCode);
            }
        }

        Assert.NotNull(refused);
        Assert.Equal("1;imports at once per gateway", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal("30", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate-limited", (await refused.Problem((HttpStatusCode)429)).GetProperty("code").GetString());

        release.SetResult();
        Assert.Equal("Checked", (await (await held).Json(HttpStatusCode.Created)).GetProperty("status").GetString());
    }

    /// <summary>A CSV upload whose body stops after a few bytes until <paramref name="release"/> completes: an upload still arriving.</summary>
    private sealed class HeldCsv : HttpContent
    {
        private readonly byte[] body;
        private readonly Task release;

        public HeldCsv(byte[] body, Task release)
        {
            (this.body, this.release) = (body, release);
            Headers.ContentType = new global::System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, 4));
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync(body.AsMemory(4));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
