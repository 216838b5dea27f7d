using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Dealership.Benchmarks;

/// <summary>
/// The staff web app in Debian's Chromium on loopback: the consultant's home page (My day) from a cold browser (a new profile, no
/// cache) and a warm one (a reload) until its list is on screen, and the time from a walk-in's acknowledgement by the API to the
/// sales manager's open desk showing it.
/// </summary>
public static class WebApp
{
    private const string SessionKey = "dealership.session";

    public static async Task<IReadOnlyList<string>> Run(Api api, string url, int coldRuns = 8, int warmRuns = 15, int updates = 40)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
        });
        var app = url.TrimEnd('/') + "/app/";
        var consultant = await SessionOf(browser, app, "chaoyang-sc1");
        var manager = await SessionOf(browser, app, "chaoyang-sm");

        // Cold: each run a new browser profile (nothing cached) opens My day with the consultant's session in the tab.
        var cold = new List<double>();
        for (var i = 0; i < coldRuns; i++)
        {
            await using var context = await WithSession(browser, consultant);
            var page = await context.NewPageAsync();
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(app + "my-day");
            await page.Locator("#follow-ups, #no-follow-ups").First.WaitForAsync();
            cold.Add(clock.Elapsed.TotalMilliseconds);
        }

        // Warm: the same profile reloads (the framework and the app come from the browser's cache).
        var warm = new List<double>();
        var started = new List<double>();
        var inApp = new List<double>();
        await using (var context = await WithSession(browser, consultant))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(app + "my-day");
            await page.Locator("#follow-ups, #no-follow-ups").First.WaitForAsync();
            for (var i = 0; i < warmRuns; i++)
            {
                var clock = Stopwatch.StartNew();
                await page.ReloadAsync();
                await page.Locator("#follow-ups, #no-follow-ups").First.WaitForAsync();
                warm.Add(clock.Elapsed.TotalMilliseconds);
                started.Add(await FirstApiRequestAt(page));
            }

            // In the app: staff keep it open all day and move between screens; from the stock list back to My day.
            for (var i = 0; i < warmRuns; i++)
            {
                await page.Locator("a[href='stock']").First.ClickAsync();
                await page.Locator("#follow-ups, #no-follow-ups").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
                var clock = Stopwatch.StartNew();
                await page.Locator("a[href='my-day']").First.ClickAsync();
                await page.Locator("#follow-ups, #no-follow-ups").First.WaitForAsync();
                inApp.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        // Update: a walk-in logged through the API; the manager's desk (open, following the feed) shows the month's traffic move.
        var update = new List<double>();
        await using (var context = await WithSession(browser, manager))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(app + "desk");
            var traffic = page.Locator("#sales-numbers tr[data-figure='desk.traffic'] td").Nth(2);
            await traffic.WaitForAsync();
            var token = await api.SignIn("chaoyang-sc2");
            for (var i = 0; i < updates; i++)
            {
                var before = await traffic.TextContentAsync();
                if (!await api.Ok(HttpMethod.Post, "/api/stores/bj-chaoyang-vw/showroom-register", token, new { kind = "Call", source = "Phone", partySize = 1 }))
                {
                    throw new InvalidOperationException("The API refused the walk-in the update is timed on.");
                }

                var clock = Stopwatch.StartNew();
                await page.WaitForFunctionAsync(
                    "before => document.querySelectorAll(\"#sales-numbers tr[data-figure='desk.traffic'] td\")[2]?.textContent !== before",
                    before, new PageWaitForFunctionOptions { PollingInterval = 5 });
                update.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return
        [
            "",
            "The staff web app in Chromium (headless, loopback), to the consultant's My day list on screen and the write-to-screen time:",
            "",
            "| measure | runs | p50 | p99 | max |",
            "|---|---|---|---|---|",
            Row("cold load (new profile, nothing cached)", cold),
            Row("warm load (reload, cached)", warm),
            Row("… of which the runtime and app starting (to the first API request)", started),
            Row("in the open app: stock list → My day (nav link)", inApp),
            Row("walk-in acknowledged → manager's open desk updated", update),
        ];
    }

    private static string Row(string name, List<double> ms)
    {
        var sorted = ms.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {ms.Count} | {At(0.5):N0} ms | {At(0.99):N0} ms | {sorted[^1]:N0} ms |");
    }

    // When the page's first API request started (ms since navigation): before it, the browser loads and starts the .NET runtime
    // and the app; after it, the app reads and renders.
    private static Task<double> FirstApiRequestAt(IPage page) => page.EvaluateAsync<double>(
        "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/api/')).map(e => e.startTime).sort((a, b) => a - b)[0] ?? -1");

    // Signs in through the app once and keeps what the app keeps for the tab, so every later run starts signed in.
    private static async Task<string> SessionOf(IBrowser browser, string app, string username)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app);
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(Api.Password);
        await page.Locator("#sign-in").ClickAsync();
        await page.Locator("#who").WaitForAsync();
        return await page.EvaluateAsync<string>($"() => sessionStorage.getItem('{SessionKey}')");
    }

    private static async Task<IBrowserContext> WithSession(IBrowser browser, string session)
    {
        var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync($"sessionStorage.setItem('{SessionKey}', {System.Text.Json.JsonSerializer.Serialize(session)});");
        return context;
    }
}
