using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>Scorecards, reviews and the headcount plan through the API: bad input names its field and changes nothing; roles and stores hold.</summary>
[Collection(SystemCollection.Name)]
public sealed class PerformanceApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Hexi}";

    [Fact]
    public async Task Scorecards_refuse_bad_periods_other_stores_and_the_wrong_roles()
    {
        using var sm = fixture.A.Client(await fixture.A.SignIn("hexi-sm"));
        using var sc = fixture.B.Client(await fixture.B.SignIn("hexi-sc2"));

        var cards = await (await sm.GetAsync($"{Store}/scorecards")).Json(HttpStatusCode.OK);
        Assert.True(cards.GetProperty("ended").GetBoolean()); // last month by default
        Assert.Contains(cards.GetProperty("consultants").EnumerateArray(), c => c.GetProperty("consultantId").GetString() == "hexi-sc1");
        var mine = await (await sc.GetAsync($"{Store}/scorecards")).Json(HttpStatusCode.OK);
        Assert.Equal("hexi-sc2", Assert.Single(mine.GetProperty("consultants").EnumerateArray()).GetProperty("consultantId").GetString());

        var badPeriod = await (await sm.GetAsync($"{Store}/scorecards?period=2026-Q7")).Problem(HttpStatusCode.BadRequest);
        Assert.True(badPeriod.GetProperty("errors").TryGetProperty("period", out _));
        var period = cards.GetProperty("period").GetString();
        var badReview = await (await sm.PutAsync($"{Store}/scorecards/{period}/reviews/hexi-sc1", JsonContent.Create(new { rating = 0, comments = "" })))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(badReview.GetProperty("errors").TryGetProperty("rating", out _));
        Assert.True(badReview.GetProperty("errors").TryGetProperty("comments", out _));
        await (await sc.PutAsync($"{Store}/scorecards/{period}/reviews/hexi-sc2", JsonContent.Create(new { rating = 5, comments = "me" })))
            .Problem(HttpStatusCode.Forbidden);
        await (await sm.PutAsync($"{Store}/scorecards/{period}/reviews/nobody-here", JsonContent.Create(new { rating = 3, comments = "who?" })))
            .Problem(HttpStatusCode.NotFound);
        await (await sc.PostAsync($"{Store}/scorecards/{period}/acknowledgement", JsonContent.Create(new { comment = "ok" }))).Problem(HttpStatusCode.Conflict);
        await (await sm.GetAsync($"/api/stores/{Demo.Haidian}/scorecards")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(0L, await fixture.System.Database.Scalar<long>("SELECT count(*) FROM performance_reviews WHERE store_id = @s", ("s", Demo.Hexi)));

        var plan = await (await sm.GetAsync($"{Store}/headcount-plan")).Json(HttpStatusCode.OK);
        Assert.True(plan.GetProperty("roster").GetInt32() >= 2); // the demo's two consultants at least
        var badYear = await (await sm.GetAsync($"{Store}/headcount-plan?year=1999")).Problem(HttpStatusCode.BadRequest);
        Assert.True(badYear.GetProperty("errors").TryGetProperty("year", out _));
        await (await sc.GetAsync($"{Store}/headcount-plan")).Problem(HttpStatusCode.Forbidden);
    }
}
