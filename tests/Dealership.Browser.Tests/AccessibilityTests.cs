using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>The staff app's screens checked with axe: no serious or critical violation, in Chinese as staff first see them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private static Task NoSeriousViolations(IPage page, string screen) => Axe.NoSeriousViolations(page, screen);

    [Fact]
    public async Task The_sign_in_page_and_each_roles_screens_have_no_serious_or_critical_violations()
    {
        var context = await fixture.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.Gateway.BaseAddress}app/");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await NoSeriousViolations(page, "sign-in");

        await page.Locator("#username").FillAsync("chaoyang-sc1");
        await page.Locator("#password").FillAsync("demo-password-2026");
        await page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#follow-ups, #no-follow-ups")).ToBeVisibleAsync();
        await NoSeriousViolations(page, "my day");

        await page.GotoAsync($"{fixture.Gateway.BaseAddress}app/log-visit");
        await Assertions.Expect(page.Locator("#log")).ToBeVisibleAsync();
        await NoSeriousViolations(page, "log a visit");

        var manager = await fixture.SignedInToApp("chaoyang-sm");
        await Assertions.Expect(manager.Locator("#sales-numbers")).ToBeVisibleAsync();
        await NoSeriousViolations(manager, "sales desk");
        await manager.GotoAsync($"{fixture.Gateway.BaseAddress}app/approvals");
        await Assertions.Expect(manager.Locator("#approvals, #no-approvals").First).ToBeVisibleAsync();
        await NoSeriousViolations(manager, "approvals");
        await manager.GotoAsync($"{fixture.Gateway.BaseAddress}app/monthly-analysis");
        await Assertions.Expect(manager.Locator("#stock-days")).ToBeVisibleAsync();
        await NoSeriousViolations(manager, "monthly analysis");
        await manager.GotoAsync($"{fixture.Gateway.BaseAddress}app/month-end");
        await Assertions.Expect(manager.Locator("#ledger")).ToBeVisibleAsync();
        await NoSeriousViolations(manager, "month-end summary");
    }
}
