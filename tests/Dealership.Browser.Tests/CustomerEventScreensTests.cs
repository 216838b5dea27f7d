using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// A customer event through the screens, from set-up to the order it brought: the sales manager sets up a product show and invites
/// the prospects interested in its model, the consultant records the answer and checks the customer in at the door (a visit whose
/// source is the event), the customer signs, and the event's results count the order and its cost.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerEventScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-chaoyang-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task An_event_goes_from_invitation_to_check_in_and_the_order_that_follows_is_attributed_to_it()
    {
        // A prospect interested in the model the show is about (a name no other test uses, so the filter picks them alone).
        var model = $"途观L 活动{Guid.NewGuid():N}"[..14];
        using var sc = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        var entry = await (await sc.Post($"/api/stores/{Store}/showroom-register", new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "活动客户",
            mobile = $"1371{Random.Shared.Next(10_000_000):D7}",
            partySize = 1,
            consultantId = "chaoyang-sc1",
            grade = "A",
            modelOfInterest = model,
        })).Json(HttpStatusCode.Created);
        var customer = entry.GetProperty("customerId").GetString()!;

        // The sales manager sets the show up (an empty name is refused at its field) and invites by model of interest.
        var sm = await fixture.SignedInToApp("chaoyang-sm");
        await sm.GetByText("客户活动").First.ClickAsync();
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        await sm.Locator("#event-starts").FillAsync(now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await sm.Locator("#event-ends").FillAsync(now.AddHours(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await sm.Locator("#event-budget").FillAsync("30000");
        await sm.Locator("#event-models").FillAsync("Tiguan L");
        await sm.Locator("#create-event").ClickAsync();
        var nameField = sm.Locator("#event-name").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(nameField).ToContainTextAsync("is required");
        var name = $"品鉴会 {Guid.NewGuid():N}"[..12];
        await sm.Locator("#event-name").FillAsync(name);
        await sm.Locator("#create-event").ClickAsync();
        var row = sm.Locator("#events tr", new() { HasText = name });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Axe.NoSeriousViolations(sm, "customer events");
        await row.Locator(".open-event").ClickAsync();
        await Assertions.Expect(sm.Locator("#event-title")).ToHaveTextAsync(name);
        await sm.Locator("#invite-model-of-interest").FillAsync(model);
        await sm.Locator("#run-invite").ClickAsync();
        await Assertions.Expect(sm.Locator("#invite-run")).ToContainTextAsync("新增 1 人");
        var invitation = sm.Locator($"#invitations tr[data-customer='{customer}']");
        await Assertions.Expect(invitation).ToContainTextAsync("活动客户");
        var eventId = new Uri(sm.Url).Segments[^1];

        // The consultant calls (accepted), and checks the customer in when they come.
        var consultant = await fixture.SignedInToApp("chaoyang-sc1");
        await consultant.GotoAsync(consultant.Url[..consultant.Url.LastIndexOf('/')] + $"/events/{eventId}");
        var mine = consultant.Locator($"#invitations tr[data-customer='{customer}']");
        await mine.Locator(".answer-Accepted").ClickAsync();
        await Assertions.Expect(mine.Locator(".outcome")).ToContainTextAsync("接受");
        await mine.Locator(".check-in").ClickAsync();
        await Assertions.Expect(mine.Locator(".checked-in")).ToContainTextAsync("已签到");
        await Axe.NoSeriousViolations(consultant, "customer event");

        // The visit is in the day's register with the event as its source; then the customer signs.
        var register = await (await sc.GetAsync($"/api/stores/{Store}/showroom-register?limit=500")).Json(HttpStatusCode.OK);
        Assert.Contains(register.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("customerId").GetString() == customer && e.GetProperty("source").GetString() == "Event");
        using var manager = Gateway.Client(await Gateway.SignIn("chaoyang-sm"));
        var colour = $"活动蓝{Random.Shared.Next(100_000):D5}";
        await Scene.Price(manager, Store, "Tiguan L", "330TSI", colour, 219_800m, 200_000m);
        var dealId = await Scene.OpenDeal(sc, Store, customer, "Tiguan L", "330TSI", colour, 0m);
        await (await sc.PostAsync($"/api/stores/{Store}/deals/{dealId}/submit", null)).Json(HttpStatusCode.OK);
        await (await sc.PostAsync($"/api/stores/{Store}/deals/{dealId}/sign", null)).Json(HttpStatusCode.OK);

        // The manager's view of the show: one came, one order, the budget per order.
        await sm.ReloadAsync();
        await Assertions.Expect(sm.Locator("#event-results-line")).ToContainTextAsync("到场 1");
        await Assertions.Expect(sm.Locator("#event-results-line")).ToContainTextAsync("订单 1");
        await Assertions.Expect(sm.Locator("#event-cost-per-order")).ToHaveTextAsync("¥30,000.00");
        await Screenshots.Save(sm, "manager-event-results");
    }
}
