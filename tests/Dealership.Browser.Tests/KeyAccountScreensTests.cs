using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// Key accounts through the screens: the sales manager opens a company customer (a credit code whose check character is wrong is
/// refused at its field), sees it in the list, and changes its terms; a consultant reads the list but has no form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyAccountScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    [Fact]
    public async Task The_manager_opens_a_key_account_and_changes_its_terms()
    {
        var manager = await fixture.SignedInToApp("haidian-sm");
        await manager.GetByText("大客户").First.ClickAsync();
        await manager.Locator("#account-name").FillAsync("北京城市出行科技有限公司");
        await manager.Locator("#account-credit-code").FillAsync("91350100M000100Y44");
        await manager.Locator("#account-address").FillAsync("北京市海淀区中关村大街 27 号");
        await manager.Locator("#account-contacts").FillAsync("赵敏, 行政总监, 13800000003");
        await manager.Locator("#account-prices").FillAsync("Passat, 380TSI Flagship, 199000\nLavida, 1.5L Comfort, 92000");
        await manager.Locator("#account-credit-limit").FillAsync("2000000");
        await manager.Locator("#save-account").ClickAsync();
        var code = manager.Locator("#account-credit-code").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(code).ToContainTextAsync("check character");

        await manager.Locator("#account-credit-code").FillAsync("91350100M000100Y43");
        await manager.Locator("#save-account").ClickAsync();
        await Assertions.Expect(manager.Locator("#account-saved")).ToContainTextAsync("北京城市出行科技有限公司");
        var row = manager.Locator("#key-accounts tr", new() { HasText = "北京城市出行科技有限公司" });
        await Assertions.Expect(row).ToContainTextAsync("¥2,000,000.00");
        await Assertions.Expect(row).ToContainTextAsync("2"); // agreed prices

        await row.Locator(".edit-account").ClickAsync();
        await Assertions.Expect(manager.Locator("#account-prices")).ToHaveValueAsync("Lavida, 1.5L Comfort, 92000\nPassat, 380TSI Flagship, 199000");
        await manager.Locator("#account-credit-limit").FillAsync("2500000");
        await manager.Locator("#save-account").ClickAsync();
        await Assertions.Expect(manager.Locator("#account-saved")).ToContainTextAsync("第 2 版");
        await Assertions.Expect(row).ToContainTextAsync("¥2,500,000.00");
        await Axe.NoSeriousViolations(manager, "key accounts");

        var consultant = await fixture.SignedInToApp("haidian-sc1");
        await consultant.GotoAsync($"{fixture.Gateway.BaseAddress}app/key-accounts");
        await Assertions.Expect(consultant.Locator("#key-accounts")).ToContainTextAsync("北京城市出行科技有限公司");
        await Assertions.Expect(consultant.Locator("#account-form")).ToHaveCountAsync(0);
    }
}
