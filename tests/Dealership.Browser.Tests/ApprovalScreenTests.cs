using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>The approval queue: a deal beyond the consultant's discount limit shows with its reasons and is approved on screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApprovalScreenTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private const string Store = "/api/stores/bj-chaoyang-vw";

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_deal_awaiting_the_managers_approval_shows_why_and_is_approved_from_the_queue()
    {
        using var sm = Gateway.Client(await Gateway.SignIn("chaoyang-sm"));
        using var sc = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        var colour = $"Queue Grey {Guid.NewGuid():N}"[..20];
        await Scene.Price(sm, "bj-chaoyang-vw", "Tayron", "380TSI 4MOTION", colour, 259_900m, 241_000m);
        var customerId = await Scene.WalkIn(sc, "bj-chaoyang-vw", "周杰", "chaoyang-sc1");
        var dealId = await Scene.OpenDeal(sc, "bj-chaoyang-vw", customerId, "Tayron", "380TSI 4MOTION", colour, 8_000m);
        var submitted = await (await sc.PostAsync($"{Store}/deals/{dealId}/submit", null)).Json(HttpStatusCode.OK);
        Assert.Equal("PendingApproval", submitted.GetProperty("status").GetString());
        // The store's policy decides who approves (the manager, or the GM beyond the manager's limit): that one signs in.
        var approver = submitted.GetProperty("approval").GetProperty("tier").GetString() == "GeneralManager" ? "chaoyang-gm" : "chaoyang-sm";

        var page = await fixture.SignedInToApp(approver);
        await page.GetByText("审批").First.ClickAsync();

        var row = page.Locator($"#approvals tr[data-deal='{dealId}']");
        await Assertions.Expect(row).ToContainTextAsync("周杰");
        await Assertions.Expect(row.Locator(".reasons")).Not.ToBeEmptyAsync();
        await Assertions.Expect(row).ToContainTextAsync("¥8,000.00");
        await row.Locator("input.note").FillAsync("月底冲量");
        await Screenshots.Save(page, "manager-approvals");
        await row.Locator(".approve").ClickAsync();
        await Assertions.Expect(page.Locator("#decided")).ToContainTextAsync("周杰");
        await Assertions.Expect(row).ToHaveCountAsync(0);

        var approved = await (await sc.GetAsync($"{Store}/deals/{dealId}")).Json(HttpStatusCode.OK);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal("月底冲量", approved.GetProperty("approval").GetProperty("note").GetString());
    }
}
