using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class TransferApiTests(SystemFixture fixture)
{
    [Fact]
    public async Task Haidian_asks_Chaoyang_for_a_car_Chaoyang_approves_Haidian_receives_and_the_car_is_on_one_list()
    {
        using var haidian = fixture.A.Client(await fixture.A.SignIn("haidian-clerk"));
        using var chaoyang = fixture.B.Client(await fixture.B.SignIn("chaoyang-sm"));
        var inStock = await chaoyang.All($"/api/stores/{Demo.Chaoyang}/vehicles?status=InStock");
        // A model both stores sell (Haidian prices Tiguan L too), as a store would ask for: it can sell the car once it arrives.
        var vin = inStock.EnumerateArray().Last(v => v.GetProperty("model").GetString() == "Tiguan L").GetProperty("vin").GetString()!;
        var key = Guid.NewGuid().ToString();

        var requested = await (await haidian.Post($"/api/stores/{Demo.Haidian}/transfers", new { vin, fromStoreId = Demo.Chaoyang }, key))
            .Json(HttpStatusCode.Created);
        var retried = await (await haidian.Post($"/api/stores/{Demo.Haidian}/transfers", new { vin, fromStoreId = Demo.Chaoyang }, key))
            .Json(HttpStatusCode.Created);
        var id = requested.GetProperty("transferId").GetString();
        Assert.Equal(id, retried.GetProperty("transferId").GetString());

        // The receiving store cannot approve its own request; the sending store's manager does.
        await (await haidian.PostAsync($"/api/stores/{Demo.Haidian}/transfers/{id}/approve", null)).Problem(HttpStatusCode.Forbidden);
        var approved = await (await chaoyang.PostAsync($"/api/stores/{Demo.Chaoyang}/transfers/{id}/approve", null)).Json(HttpStatusCode.OK);
        Assert.Equal("InTransit", approved.GetProperty("status").GetString());
        var received = await (await haidian.PostAsync($"/api/stores/{Demo.Haidian}/transfers/{id}/receive", null)).Json(HttpStatusCode.OK);
        Assert.Equal("Received", received.GetProperty("status").GetString());

        var haidianList = await haidian.All($"/api/stores/{Demo.Haidian}/vehicles");
        var chaoyangList = await chaoyang.All($"/api/stores/{Demo.Chaoyang}/vehicles");
        Assert.Single(haidianList.EnumerateArray(), v => v.GetProperty("vin").GetString() == vin);
        Assert.DoesNotContain(chaoyangList.EnumerateArray(), v => v.GetProperty("vin").GetString() == vin);
        await (await chaoyang.GetAsync($"/api/stores/{Demo.Chaoyang}/vehicles/{vin}")).Problem(HttpStatusCode.NotFound);
    }
}
