using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>Screens saved as test artifacts (.test-data/screenshots), once Chinese text is known to render with a CJK font.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(Repo.Root, ".test-data", "screenshots");

    public static async Task Save(IPage page, string name)
    {
        // A page without a CJK font draws boxes: the artifact would show nothing a reviewer can read.
        Assert.True(await page.EvaluateAsync<bool>("() => document.fonts.check('16px \"Noto Sans CJK SC\"', '经销商')"),
            "Noto Sans CJK SC is not available to Chromium (./test.sh installs fonts-noto-cjk)");
        await page.BringToFrontAsync(); // a background tab of the shared profile may not have painted its latest state
        System.IO.Directory.CreateDirectory(Directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, $"{name}.png"), FullPage = true });
    }
}
