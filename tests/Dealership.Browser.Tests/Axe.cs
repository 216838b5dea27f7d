using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>A screen checked with axe as it stands: no serious or critical violation.</summary>
public static class Axe
{
    public static async Task NoSeriousViolations(IPage page, string screen)
    {
        // A colour mid-transition (a button just enabled fades from grey to its own over 250 ms) is no colour anyone reads: the
        // finite animations and transitions running now finish first, or axe measures white text on a passing grey.
        await page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
                .map(a => a.finished.catch(() => null)))
            """);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{screen}: {v.Id} ({v.Impact}) {v.Help} — {string.Join("; ", v.Nodes.Select(n => n.Html).Take(3))}").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }
}
