using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>Driving MudBlazor's own controls as a user does.</summary>
public static class Mud
{
    /// <summary>Opens the select whose input has <paramref name="selectId"/> and picks the option that contains <paramref name="text"/>.</summary>
    public static async Task Pick(IPage page, string selectId, string text)
    {
        // The select's own input is hidden: the field around it opens the list.
        await page.Locator($"#{selectId}").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First.ClickAsync();
    }
}
