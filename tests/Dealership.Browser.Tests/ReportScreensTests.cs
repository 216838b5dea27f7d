using System.Globalization;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>The month's reports in the staff app: the sales manager's analysis and the clerk's month-end summary, their months and downloads.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    private Task<IPage> SignedIn(string username) =>
        fixture.SignedInToApp(username, options: new BrowserNewContextOptions { AcceptDownloads = true });

    [Fact]
    public async Task The_sales_manager_reads_the_months_analysis_picks_a_past_month_and_downloads_it_as_a_workbook()
    {
        var page = await SignedIn("chaoyang-sm");
        await page.GetByText("月度销售分析").First.ClickAsync();
        await Assertions.Expect(page.Locator("#funnel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#running")).ToBeVisibleAsync(); // this month is still running
        await Assertions.Expect(page.Locator("#stock-days")).ToContainTextAsync("月末库存");

        // The demo's cars in stock show under their models, as the API counts them.
        using var api = Gateway.Client(await Gateway.SignIn("chaoyang-sm"));
        var view = await (await api.GetAsync("/api/stores/bj-chaoyang-vw/monthly-analysis")).Json(System.Net.HttpStatusCode.OK);
        foreach (var model in view.GetProperty("models").EnumerateArray().Take(3))
        {
            await Assertions.Expect(page.Locator($"#models tr[data-model='{model.GetProperty("model").GetString()}'] td").Nth(7))
                .ToHaveTextAsync(model.GetProperty("stockAtMonthEnd").GetInt32().ToString(CultureInfo.InvariantCulture));
        }

        // The answer is held back a moment: the download shows as under way, then as done with the bytes it counted.
        var name = $"bj-chaoyang-vw-monthly-analysis-{view.GetProperty("month").GetString()}.xlsx";
        var answered = new TaskCompletionSource();
        await page.RouteAsync("**/monthly-analysis.xlsx*", async route =>
        {
            var response = await route.FetchAsync();
            // Held while the test looks at the progress, never for good: a failed look must not leave the browser waiting.
            await answered.Task.WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default);
            await route.FulfillAsync(new() { Response = response });
        });
        var downloading = page.RunAndWaitForDownloadAsync(() => page.Locator("#download-xlsx").ClickAsync());
        await Assertions.Expect(page.Locator("#download-progress")).ToContainTextAsync($"正在下载 {name}");
        answered.SetResult();
        var download = await downloading;
        Assert.Equal(name, download.SuggestedFilename);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]); // a workbook is a zip
        await Assertions.Expect(page.Locator("#download-progress")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(page.Locator("#download-progress")).ToContainTextAsync(
            $"已下载 {name}（{(bytes.Length / 1024.0).ToString("N1", CultureInfo.InvariantCulture)} KB）");

        var lastMonth = DateOnly.ParseExact(view.GetProperty("month").GetString() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(-1);
        await page.Locator("#month").SelectOptionAsync(lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#running")).ToHaveCountAsync(0);
        await Screenshots.Save(page, "manager-monthly-analysis");
    }

    [Fact]
    public async Task The_clerks_month_end_summary_has_a_ledger_that_adds_up()
    {
        var page = await SignedIn("chaoyang-clerk");
        await page.GetByText("月末总结").First.ClickAsync();
        await Assertions.Expect(page.Locator("h5")).ToHaveTextAsync("月末总结");
        var total = page.Locator("#ledger tr[data-model='total'] td");
        await Assertions.Expect(total.First).ToHaveTextAsync("合计");

        async Task<int> Cell(ILocator row, int i) => int.Parse(await row.Nth(i).TextContentAsync() ?? "", CultureInfo.InvariantCulture);
        var figures = new int[9];
        for (var i = 1; i < 9; i++)
        {
            figures[i] = await Cell(total, i);
        }

        // Opening + receipts + transfers in + returns − sales out − transfers out + corrections = closing.
        Assert.Equal(figures[8], figures[1] + figures[2] + figures[3] + figures[4] - figures[5] - figures[6] + figures[7]);
        Assert.True(figures[8] > 0);
        await Screenshots.Save(page, "clerk-month-end-summary");
    }
}
