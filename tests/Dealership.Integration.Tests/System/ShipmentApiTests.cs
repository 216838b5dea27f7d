using System.Net;
using Dealership.Contracts.Vehicles;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class ShipmentApiTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_clerk_receives_a_shipment_with_one_car_already_in_the_group_and_a_retry_receives_nothing_twice()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("hexi-clerk"));
        var stock = await clerk.All($"/api/stores/{Demo.Hexi}/vehicles?status=InStock");
        var alreadyHere = stock[0].GetProperty("vin").GetString()!;
        var fresh = Enumerable.Range(0, 2).Select(i =>
        {
            var body = $"LVGZZ92H0TZ{Random.Shared.Next(100_000, 999_999)}";
            return body[..8] + Vin.CheckDigit(body) + body[9..];
        }).ToArray();
        var number = $"GAC-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var shipment = new
        {
            shipmentNumber = number,
            lines = fresh.Append(alreadyHere).Select(vin => new
            {
                vin,
                model = "Corolla",
                trim = "1.2T Pioneer",
                colour = "Super White",
                cost = 96_000m,
                inspection = "Ok",
            }),
        };

        var received = await clerk.Post($"/api/stores/{Demo.Hexi}/shipments", shipment);
        Assert.Equal($"/api/stores/{Demo.Hexi}/shipments/{number}", received.Headers.Location?.OriginalString);
        var report = await received.Json(HttpStatusCode.Created);
        using var clerkOnB = fixture.B.Client(await fixture.B.SignIn("hexi-clerk"));
        var retry = await (await clerkOnB.Post($"/api/stores/{Demo.Hexi}/shipments", shipment)).Json(HttpStatusCode.Created);

        Assert.Equal(2, report.GetProperty("receivedCount").GetInt32());
        Assert.Equal("vin-exists", report.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("vin").GetString() == alreadyHere)
            .GetProperty("code").GetString());
        Assert.Equal(report.ToString(), retry.ToString());
        var after = await clerk.All($"/api/stores/{Demo.Hexi}/vehicles?status=InStock");
        Assert.All(fresh, vin => Assert.Single(after.EnumerateArray(), v => v.GetProperty("vin").GetString() == vin));
    }

    [Fact]
    public async Task One_mistyped_VIN_does_not_stop_the_truck()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("hexi-clerk"));
        var vins = Enumerable.Range(0, 3).Select(_ =>
        {
            var body = $"LVGZZ92H0TZ{Random.Shared.Next(100_000, 999_999)}";
            return body[..8] + Vin.CheckDigit(body) + body[9..];
        }).ToArray();
        vins[2] = vins[2][..8] + (vins[2][8] == '1' ? '2' : '1') + vins[2][9..];
        var lines = vins.Select(vin => new { vin, model = "Corolla", trim = "1.2T Pioneer", colour = "Super White", cost = 96_000m, inspection = "Ok" });

        var report = await (await clerk.Post($"/api/stores/{Demo.Hexi}/shipments", new { shipmentNumber = $"GAC-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), lines }))
            .Json(HttpStatusCode.Created);

        Assert.Equal((2, 1), (report.GetProperty("receivedCount").GetInt32(), report.GetProperty("refusedCount").GetInt32()));
        var refused = report.GetProperty("lines")[2];
        Assert.Equal((vins[2], "invalid-line"), (refused.GetProperty("vin").GetString(), refused.GetProperty("code").GetString()));

        // Every line wrong: 422 with each line's reason; a request without lines is malformed as a whole.
        var allWrong = await (await clerk.Post($"/api/stores/{Demo.Hexi}/shipments", new { shipmentNumber = "GAC-ALL-WRONG-1", lines = lines.Skip(2) }))
            .Problem((HttpStatusCode)422);
        Assert.Equal("shipment-refused", allWrong.GetProperty("code").GetString());
        Assert.True(allWrong.GetProperty("errors").TryGetProperty("lines[0].vin", out _));
        var empty = await (await clerk.Post($"/api/stores/{Demo.Hexi}/shipments", new { shipmentNumber = "GAC-EMPTY-1", lines = Array.Empty<object>() }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("lines", out _));
    }
}
