using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>The parts planner's day through the API: a part's planning data, a receipt at cost, issues, and the review.</summary>
[Collection(SystemCollection.Name)]
public sealed class PartsPlanningApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Hexi}";

    [Fact]
    public async Task A_planner_sets_a_part_up_receives_it_at_cost_issues_it_and_reviews_the_store()
    {
        using var planner = fixture.A.Client(await fixture.A.SignIn("hexi-parts"));
        var number = $"90915-{Random.Shared.Next(10_000, 99_999)}";
        var created = await (await planner.Post($"{Store}/parts", new
        {
            partNumber = number,
            description = "Oil filter — Camry 2.5HEV",
            bin = "F-01",
            onHand = 2,
            cost = 31.5m,
            supplier = "GAC Toyota parts centre",
            leadTimeDays = 4,
            packSize = 10,
            minimum = 12,
            price = 58m,
        })).Json(HttpStatusCode.Created);
        Assert.Equal(31.5m, created.GetProperty("averageCost").GetDecimal());
        Assert.Equal(10, created.GetProperty("planning").GetProperty("packSize").GetInt32());

        // 2 at 31.50 and 8 at 34.00: (63 + 272) / 10 = 33.50.
        var received = await (await planner.Post($"{Store}/parts/{number}/movements", new { quantity = 8, reason = "Receipt", note = "GR 881", unitCost = 34m }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(33.5m, received.GetProperty("averageCost").GetDecimal());
        Assert.Equal(335m, received.GetProperty("stockValue").GetDecimal());
        await (await planner.Post($"{Store}/parts/{number}/movements", new { quantity = -3, reason = "CounterSale" })).Json(HttpStatusCode.OK);

        // A cost on an issue, a negative pack size, a planning without its lead time: each refused, naming the field.
        var costOnIssue = await (await planner.Post($"{Store}/parts/{number}/movements", new { quantity = -1, reason = "IssueToRepair", unitCost = 1m }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(costOnIssue.GetProperty("errors").TryGetProperty("unitCost", out _));
        var badPlanning = await (await planner.PutRaw($"{Store}/parts/{number}/planning", """{"packSize": -1, "minimum": 12, "price": 58}"""))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(badPlanning.GetProperty("errors").TryGetProperty("leadTimeDays", out _));
        Assert.True(badPlanning.GetProperty("errors").TryGetProperty("packSize", out _));

        // The part is new here: its minimum of 12 stands in; 7 on hand: order 5, in packs of 10 → 10.
        var review = await (await planner.GetAsync($"{Store}/parts-planning?toOrderOnly=true&limit=500")).Json(HttpStatusCode.OK);
        var line = review.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("partNumber").GetString() == number);
        Assert.Equal("ConfiguredMinimum", line.GetProperty("basis").GetString());
        Assert.Equal(12, line.GetProperty("reorderPoint").GetInt32());
        Assert.Equal(10, line.GetProperty("suggestedQuantity").GetInt32());
        Assert.Equal(335m, line.GetProperty("suggestedValue").GetDecimal());
        Assert.Equal(0.95m, review.GetProperty("serviceLevel").GetDecimal());

        // The planner changes the part's data: a pack of 4 and a minimum of 20 → 13 short → 16.
        await (await planner.PutRaw($"{Store}/parts/{number}/planning",
            """{"supplier": "Tianjin Fengtian Parts", "leadTimeDays": 2, "packSize": 4, "minimum": 20, "price": 60}""")).Json(HttpStatusCode.OK);
        var again = await (await planner.GetAsync($"{Store}/parts-planning?toOrderOnly=true&limit=500")).Json(HttpStatusCode.OK);
        Assert.Equal(16, again.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("partNumber").GetString() == number)
            .GetProperty("suggestedQuantity").GetInt32());

        // The service advisor holds 4 for a repair order: 7 on hand, 3 available; the review orders against what is free: 20 − 3 = 17 → 20.
        using var advisor = fixture.A.Client(await fixture.A.SignIn("hexi-advisor"));
        var held = await (await advisor.Post($"{Store}/parts/{number}/reservations", new { repairOrder = "RO-HX-0001", quantity = 4 })).Json(HttpStatusCode.OK);
        Assert.Equal(4, held.GetProperty("reserved").GetInt32());
        Assert.Equal(3, held.GetProperty("available").GetInt32());
        Assert.Equal("RO-HX-0001", held.GetProperty("reservations")[0].GetProperty("repairOrder").GetString());
        await (await advisor.Post($"{Store}/parts/{number}/reservations", new { repairOrder = "RO-HX-0002", quantity = 5 })).Problem((HttpStatusCode)422);
        var heldLine = (await (await planner.GetAsync($"{Store}/parts-planning?limit=500")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(l => l.GetProperty("partNumber").GetString() == number);
        Assert.Equal(4, heldLine.GetProperty("reserved").GetInt32());
        Assert.Equal(20, heldLine.GetProperty("suggestedQuantity").GetInt32());
        var released = await (await advisor.DeleteAsync($"{Store}/parts/{number}/reservations/RO-HX-0001")).Json(HttpStatusCode.OK);
        Assert.Equal(0, released.GetProperty("reserved").GetInt32());

        // A consultant of the store may not see the parts review.
        using var consultant = fixture.A.Client(await fixture.A.SignIn("hexi-sc1"));
        await (await consultant.GetAsync($"{Store}/parts-planning")).Problem(HttpStatusCode.Forbidden);
    }
}
