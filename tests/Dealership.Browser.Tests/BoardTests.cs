using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>One silo, one gateway with the demo group, and one headless Chromium (Debian's /usr/bin/chromium) for the class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private DealershipSystem system = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private IBrowserContext? shared;
    private readonly List<IPage> tabs = [];
    private readonly List<IBrowserContext> opened = [];

    /// <summary>Every answer the browser gets from the API, held to the published document (checked as each test ends).</summary>
    public ContractWatch Contract { get; private set; } = null!;

    public DealershipSystem.Gateway Gateway => system.Gateways[0];

    /// <summary>The system's database, for a scene whose past (months-old deliveries and visits) no API call can make.</summary>
    public TestDatabase Database => system.Database;

    public async ValueTask InitializeAsync()
    {
        system = await DealershipSystem.Create();
        await system.StartSilo();
        await system.StartGateway(seedDemo: true);
        // The staff app's first load compiles nothing but fetches the framework: on a busy 2-core runner that can take seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
        Contract = new ContractWatch(Gateway.BaseAddress);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser context (a fresh profile) whose API traffic is held to the contract; closed when the test ends.</summary>
    public async Task<IBrowserContext> NewContext(BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options);
        Contract.Watch(context);
        opened.Add(context);
        return context;
    }

    /// <summary>A page in a new browser context.</summary>
    public async Task<IPage> NewPage() => await (await NewContext()).NewPageAsync();

    /// <summary>
    /// A page on the staff app signed in as <paramref name="username"/>: a new tab of the suite's shared browser profile, or
    /// of <paramref name="context"/>, or of a new context with <paramref name="options"/>. The shared profile keeps only the
    /// HTTP cache between tests (so the app's files load warm, as on a desk that opened it yesterday); each tab signs in for
    /// itself (the session lives in the tab's sessionStorage), and a test needing a fresh profile passes a context of its own.
    /// </summary>
    public async Task<IPage> SignedInToApp(string username, IBrowserContext? context = null, BrowserNewContextOptions? options = null)
    {
        if (context is null && options is not null)
        {
            context = await NewContext(options);
        }

        var page = await (context ?? await Shared()).NewPageAsync();
        tabs.Add(page);
        await page.GotoAsync($"{Gateway.BaseAddress}app/");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync("demo-password-2026");
        await page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// As a test ends: every answer its screens met is held to the contract, then its tabs and contexts are closed, so that no
    /// screen of an earlier test keeps following the live feed (and using the two cores) behind the next one.
    /// </summary>
    public async Task EndTest()
    {
        try
        {
            await Contract.AssertHeld();
        }
        finally
        {
            foreach (var page in tabs)
            {
                await page.CloseAsync();
            }

            foreach (var context in opened)
            {
                await context.CloseAsync();
            }

            tabs.Clear();
            opened.Clear();
        }
    }

    private async Task<IBrowserContext> Shared()
    {
        if (shared is null)
        {
            shared = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
            Contract.Watch(shared);
        }

        return shared;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await system.DisposeAsync();
    }
}

/// <summary>The browser tests share one system and one Chromium: starting them is most of a browser test's cost.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The showroom board in a real browser, against a real silo and gateway.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private const string Store = "bj-chaoyang-vw";

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_wall_screen_with_a_board_token_shows_the_floor_and_follows_changes_live()
    {
        using var manager = Gateway.Client(await Gateway.SignIn("chaoyang-sm"));
        var issued = await (await manager.Post($"/api/stores/{Store}/board-tokens", new { label = "Showroom TV" })).Json(HttpStatusCode.Created);
        var token = issued.GetProperty("token").GetString()!;

        var page = await fixture.NewPage();
        await page.GotoAsync($"{Gateway.BaseAddress}board.html?store={Store}&board={Uri.EscapeDataString(token)}");

        var card = page.Locator("li[data-staff='chaoyang-sc2']");
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#store-name")).ToContainTextAsync("Chaoyang Volkswagen");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#vehicles li[data-status='InStock'] b")).Not.ToBeEmptyAsync();

        await (await manager.Post($"/api/stores/{Store}/consultants/chaoyang-sc2/status", new { status = "OnTestDrive" })).Json(HttpStatusCode.OK);
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "OnTestDrive");
        await Assertions.Expect(card).ToContainTextAsync("试驾中");
        // The store's own wall-clock time (+08:00), whatever zone the screen's browser is in.
        var since = (await (await manager.GetAsync($"/api/stores/{Store}/consultants/chaoyang-sc2")).Json(HttpStatusCode.OK))
            .GetProperty("statusSince").GetString()!;
        await Assertions.Expect(card.Locator(".since")).ToContainTextAsync(since.Substring(11, 5));

        // Revoked: the screen loses its stream and cannot reconnect.
        var tokenId = issued.GetProperty("info").GetProperty("tokenId").GetString();
        await (await manager.DeleteAsync($"/api/stores/{Store}/board-tokens/{tokenId}")).Json(HttpStatusCode.OK);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#connection")).Not.ToHaveTextAsync("live", new() { Timeout = 8000 });
        await Assertions.Expect(page.Locator("li[data-staff]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Staff_sign_in_on_the_board_page_and_see_their_store_update_live()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync($"{Gateway.BaseAddress}board.html");
        await page.FillAsync("input[name=username]", "chaoyang-gm");
        await page.FillAsync("input[name=password]", "demo-password-2026");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("#store-name")).ToContainTextAsync("Chaoyang");
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live");

        using var consultant = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        await (await consultant.Post($"/api/stores/{Store}/consultants/chaoyang-sc1/status", new { status = "WithCustomer", note = "walk-in" }))
            .Json(HttpStatusCode.OK);
        await Assertions.Expect(page.Locator("li[data-staff='chaoyang-sc1']")).ToHaveAttributeAsync("data-status", "WithCustomer");
        await Assertions.Expect(page.Locator("#events li").First).ToContainTextAsync("WithCustomer");
    }

    [Fact]
    public async Task A_wrong_password_is_shown_and_nothing_is_displayed()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync($"{Gateway.BaseAddress}board.html");
        await page.FillAsync("input[name=username]", "chaoyang-gm");
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("Wrong username or password");
        await Assertions.Expect(page.Locator("#board")).ToBeHiddenAsync();
    }
}
