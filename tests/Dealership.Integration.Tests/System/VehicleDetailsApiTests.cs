using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class VehicleDetailsApiTests(SystemFixture fixture)
{
    [Fact]
    public async Task Details_left_out_of_a_put_are_refused_not_reset()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("hexi-clerk"));
        var car = (await clerk.All($"/api/stores/{Demo.Hexi}/vehicles?status=InStock")).EnumerateArray().First();
        var url = $"/api/stores/{Demo.Hexi}/vehicles/{car.GetProperty("vin").GetString()}";
        var placed = await (await clerk.PutRaw($"{url}/details", """{"demo": false, "certificate": "InSafe"}""")).Json(HttpStatusCode.OK);
        Assert.Equal("InSafe", placed.GetProperty("certificate").GetString());

        // Until this was refused, a PUT naming only the demo flag put the certificate back to NotYetReceived.
        var refused = await (await clerk.PutRaw($"{url}/details", """{"demo": true}""")).Problem(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("certificate", out _));
        var refusedDemo = await (await clerk.PutRaw($"{url}/details", """{"certificate": "InSafe"}""")).Problem(HttpStatusCode.BadRequest);
        Assert.True(refusedDemo.GetProperty("errors").TryGetProperty("demo", out _));

        var after = await (await clerk.GetAsync(url)).Json(HttpStatusCode.OK);
        Assert.Equal("InSafe", after.GetProperty("certificate").GetString());
        Assert.False(after.GetProperty("demo").GetBoolean());
    }
}
