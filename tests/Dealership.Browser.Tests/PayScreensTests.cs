using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// Consultants' pay through the screens: the sales manager writes a plan (a line that does not read is refused at its list),
/// previews it on last month and keeps it; a consultant sees their month as the API works it, and nobody else's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PayScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-chaoyang-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow.</summary>
    public async ValueTask DisposeAsync() => await fixture.Contract.AssertHeld();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_manager_previews_and_keeps_a_plan_and_a_consultant_sees_their_own_month()
    {
        var manager = await fixture.SignedInToApp("chaoyang-sm");
        await manager.GetByText("提成方案").First.ClickAsync();
        await manager.Locator("#pay-name").FillAsync("2027 新方案");
        var storeToday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        await manager.Locator("#pay-from").FillAsync(storeToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); // in force from the store's today
        await manager.Locator("#pay-per-unit").FillAsync("*, 300\nTayron, 五百");
        await manager.Locator("#preview-plan").ClickAsync();
        var field = manager.Locator("#pay-per-unit").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(field).ToContainTextAsync("格式不对");
        await manager.Locator("#pay-per-unit").FillAsync("*, 300\nTayron, 500");
        await manager.Locator("#pay-tiers").FillAsync("3, 100\n5, 250");
        await manager.Locator("#pay-spiffs").FillAsync("ID.4, 1000, 2027-01-01, 2027-01-15");
        await manager.Locator("#pay-multipliers").FillAsync("100, 1.1");
        await manager.Locator("#preview-plan").ClickAsync();
        await Assertions.Expect(manager.Locator("#plan-preview")).ToBeVisibleAsync();
        await manager.Locator("#save-plan-version").ClickAsync();
        await Assertions.Expect(manager.Locator("#plan-saved")).ToContainTextAsync("2027 新方案");
        await Assertions.Expect(manager.Locator("#plan-versions")).ToContainTextAsync("2027 新方案");
        await Axe.NoSeriousViolations(manager, "incentive plan");

        // The consultant's month on screen is the API's; another consultant's is refused.
        var month = storeToday.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var sc1 = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        const string me = "chaoyang-sc1"; // the demo's staff ids are their user names
        var other = await sc1.GetAsync($"/api/stores/{Store}/pay?consultantId=chaoyang-sc2&month={month}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var pay = await (await sc1.GetAsync($"/api/stores/{Store}/pay?consultantId={me}&month={month}")).Json(HttpStatusCode.OK);
        var consultant = await fixture.SignedInToApp("chaoyang-sc1");
        await consultant.GetByText("我的提成").First.ClickAsync();
        await Assertions.Expect(consultant.Locator("#pay-total")).ToContainTextAsync($"¥{pay.GetProperty("total").GetDecimal():N2}");
        await Assertions.Expect(consultant.Locator("#pay-lines tbody tr")).ToHaveCountAsync(pay.GetProperty("lines").GetArrayLength());
        await Axe.NoSeriousViolations(consultant, "my pay");
    }
}
