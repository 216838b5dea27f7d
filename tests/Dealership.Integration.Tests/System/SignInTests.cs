using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class SignInTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_manager_signs_in_and_gets_a_token_naming_role_and_store()
    {
        using var client = fixture.A.Client();
        var answer = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "chaoyang-sm", password = "demo-password-2026" }))
            .Json(HttpStatusCode.OK);
        Assert.Equal("Bearer", answer.GetProperty("tokenType").GetString());
        Assert.Equal("SalesManager", answer.GetProperty("staff").GetProperty("role").GetString());
        Assert.Equal(Demo.Chaoyang, answer.GetProperty("staff").GetProperty("storeIds")[0].GetString());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_look_the_same()
    {
        using var client = fixture.A.Client();
        var wrong = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "hexi-cashier", password = "not-the-password" }))
            .Problem(HttpStatusCode.Unauthorized);
        var unknown = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "nobody-here", password = "not-the-password" }))
            .Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("bad-credentials", wrong.GetProperty("code").GetString());
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Every_endpoint_but_sign_in_needs_a_token()
    {
        using var client = fixture.A.Client();
        var problem = await (await client.GetAsync($"/api/stores/{Demo.Chaoyang}")).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
        await (await client.GetAsync($"/api/stores/{Demo.Chaoyang}/events")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account()
    {
        var username = await NewStaff("Cashier");
        using var client = fixture.B.Client();
        for (var i = 0; i < 5; i++)
        {
            await (await client.PostAsJsonAsync("/api/auth/token", new { username, password = "wrong-password" })).Problem(HttpStatusCode.Unauthorized);
        }

        var locked = await (await client.PostAsJsonAsync("/api/auth/token", new { username, password = "a-good-long-password" }))
            .Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("account-locked", locked.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_disabled_member_cannot_sign_in_and_their_token_stops_working_on_every_gateway()
    {
        var username = await NewStaff("SalesConsultant");
        var token = await fixture.A.SignIn(username, "a-good-long-password");
        using var asStaff = fixture.B.Client(token);
        await (await asStaff.GetAsync($"/api/stores/{Demo.Hexi}/consultants")).Json(HttpStatusCode.OK);

        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        await (await admin.PostAsync($"/api/groups/{Demo.Group}/staff/{username}/disable", null)).Json(HttpStatusCode.OK);

        var refused = await (await admin.PostAsJsonAsync("/api/auth/token", new { username, password = "a-good-long-password" }))
            .Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("account-disabled", refused.GetProperty("code").GetString());
        // Gateway B cached the member's standing a moment ago; it re-reads within the cache period.
        await Eventually(async () => (await asStaff.GetAsync($"/api/stores/{Demo.Hexi}/consultants")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(30));
    }

    private async Task<string> NewStaff(string role)
    {
        var username = $"t{Guid.NewGuid():N}"[..14];
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        await (await admin.Post($"/api/groups/{Demo.Group}/staff", new
        {
            username,
            displayName = "Test " + role,
            role,
            storeIds = new[] { Demo.Hexi },
            wholeGroup = false,
            password = "a-good-long-password",
        })).Json(HttpStatusCode.Created);
        return username;
    }

    /// <summary>Re-checks a condition that a cache expiry will make true; fails with a clear message after the timeout.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the disabled member's token was still accepted after the standing cache period");
            await Task.Delay(250);
        }
    }
}
