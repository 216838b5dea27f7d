using System.Net;
using System.Text.Json;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// The staff web app in headless Chromium against a real silo and gateway with the demo group: signing in lands each role on
/// its screens, in Chinese unless the user switched (and the switch is remembered); a consultant logs a walk-in and finds the
/// customer on their day; a refusal is shown beside the field it names; an expired token asks for the password over the form
/// and the form is sent as typed; a manager confirms a lost prospect.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffAppTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private const string Store = "bj-chaoyang-vw";

    private static int mobiles;

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    private static string NewMobile() => $"1361{Environment.ProcessId % 1000:D3}{Interlocked.Increment(ref mobiles):D4}";

    private Task<IPage> SignedIn(string username, IBrowserContext? context = null) => fixture.SignedInToApp(username, context);

    [Fact]
    public async Task A_consultant_signs_in_in_Chinese_logs_a_walk_in_and_finds_the_customer_on_their_day()
    {
        var page = await SignedIn("chaoyang-sc1");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/my-day$"));
        await Assertions.Expect(page.Locator("h5")).ToHaveTextAsync("我的一天");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.GetByText("来店来电登记").First.ClickAsync();
        var mobile = NewMobile();
        await page.Locator("#customer-name").FillAsync("王芳");
        await page.Locator("#mobile").FillAsync(mobile);
        await page.Locator("#model-of-interest").FillAsync("途观L");
        await page.Locator("#log").ClickAsync();
        await Assertions.Expect(page.Locator("#logged")).ToContainTextAsync("王芳");

        await page.GetByText("我的一天").First.ClickAsync();
        var row = page.Locator("#follow-ups tr", new() { HasText = "王芳" }).Filter(new() { HasText = mobile[..3] + "****" + mobile[^4..] });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("途观L");
        await Screenshots.Save(page, "consultant-my-day");

        // What the screen showed is what the API holds: the consultant's prospect, under a masked number.
        using var api = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        var prospects = await (await api.GetAsync($"/api/stores/{Store}/prospects?consultantId=chaoyang-sc1&limit=200")).Json(HttpStatusCode.OK);
        Assert.Contains(prospects.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == "王芳"
            && p.GetProperty("maskedMobile").GetString() == mobile[..3] + "****" + mobile[^4..]);
    }

    [Fact]
    public async Task The_language_switch_turns_every_label_to_English_and_is_remembered_after_a_reload()
    {
        var context = await fixture.NewContext();
        var page = await SignedIn("chaoyang-sm", context);
        await Assertions.Expect(page.Locator("h5")).ToHaveTextAsync("销售看板");
        await page.Locator("#language").ClickAsync();
        await Assertions.Expect(page.Locator("h5")).ToHaveTextAsync("Sales desk");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("Sales manager");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("h5")).ToHaveTextAsync("Sales desk");
        await Assertions.Expect(page.Locator("#sales-numbers")).ToContainTextAsync("Traffic");
        await Screenshots.Save(page, "manager-sales-desk-english");

        // Another tab of the same browser opens in English too; back to Chinese with the same switch.
        var other = await context.NewPageAsync();
        await other.GotoAsync($"{Gateway.BaseAddress}app/");
        await Assertions.Expect(other.Locator("#sign-in")).ToHaveTextAsync("Sign in");
        await page.Locator("#language").ClickAsync();
        await Assertions.Expect(page.Locator("h5")).ToHaveTextAsync("销售看板");
    }

    [Fact]
    public async Task A_refused_visit_shows_the_apis_reason_under_the_field_and_logs_nothing()
    {
        var page = await SignedIn("chaoyang-sc1");
        await page.GotoAsync($"{Gateway.BaseAddress}app/log-visit");
        await page.Locator("#customer-name").FillAsync("李雷");
        await page.Locator("#mobile").FillAsync("12345");
        await page.Locator("#log").ClickAsync();

        await Assertions.Expect(page.Locator("#refusal")).ToContainTextAsync("请检查填写的内容");
        var field = page.Locator("#mobile").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(field.Locator(".mud-input-helper-text")).ToContainTextAsync("11-digit");
        await Assertions.Expect(page.Locator("#logged")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#mobile")).ToHaveValueAsync("12345"); // the draft stays for the user to correct
        await Screenshots.Save(page, "consultant-log-visit-refused");
    }

    [Fact]
    public async Task An_expired_token_asks_for_the_password_over_the_form_and_the_form_is_sent_as_typed()
    {
        var page = await SignedIn("chaoyang-sc2");
        await page.GotoAsync($"{Gateway.BaseAddress}app/log-visit");
        await Assertions.Expect(page.Locator("#log")).ToBeVisibleAsync();

        // The gateway stops accepting the token this tab holds (as when it expires); the tab does not know yet.
        await page.EvaluateAsync("""
            () => { const s = JSON.parse(sessionStorage.getItem('dealership.session')); s.Token = 'expired.' + s.Token; sessionStorage.setItem('dealership.session', JSON.stringify(s)); }
            """);
        await page.ReloadAsync();
        var mobile = NewMobile();
        await page.Locator("#customer-name").FillAsync("韩梅梅");
        await page.Locator("#mobile").FillAsync(mobile);
        await page.Locator("#log").ClickAsync();

        await Assertions.Expect(page.Locator("#sign-in-again")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#mobile")).ToHaveValueAsync(mobile);
        await Screenshots.Save(page, "sign-in-again-over-the-form");
        await page.Locator(".mud-overlay #password").FillAsync("demo-password-2026");
        await page.Locator(".mud-overlay #sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#logged")).ToContainTextAsync("韩梅梅");
        await Assertions.Expect(page.Locator("#sign-in-again")).ToHaveCountAsync(0);

        using var api = Gateway.Client(await Gateway.SignIn("chaoyang-sc2"));
        var prospects = await (await api.GetAsync($"/api/stores/{Store}/prospects?consultantId=chaoyang-sc2&limit=200")).Json(HttpStatusCode.OK);
        Assert.Single(prospects.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == "韩梅梅");
    }

    [Fact]
    public async Task A_manager_confirms_a_prospect_the_consultant_declared_lost()
    {
        using var consultant = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        var entry = await (await consultant.Post($"/api/stores/{Store}/showroom-register", new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "赵强",
            mobile = NewMobile(),
            modelOfInterest = "帕萨特",
            partySize = 1,
            consultantId = "chaoyang-sc1",
            grade = "C",
        })).Json(HttpStatusCode.Created);
        var customer = entry.GetProperty("customerId").GetString()!;
        await (await consultant.Post($"/api/stores/{Store}/customers/{customer}/lost", new { reason = "Price", note = "买了别家" }))
            .Json(HttpStatusCode.OK);

        var page = await SignedIn("chaoyang-sm");
        await page.GetByText("战败确认").First.ClickAsync();
        var row = page.Locator($"#lost tr[data-customer='{customer}']");
        await Assertions.Expect(row).ToContainTextAsync("赵强");
        await Screenshots.Save(page, "manager-lost-prospects");
        await row.Locator(".confirm").ClickAsync();
        await Assertions.Expect(page.Locator("#decided")).ToContainTextAsync("赵强");
        await Assertions.Expect(row).ToHaveCountAsync(0);

        var card = await (await consultant.GetAsync($"/api/stores/{Store}/customers/{customer}")).Json(HttpStatusCode.OK);
        Assert.Equal("Lost", card.GetProperty("prospect").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, card.GetProperty("prospect").GetProperty("lostConfirmedBy").ValueKind);
    }

    [Fact]
    public async Task A_visit_logged_anywhere_appears_on_the_open_sales_desk_without_a_reload()
    {
        var page = await SignedIn("chaoyang-gm");
        var traffic = page.Locator("#sales-numbers tr[data-figure='desk.traffic'] td").Nth(1);
        await Assertions.Expect(traffic).Not.ToHaveTextAsync("");
        var before = int.Parse(await traffic.TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

        using var consultant = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        await (await consultant.Post($"/api/stores/{Store}/showroom-register", new
        {
            kind = "Call",
            source = "Phone",
            customerName = "孙丽",
            mobile = NewMobile(),
            partySize = 1,
            consultantId = "chaoyang-sc1",
        })).Json(HttpStatusCode.Created);

        await Assertions.Expect(traffic).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
