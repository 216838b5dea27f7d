using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>A screen checked with axe as it stands: no serious or critical violation.</summary>
public static class Axe
{
    public static async Task NoSeriousViolations(IPage page, string screen)
    {
        // The screen checked is the one in front, as a user sees it, in its colours at rest: transitions are switched off while
        // axe runs. A button just enabled fades from its disabled grey over 250 ms, and measured mid-fade it is white text on
        // a passing grey (seen twice in CI, on the fleet order's run button).
        await page.BringToFrontAsync();
        await page.EvaluateAsync("""
            () => {
                const style = document.createElement('style');
                style.id = 'axe-at-rest';
                style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
                document.head.appendChild(style);
                document.body.getBoundingClientRect(); // applies it now
            }
            """);
        var result = await page.RunAxe();
        await page.EvaluateAsync("() => document.getElementById('axe-at-rest')?.remove()");
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{screen}: {v.Id} ({v.Impact}) {v.Help} — {string.Join("; ", v.Nodes.Select(n => n.Html).Take(3))}").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }
}
