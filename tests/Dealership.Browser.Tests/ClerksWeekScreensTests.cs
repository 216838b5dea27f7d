using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// The sales information clerk's week through the screens: a shipment received from the OEM's notice, the cars on the stock list,
/// a car asked from another store and received after that store's manager approves, the weekly report submitted and downloaded,
/// and next month's OEM order drafted, approved with the seal by the manager and marked sent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClerksWeekScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    private static string NewVin() => TestVins.New("LFVBA24B3T");

    [Fact]
    public async Task The_clerk_receives_a_shipment_transfers_a_car_submits_the_weekly_report_and_sends_the_oem_order()
    {
        var clerk = await fixture.SignedInToApp("chaoyang-clerk");
        await Assertions.Expect(clerk.Locator("#stock-figures")).ToBeVisibleAsync(); // the clerk lands on the stock list

        // A shipment of two cars, pasted from the OEM's notice; the second is on the floor plan.
        var colour = $"Ship Green {Guid.NewGuid():N}"[..19];
        var (first, second) = (NewVin(), NewVin());
        var due = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await clerk.GetByText("车辆入库").First.ClickAsync();
        await clerk.Locator("#shipment-number").FillAsync($"SHP-{Guid.NewGuid():N}"[..16]);
        await clerk.Locator("#shipment-lines").FillAsync(
            $"{first}, Tayron, 380TSI 4MOTION, {colour}, 241000\n{second}, Tayron, 380TSI 4MOTION, {colour}, 241000, 上汽财务, {due}");
        await Assertions.Expect(clerk.Locator("#shipment-count")).ToHaveTextAsync("共 2 台");
        // The API's answer is held back once the cars are in: the progress counts each car from the store's feed meanwhile
        // (followed since the bar says live).
        await Assertions.Expect(clerk.Locator("#feed")).ToHaveAttributeAsync("data-live", "true");
        var answered = new TaskCompletionSource();
        await clerk.RouteAsync("**/api/v2/stores/*/shipments", async route =>
        {
            var response = await route.FetchAsync();
            // Held while the test looks at the progress, never for good: a failed look must not leave the browser waiting.
            await answered.Task.WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default);
            await route.FulfillAsync(new() { Response = response });
        });
        await clerk.Locator("#receive-shipment").ClickAsync();
        await Assertions.Expect(clerk.Locator("#shipment-progress")).ToHaveTextAsync("正在入库：已入库 2 / 2 台");
        answered.SetResult();
        await Assertions.Expect(clerk.Locator("#shipment-result, #refusal").First).ToBeVisibleAsync();
        Assert.Equal("", await clerk.Locator("#refusal").CountAsync() > 0 ? await clerk.Locator("#refusal").TextContentAsync() : "");
        await Assertions.Expect(clerk.Locator("#shipment-result")).ToContainTextAsync("入库 2 台，拒收 0 台");
        await Assertions.Expect(clerk.Locator("#shipment-report tr.received")).ToHaveCountAsync(2);

        await clerk.GetByText("库存").First.ClickAsync();
        await clerk.Locator("#stock-colour").FillAsync(colour);
        await Assertions.Expect(clerk.Locator("#stock tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(clerk.Locator($"#stock tr[data-vin='{second}']")).ToContainTextAsync("上汽财务");
        await Screenshots.Save(clerk, "clerk-stock-list");
        await Axe.NoSeriousViolations(clerk, "stock list");

        // A car asked from Haidian: its manager approves on their screen, the car arrives and is received here.
        using var haidianClerk = Gateway.Client(await Gateway.SignIn("haidian-clerk"));
        var haidianStock = await (await haidianClerk.GetAsync("/api/stores/bj-haidian-vw/stock?status=InStock&demo=false&limit=1")).Json(HttpStatusCode.OK);
        var wanted = haidianStock.GetProperty("rows")[0].GetProperty("vin").GetString()!;
        await clerk.GetByText("调车").First.ClickAsync();
        await clerk.Locator("#transfer-from").FillAsync("bj-haidian-vw");
        await clerk.Locator("#transfer-vin").FillAsync(wanted);
        await clerk.Locator("#request-transfer").ClickAsync();
        var asked = clerk.Locator("#transfers tr", new() { HasText = wanted });
        await Assertions.Expect(asked).ToContainTextAsync("待审批");

        var haidianManager = await fixture.SignedInToApp("haidian-sm");
        await haidianManager.GetByText("调车").First.ClickAsync();
        await haidianManager.Locator("#transfers tr", new() { HasText = wanted }).Locator(".approve").ClickAsync();
        await Assertions.Expect(haidianManager.Locator("#transfers tr", new() { HasText = wanted })).ToContainTextAsync("在途");

        await Assertions.Expect(asked).ToContainTextAsync("在途"); // the clerk's screen follows the feed
        await asked.Locator(".receive").ClickAsync();
        await Assertions.Expect(asked).ToContainTextAsync("已接收");

        // The week's report: prepared, reviewed, submitted with a note, downloaded.
        await clerk.GetByText("周报").First.ClickAsync();
        await clerk.Locator("#prepare-weekly").ClickAsync();
        await Assertions.Expect(clerk.Locator("#weekly-sales")).ToBeVisibleAsync();
        await clerk.Locator("#weekly-note").FillAsync("本周到车 2 台，海淀调入 1 台");
        await clerk.Locator("#submit-weekly").ClickAsync();
        await Assertions.Expect(clerk.Locator("#weekly-submitted")).ToContainTextAsync("本周到车 2 台");
        var download = await clerk.RunAndWaitForDownloadAsync(() => clerk.Locator("#weekly-xlsx").ClickAsync());
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(await download.PathAsync()))[..2]);

        // Next month's OEM order: proposed, one line set, submitted; the manager approves with the seal; the clerk marks it sent.
        await clerk.GetByText("厂家订单").First.ClickAsync();
        await clerk.Locator("#oem-target").FillAsync("12");
        await clerk.Locator("#oem-propose").ClickAsync();
        var quantity = clerk.Locator("#oem-proposal .quantity").First;
        await quantity.FillAsync("3");
        await quantity.PressAsync("Tab");
        await clerk.Locator("#oem-submit").ClickAsync();
        await Assertions.Expect(clerk.Locator("#oem-status")).ToHaveTextAsync("待审批");
        await Axe.NoSeriousViolations(clerk, "OEM order");

        var manager = await fixture.SignedInToApp("chaoyang-sm");
        await manager.GetByText("厂家订单").First.ClickAsync();
        await manager.Locator("#oem-approve").ClickAsync();
        await Assertions.Expect(manager.Locator("#oem-seal")).ToContainTextAsync("北京朝阳大众");

        await Assertions.Expect(clerk.Locator("#oem-status")).ToHaveTextAsync("已审批盖章");
        await clerk.Locator("#oem-reference").FillAsync("SVW-PO-7781");
        await clerk.Locator("#oem-sent").ClickAsync();
        await Assertions.Expect(clerk.Locator("#oem-status")).ToHaveTextAsync("已发送厂家");
        await Screenshots.Save(clerk, "clerk-oem-order-sent");
    }
}
