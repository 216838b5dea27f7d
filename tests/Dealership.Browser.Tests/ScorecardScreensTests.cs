using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// Scorecards through the screens: the sales manager reads last month's, reviews a consultant (a review without comments is refused
/// at its field) and sees the headcount plan the API works; the consultant sees only their own scorecard and acknowledges the review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScorecardScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-haidian-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    [Fact]
    public async Task The_manager_reviews_last_month_and_the_consultant_acknowledges_it()
    {
        var storeToday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var last = new DateOnly(storeToday.Year, storeToday.Month, 1).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var manager = await fixture.SignedInToApp("haidian-sm");
        await manager.GetByText("绩效考核").First.ClickAsync();
        await Assertions.Expect(manager.Locator("#period")).ToHaveValueAsync(last);
        var row = manager.Locator("#scorecards tr[data-consultant='haidian-sc1']");
        await row.Locator(".review-consultant").ClickAsync();
        await manager.Locator("#review-rating").SelectOptionAsync("5");
        await manager.Locator("#save-review").ClickAsync(); // no comments: refused at the field
        var comments = manager.Locator("#review-comments").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(comments).ToContainTextAsync("required");
        await manager.Locator("#review-comments").FillAsync("接待认真，回访及时；下月多做试驾。");
        await manager.Locator("#save-review").ClickAsync();
        await Assertions.Expect(row.Locator(".rating")).ToHaveTextAsync("5/5");
        await Assertions.Expect(manager.Locator(".review[data-consultant='haidian-sc1']")).ToContainTextAsync("下月多做试驾");

        using var sm = fixture.Gateway.Client(await fixture.Gateway.SignIn("haidian-sm"));
        var plan = await (await sm.GetAsync($"/api/stores/{Store}/headcount-plan")).Json(HttpStatusCode.OK);
        await Assertions.Expect(manager.Locator("#headcount")).ToContainTextAsync($"现有 {plan.GetProperty("roster").GetInt32()} 人");
        await Axe.NoSeriousViolations(manager, "scorecards");

        var consultant = await fixture.SignedInToApp("haidian-sc1");
        await consultant.GetByText("我的考核").First.ClickAsync();
        await Assertions.Expect(consultant.Locator("#scorecards tbody tr")).ToHaveCountAsync(1); // their own only
        await consultant.Locator("#ack-comment").FillAsync("同意，下月加强试驾邀约。");
        await consultant.Locator("#acknowledge-review").ClickAsync();
        await Assertions.Expect(consultant.Locator(".review[data-consultant='haidian-sc1'] .acknowledged")).ToContainTextAsync("加强试驾邀约");
        await Assertions.Expect(consultant.Locator("#acknowledge-review")).ToHaveCountAsync(0);
    }
}
