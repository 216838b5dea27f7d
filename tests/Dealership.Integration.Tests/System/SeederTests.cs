using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class SeederTests(SystemFixture fixture)
{
    [Fact]
    public async Task The_demo_group_is_complete()
    {
        using var hq = fixture.A.Client(await fixture.A.SignIn("huaxia-hq"));
        var stores = await (await hq.GetAsync($"/api/groups/{Demo.Group}/stores")).Json(HttpStatusCode.OK);
        Assert.Equal(3, stores.GetArrayLength());
        Assert.Equal(2, stores.EnumerateArray().Select(s => s.GetProperty("profile").GetProperty("brand").GetString()).Distinct().Count());

        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var staff = await admin.All($"/api/groups/{Demo.Group}/staff");
        var roles = staff.EnumerateArray().Select(s => s.GetProperty("role").GetString()).Distinct().Count();
        Assert.Equal(12, roles);
        Assert.InRange(staff.GetArrayLength(), 30, 40);

        var vehicles = 0;
        var parts = 0;
        static string Spec(global::System.Text.Json.JsonElement e) =>
            $"{e.GetProperty("model").GetString()}|{e.GetProperty("trim").GetString()}|{e.GetProperty("colour").GetString()}".ToUpperInvariant();
        foreach (var store in new[] { Demo.Chaoyang, Demo.Haidian, Demo.Hexi })
        {
            // Demo VINs carry 'A' in position 4 (DemoGroup.MakeVin); cars that other tests receive into these stores do not.
            var demoCars = (await hq.All($"/api/stores/{store}/vehicles")).EnumerateArray().Where(v => v.GetProperty("vin").GetString()![3] == 'A').ToList();
            vehicles += demoCars.Count;
            parts += (await hq.All($"/api/stores/{store}/parts")).GetArrayLength();

            // Every demo car can be sold: its specification is priced, and its model has this month's rebate.
            var priced = (await hq.All($"/api/stores/{store}/price-book")).EnumerateArray().Select(p => Spec(p.GetProperty("entry"))).ToHashSet();
            Assert.All(demoCars, car => Assert.Contains(Spec(car), priced));
            var rebated = (await hq.All($"/api/stores/{store}/rebate-policies")).EnumerateArray()
                .Select(r => r.GetProperty("policy").GetProperty("model").GetString()).ToHashSet();
            Assert.All(demoCars, car => Assert.Contains(car.GetProperty("model").GetString(), rebated));
        }

        Assert.Equal(150, vehicles);
        Assert.Equal(300, parts);
    }

    [Fact]
    public async Task Seeding_again_writes_nothing_and_keeps_what_staff_changed()
    {
        // Staff change demo data between starts; the next start's seeding must neither fail nor undo it.
        using var planner = fixture.A.Client(await fixture.A.SignIn("hexi-parts"));
        var part = (await (await planner.GetAsync($"/api/stores/{Demo.Hexi}/parts")).Json(HttpStatusCode.OK)).GetProperty("items")[0];
        var number = part.GetProperty("partNumber").GetString();
        await (await planner.PutRaw($"/api/stores/{Demo.Hexi}/parts/{number}",
            $"{{\"description\": {part.GetProperty("description").GetRawText()}, \"bin\": \"Z-99\"}}")).Json(HttpStatusCode.OK);
        var before = await fixture.System.Database.StorageFingerprint();
        var seeder = await fixture.System.StartGateway(seedDemo: true);
        await seeder.Stop();
        Assert.Equal(before, await fixture.System.Database.StorageFingerprint());
        var after = await (await planner.GetAsync($"/api/stores/{Demo.Hexi}/parts/{number}")).Json(HttpStatusCode.OK);
        Assert.Equal("Z-99", after.GetProperty("bin").GetString());
    }
}
