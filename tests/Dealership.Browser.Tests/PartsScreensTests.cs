using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// The parts planner's cycle through the screens: the review drafts a purchase order, the GM approves it, the planner sends it
/// and receives the delivery, and the part's stock and movements show the receipt; a counter sale takes one out again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartsScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private const string Store = "/api/stores/bj-haidian-vw";

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_review_drafts_an_order_the_gm_approves_it_and_the_delivery_lands_in_stock()
    {
        // Haidian's planner, where no other browser test orders parts.
        var planner = await fixture.SignedInToApp("haidian-parts");
        await Assertions.Expect(planner.Locator("#parts-numbers")).ToBeVisibleAsync();
        await planner.GetByText("补货审核").First.ClickAsync();
        var first = planner.Locator("#review tbody tr").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        var part = await first.GetAttributeAsync("data-part") ?? "";

        // Order only the first suggestion, six of it.
        var boxes = planner.Locator("#review tbody .choose");
        for (var i = 1; i < await boxes.CountAsync(); i++)
        {
            await boxes.Nth(i).UncheckAsync();
        }

        await first.Locator(".quantity").FillAsync("6");
        await first.Locator(".quantity").PressAsync("Tab");
        await Axe.NoSeriousViolations(planner, "parts review");
        await planner.Locator("#draft-orders").ClickAsync();
        var draft = planner.Locator("#purchase-orders tbody tr").First;
        await Assertions.Expect(draft).ToContainTextAsync("草稿");
        var orderId = await draft.GetAttributeAsync("data-order") ?? "";

        var gm = await fixture.SignedInToApp("haidian-gm");
        await gm.GotoAsync($"{Gateway.BaseAddress}app/purchase-orders/{orderId}");
        await gm.Locator("#approve-po").ClickAsync();
        await Assertions.Expect(gm.Locator("#po-state")).ToHaveTextAsync("已批准");

        await draft.Locator("a").ClickAsync();
        await Assertions.Expect(planner.Locator("#po-state")).ToHaveTextAsync("已批准");
        await planner.Locator("#po-reference").FillAsync("SVW-P-20261206");
        await planner.Locator("#po-sent").ClickAsync();
        await Assertions.Expect(planner.Locator("#po-state")).ToHaveTextAsync("已发供应商");
        await Assertions.Expect(planner.Locator("#po-lines .delivered")).ToHaveValueAsync("6");
        await planner.Locator("#po-delivery-note").FillAsync("DN-8841");
        await planner.Locator("#po-receive").ClickAsync();
        await Assertions.Expect(planner.Locator("#po-state")).ToHaveTextAsync("已到齐");
        await Assertions.Expect(planner.Locator("#po-receipts")).ToContainTextAsync("DN-8841");
        await Screenshots.Save(planner, "parts-purchase-order-received");

        // The part shows the receipt; a counter sale of one takes it out.
        using var api = Gateway.Client(await Gateway.SignIn("haidian-parts"));
        var onHand = (await (await api.GetAsync($"{Store}/parts/{Uri.EscapeDataString(part)}")).Json(HttpStatusCode.OK)).GetProperty("onHand").GetInt32();
        await planner.GotoAsync($"{Gateway.BaseAddress}app/parts/{Uri.EscapeDataString(part)}");
        await Assertions.Expect(planner.Locator("#part-on-hand")).ToHaveTextAsync(onHand.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(planner.Locator("#part-movements")).ToContainTextAsync("入库");
        await Mud.Pick(planner, "movement-reason", "柜台销售");
        await planner.Locator("#movement-quantity").FillAsync("-1");
        await planner.Locator("#movement-note").FillAsync("柜台零售");
        await planner.Locator("#record-movement").ClickAsync();
        await Assertions.Expect(planner.Locator("#part-on-hand")).ToHaveTextAsync((onHand - 1).ToString(CultureInfo.InvariantCulture));
        await Axe.NoSeriousViolations(planner, "part");
    }
}
