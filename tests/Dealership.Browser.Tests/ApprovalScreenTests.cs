using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>The approval queue: a deal beyond the consultant's discount limit shows with its reasons and is approved on screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApprovalScreenTests(BrowserFixture fixture)
{
    private const string Store = "/api/stores/bj-chaoyang-vw";

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_deal_awaiting_the_managers_approval_shows_why_and_is_approved_from_the_queue()
    {
        using var sm = Gateway.Client(await Gateway.SignIn("chaoyang-sm"));
        using var sc = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        var colour = $"Queue Grey {Guid.NewGuid():N}"[..20];
        await (await sm.PutAsync($"{Store}/price-book", JsonContent.Create(new
        {
            model = "Tayron",
            trim = "380TSI 4MOTION",
            colour,
            listPrice = 259_900m,
            guidePrice = 252_000m,
            cost = 241_000m,
        }))).Json(HttpStatusCode.OK);
        var entry = await (await sc.Post($"{Store}/showroom-register", new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "周杰",
            mobile = $"1371{Environment.ProcessId % 1000:D3}{Random.Shared.Next(10_000):D4}",
            partySize = 2,
            consultantId = "chaoyang-sc1",
            grade = "H",
        })).Json(HttpStatusCode.Created);
        var deal = await (await sc.Post($"{Store}/deals", new
        {
            customerId = entry.GetProperty("customerId").GetString(),
            terms = new { model = "Tayron", trim = "380TSI 4MOTION", colour, discount = 8_000m, depositKind = "Binding" },
        })).Json(HttpStatusCode.Created);
        var dealId = deal.GetProperty("dealId").GetString()!;
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
