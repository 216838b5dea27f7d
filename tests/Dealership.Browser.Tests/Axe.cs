using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>A screen checked with axe as it stands: no serious or critical violation.</summary>
public static class Axe
{
    public static async Task NoSeriousViolations(IPage page, string screen)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{screen}: {v.Id} ({v.Impact}) {v.Help} — {string.Join("; ", v.Nodes.Select(n => n.Html).Take(3))}").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }
}
