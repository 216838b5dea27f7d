using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// A sale unwound on screen (退车): the general manager alone sees the step, a reason is required, and the deal then shows its credit
/// note while the car is back in stock and the consultant's month no longer pays for it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DealUnwindScreenTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-haidian-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_general_manager_unwinds_an_invoiced_sale_and_the_deal_shows_its_credit_note()
    {
        using var sm = Gateway.Client(await Gateway.SignIn("haidian-sm"));
        using var sc = Gateway.Client(await Gateway.SignIn("haidian-sc1"));
        using var clerk = Gateway.Client(await Gateway.SignIn("haidian-clerk"));
        using var cashier = Gateway.Client(await Gateway.SignIn("haidian-cashier"));
        var colour = $"Unwind Grey {Guid.NewGuid():N}"[..18];
        await Scene.Price(sm, Store, "Lavida", "1.5L Comfort", colour, 109_900m, 98_000m);
        var vin = TestVins.New("LSVAB24B4U");
        await (await clerk.Post($"/api/stores/{Store}/vehicles", new { vin, model = "Lavida", trim = "1.5L Comfort", colour, cost = 98_000m, status = "InStock", demo = false }))
            .Json(HttpStatusCode.Created);
        var customerId = await Scene.WalkIn(sc, Store, "周航", "haidian-sc1");
        var dealId = await Scene.OpenDeal(sc, Store, customerId, "Lavida", "1.5L Comfort", colour, 1_000m);
        var url = $"/api/stores/{Store}/deals/{dealId}";
        await (await sc.PostAsync($"{url}/submit", null)).Json(HttpStatusCode.OK);
        await (await sc.PostAsync($"{url}/sign", null)).Json(HttpStatusCode.OK);
        var allocated = await (await sc.Post($"{url}/vehicle", new { vin })).Json(HttpStatusCode.OK);
        var due = allocated.GetProperty("figures").GetProperty("cashDue").GetDecimal();
        await (await cashier.Post($"{url}/payments", new { kind = "Payment", method = "BankTransfer", amount = due, reference = "TT 5120" })).Json(HttpStatusCode.OK);
        await (await cashier.PostAsync($"{url}/invoice", null)).Json(HttpStatusCode.OK);

        // The sales manager cannot unwind a sale: the step is not offered.
        var manager = await fixture.SignedInToApp("haidian-sm");
        await manager.GotoAsync($"{Gateway.BaseAddress}app/deals/{dealId}");
        await Assertions.Expect(manager.Locator("#invoice")).ToContainTextAsync("INV-");
        await Assertions.Expect(manager.Locator("#unwind-panel")).ToHaveCountAsync(0);

        var gm = await fixture.SignedInToApp("haidian-gm");
        await gm.GotoAsync($"{Gateway.BaseAddress}app/deals/{dealId}");
        await gm.Locator("#unwind-panel").ClickAsync();
        await gm.Locator("#unwind-deal").ClickAsync(); // no reason: refused at the field
        var reason = gm.Locator("#unwind-reason").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(reason).ToContainTextAsync("required");
        await gm.Locator("#unwind-reason").FillAsync("客户三包退车");
        await gm.Locator("#unwind-deal").ClickAsync();
        await Assertions.Expect(gm.Locator("#credit-note")).ToContainTextAsync("CN-");
        await Assertions.Expect(gm.Locator("#credit-note")).ToContainTextAsync("-");
        await Axe.NoSeriousViolations(gm, "unwound deal");

        var car = await (await clerk.GetAsync($"/api/stores/{Store}/vehicles/{vin}")).Json(HttpStatusCode.OK);
        Assert.Equal("InStock", car.GetProperty("status").GetString());
        var pay = await (await sm.GetAsync($"/api/stores/{Store}/pay?consultantId=haidian-sc1")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(pay.GetProperty("worked").GetProperty("lines").EnumerateArray(), l => l.GetProperty("dealId").GetString() == dealId);
    }
}
