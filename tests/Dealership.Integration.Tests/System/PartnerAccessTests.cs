using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// Partners' API clients, as a group's IT registers them and a partner's system uses them: OAuth 2 client credentials, scopes by
/// area and read or write, the client's role and stores, the secret shown once and kept hashed, rotation and revocation, and
/// every use attributable to the client.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PartnerAccessTests(SystemFixture fixture)
{
    private const string Groups = $"/api/groups/{Demo.Group}/api-clients";

    [Fact]
    public async Task A_partner_s_token_reaches_only_its_scopes_stores_and_role_and_what_it_changes_is_recorded_under_the_client()
    {
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var (clientId, secret, created) = await Register(admin, "海淀 OEM 门户 portal", "SalesManager", [Demo.Haidian], ["vehicles:read", "deals:write"]);
        Assert.Equal($"{Groups}/{clientId}", created.Headers.Location!.OriginalString);
        Assert.StartsWith("dls_", secret);
        Assert.Equal("no-store", created.Headers.CacheControl!.ToString());

        // Only the hash is kept: reading the client never shows the secret.
        var shown = await (await admin.GetAsync($"{Groups}/{clientId}")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, shown.GetRawText(), StringComparison.Ordinal);
        Assert.False(shown.TryGetProperty("clientSecret", out _));
        Assert.Null(shown.GetProperty("lastTokenAt").GetString());

        var token = await Token(fixture.A.Client(), clientId, secret);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.Equal("vehicles:read deals:write", token.GetProperty("scope").GetString());
        using var partner = fixture.B.Client(token.GetProperty("access_token").GetString());

        // In scope: its store's cars, and a price set in its store's book, recorded as the client's doing.
        await (await partner.GetAsync($"/api/stores/{Demo.Haidian}/vehicles")).Json(HttpStatusCode.OK);
        var price = await (await partner.PutAsync($"/api/stores/{Demo.Haidian}/price-book", JsonContent.Create(new
        {
            model = "Lavida",
            trim = "Partner 1.5L",
            colour = "白",
            listPrice = 119_900m,
            guidePrice = 116_000m,
            cost = 104_000m,
        }))).Json(HttpStatusCode.OK);
        Assert.Equal($"{clientId} (海淀 OEM 门户 portal)", price.GetProperty("updatedBy").GetString());
        Assert.Equal(1L, await fixture.System.Database.Scalar<long>(
            "SELECT count(*) FROM audit_trail WHERE subject = 'price-book' AND by = @by", ("by", $"{clientId} (海淀 OEM 门户 portal)")));

        // A read scope does not write; another store, a staff-only area and a role's limits stay closed.
        using var refused = await partner.PostAsJsonAsync($"/api/stores/{Demo.Haidian}/vehicles", new { vin = "LSVAU2180N2183294" });
        var scope = await refused.Problem(HttpStatusCode.Forbidden);
        Assert.Equal("insufficient-scope", scope.GetProperty("code").GetString());
        Assert.Equal("vehicles:write", scope.GetProperty("scope").GetString());
        Assert.Contains("insufficient_scope", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("forbidden", (await (await partner.GetAsync($"/api/stores/{Demo.Chaoyang}/vehicles")).Problem(HttpStatusCode.Forbidden))
            .GetProperty("code").GetString());
        Assert.Equal("forbidden", (await (await partner.GetAsync($"/api/groups/{Demo.Group}/staff")).Problem(HttpStatusCode.Forbidden))
            .GetProperty("code").GetString());
        Assert.Equal("forbidden", (await (await partner.GetAsync(Groups)).Problem(HttpStatusCode.Forbidden)).GetProperty("code").GetString());

        // A token asked for fewer scopes (HTTP Basic this time) gets only those.
        using var basic = new HttpRequestMessage(HttpMethod.Post, "/api/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "vehicles:read" }),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var anonymous = fixture.A.Client();
        var narrow = await (await anonymous.SendAsync(basic)).Json(HttpStatusCode.OK);
        Assert.Equal("vehicles:read", narrow.GetProperty("scope").GetString());
        using var reader = fixture.A.Client(narrow.GetProperty("access_token").GetString());
        Assert.Equal("insufficient-scope", (await (await reader.PutAsync($"/api/stores/{Demo.Haidian}/price-book", JsonContent.Create(new
        {
            model = "Lavida",
            trim = "Partner 1.5L",
            colour = "白",
            listPrice = 1m,
            guidePrice = 1m,
            cost = 1m,
        }))).Problem(HttpStatusCode.Forbidden)).GetProperty("code").GetString());

        // A scope the client was not given is refused, in OAuth's words and the API's.
        var beyond = await (await anonymous.PostAsync("/api/oauth/token", Form(clientId, secret, "parts:read"))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_scope", beyond.GetProperty("error").GetString());
        Assert.True(beyond.GetProperty("errors").TryGetProperty("scope", out _));

        var used = await (await admin.GetAsync($"{Groups}/{clientId}")).Json(HttpStatusCode.OK);
        Assert.NotNull(used.GetProperty("lastTokenAt").GetString());
        var history = await fixture.System.Database.Scalar<long>(
            "SELECT count(*) FROM audit_trail WHERE subject = 'api-client' AND subject_id = @id AND what LIKE 'token issued%'", ("id", clientId));
        Assert.Equal(2L, history);
    }

    [Fact]
    public async Task A_rotated_secret_works_beside_the_old_one_for_a_day_and_a_revoked_client_s_tokens_are_refused_at_once()
    {
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var (clientId, first, _) = await Register(admin, "集团数据仓库 warehouse", "GroupHq", [], ["targets:read", "reports:read"], wholeGroup: true);
        using var anonymous = fixture.A.Client();

        var rotated = await (await admin.PostAsync($"{Groups}/{clientId}/secret", null)).Json(HttpStatusCode.OK);
        var second = rotated.GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(first, second);
        Assert.NotNull(rotated.GetProperty("client").GetProperty("previousSecretUntil").GetString());
        await Token(anonymous, clientId, first);
        var token = (await Token(anonymous, clientId, second)).GetProperty("access_token").GetString();
        using var warehouse = fixture.A.Client(token);
        await (await warehouse.GetAsync($"/api/groups/{Demo.Group}/rollup")).Json(HttpStatusCode.OK);

        var revoked = await (await admin.PostAsync($"{Groups}/{clientId}/revoke", null)).Json(HttpStatusCode.OK);
        Assert.Equal("huaxia-admin (集团IT Group Administrator)", revoked.GetProperty("revokedBy").GetString());
        Assert.Equal("token-revoked", (await (await warehouse.GetAsync($"/api/groups/{Demo.Group}/rollup")).Problem(HttpStatusCode.Unauthorized))
            .GetProperty("code").GetString());
        foreach (var secret in new[] { first, second })
        {
            var refused = await (await anonymous.PostAsync("/api/oauth/token", Form(clientId, secret))).Problem(HttpStatusCode.Unauthorized);
            Assert.Equal("invalid_client", refused.GetProperty("error").GetString());
        }

        Assert.Equal("client-revoked", (await (await admin.PostAsync($"{Groups}/{clientId}/secret", null)).Problem(HttpStatusCode.Conflict))
            .GetProperty("code").GetString());
        var list = await admin.All(Groups);
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("clientId").GetString() == clientId && c.GetProperty("revokedAt").GetString() is not null);
    }

    [Fact]
    public async Task Bad_registrations_and_token_requests_are_refused_naming_the_field_and_only_the_whole_group_s_administrators_register()
    {
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        async Task<string> BadField(object body) =>
            (await (await admin.Post(Groups, body)).Problem(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().First().Name;

        Assert.Equal("scopes[1]", await BadField(new { name = "x", role = "SalesManager", storeIds = new[] { Demo.Haidian }, scopes = new[] { "deals:read", "staff:write" } }));
        Assert.Equal("role", await BadField(new { name = "x", role = "Administrator", storeIds = new[] { Demo.Haidian }, scopes = new[] { "deals:read" } }));
        Assert.Equal("scopes", await BadField(new { name = "x", role = "SalesManager", storeIds = new[] { Demo.Haidian }, scopes = Array.Empty<string>() }));
        Assert.Equal("storeIds[0]", await BadField(new { name = "x", role = "SalesManager", storeIds = new[] { "no-such-store" }, scopes = new[] { "deals:read" } }));

        using var gm = fixture.A.Client(await fixture.A.SignIn("chaoyang-gm"));
        await (await gm.Post(Groups, new { name = "x", role = "SalesManager", storeIds = new[] { Demo.Chaoyang }, scopes = new[] { "deals:read" } }))
            .Problem(HttpStatusCode.Forbidden);

        using var anonymous = fixture.A.Client();
        async Task<JsonElement> Refused(HttpContent content, HttpStatusCode status) => await (await anonymous.PostAsync("/api/oauth/token", content)).Problem(status);
        Assert.Equal("unsupported_grant_type", (await Refused(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "huaxia-admin",
            ["password"] = "demo-password-2026",
        }), HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        Assert.Equal("invalid_request", (await Refused(JsonContent.Create(new { grant_type = "client_credentials" }), HttpStatusCode.BadRequest))
            .GetProperty("error").GetString());
        Assert.True((await Refused(Form("pc0000000000000000", ""), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("client_secret", out _));
        Assert.Equal("invalid_scope", (await Refused(Form("pc0000000000000000", "dls_x", "everything"), HttpStatusCode.BadRequest))
            .GetProperty("error").GetString());
        var unknown = await Refused(Form("pc0000000000000000", "dls_not-a-secret"), HttpStatusCode.Unauthorized);
        Assert.Equal("invalid-client", unknown.GetProperty("code").GetString());

        // A member's username is not a client id: sign-in credentials never get a partner's token.
        Assert.Equal("invalid_client", (await Refused(Form("huaxia-admin", "demo-password-2026"), HttpStatusCode.Unauthorized)).GetProperty("error").GetString());
    }

    private static async Task<(string ClientId, string Secret, HttpResponseMessage Created)> Register(HttpClient admin, string name, string role,
        string[] storeIds, string[] scopes, bool wholeGroup = false)
    {
        var created = await admin.Post(Groups, new { name, role, storeIds, wholeGroup, scopes });
        var body = await created.Json(HttpStatusCode.Created);
        return (body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!, created);
    }

    private static async Task<JsonElement> Token(HttpClient anonymous, string clientId, string secret) =>
        await (await anonymous.PostAsync("/api/oauth/token", Form(clientId, secret))).Json(HttpStatusCode.OK);

    private static FormUrlEncodedContent Form(string clientId, string secret, string? scope = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            fields["scope"] = scope;
        }

        return new FormUrlEncodedContent(fields);
    }
}
