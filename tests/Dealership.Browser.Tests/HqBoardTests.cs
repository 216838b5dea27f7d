using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>Group HQ's board: every store against its target, side by side with a chart, kept current by the stores' feeds.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HqBoardTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private const string Store = "/api/stores/bj-haidian-vw";

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_board_shows_every_store_against_its_target_and_a_sale_in_another_store_moves_it_without_a_reload()
    {
        var hq = await fixture.SignedInToApp("huaxia-hq");
        await Assertions.Expect(hq.Locator("#hq-stores tbody tr[data-store]")).ToHaveCountAsync(4); // three stores and the total
        await Assertions.Expect(hq.Locator("#hq-chart .progress-row")).ToHaveCountAsync(3);
        await Screenshots.Save(hq, "hq-board");
        await Axe.NoSeriousViolations(hq, "HQ board");
        var retail = hq.Locator("#hq-stores tr[data-store='bj-haidian-vw'] td.retail");
        var before = int.Parse(await retail.TextContentAsync() ?? "", CultureInfo.InvariantCulture);

        // Haidian sells and invoices a car through the API: the board, open on another store's feed, moves.
        using var sm = Gateway.Client(await Gateway.SignIn("haidian-sm"));
        using var sc = Gateway.Client(await Gateway.SignIn("haidian-sc1"));
        using var clerk = Gateway.Client(await Gateway.SignIn("haidian-clerk"));
        using var cashier = Gateway.Client(await Gateway.SignIn("haidian-cashier"));
        var colour = $"HQ Silver {Guid.NewGuid():N}"[..18];
        await Scene.Price(sm, "bj-haidian-vw", "Passat", "380TSI Flagship", colour, 229_900m, 205_000m);
        var vin = TestVins.New("LSVAB24B4T");
        await (await clerk.Post($"{Store}/vehicles", new { vin, model = "Passat", trim = "380TSI Flagship", colour, cost = 205_000m, status = "InStock", demo = false }))
            .Json(HttpStatusCode.Created);
        var customerId = await Scene.WalkIn(sc, "bj-haidian-vw", "孙悦", "haidian-sc1");
        var url = $"{Store}/deals/{await Scene.OpenDeal(sc, "bj-haidian-vw", customerId, "Passat", "380TSI Flagship", colour, 1_000m)}";
        Assert.Equal("Approved", (await (await sc.PostAsync($"{url}/submit", null)).Json(HttpStatusCode.OK)).GetProperty("status").GetString());
        await (await sc.PostAsync($"{url}/sign", null)).Json(HttpStatusCode.OK);
        var allocated = await (await sc.Post($"{url}/vehicle", new { vin })).Json(HttpStatusCode.OK);
        var due = allocated.GetProperty("figures").GetProperty("cashDue").GetDecimal();
        await (await cashier.Post($"{url}/payments", new { kind = "Payment", method = "BankTransfer", amount = due, reference = "TT 4401" })).Json(HttpStatusCode.OK);
        await (await cashier.PostAsync($"{url}/invoice", null)).Json(HttpStatusCode.OK);

        await Assertions.Expect(retail).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
    }
}
