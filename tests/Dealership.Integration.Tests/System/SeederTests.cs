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
        var group = await (await hq.GetAsync($"/api/groups/{Demo.Group}/stores")).Json(HttpStatusCode.OK);
        Assert.Equal(3, group.GetArrayLength());
        Assert.Equal(2, group.EnumerateArray().Select(s => s.GetProperty("profile").GetProperty("brand").GetString()).Distinct().Count());

        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var staff = await admin.All($"/api/groups/{Demo.Group}/staff");
        var roles = staff.EnumerateArray().Select(s => s.GetProperty("role").GetString()).Distinct().Count();
        Assert.Equal(12, roles);
        Assert.InRange(staff.GetArrayLength(), 38, 48); // 38 demo staff, and some other tests add

        // Demo VINs carry 'A' in position 4 and the seeding store's plant letter ('A' + its index) in position 11
        // (DemoGroup.MakeVin); cars other tests receive do not. A car other tests moved is on another store's list (on both while
        // in transfer), so cars are counted once by VIN and checked against the price book of the store that seeded them.
        var stores = new[] { Demo.Chaoyang, Demo.Haidian, Demo.Hexi };
        var demoCars = new Dictionary<string, global::System.Text.Json.JsonElement>();
        var parts = 0;
        var priced = new Dictionary<string, HashSet<string>>();
        var rebated = new Dictionary<string, HashSet<string?>>();
        static string Spec(global::System.Text.Json.JsonElement e) =>
            $"{e.GetProperty("model").GetString()}|{e.GetProperty("trim").GetString()}|{e.GetProperty("colour").GetString()}".ToUpperInvariant();
        foreach (var store in stores)
        {
            foreach (var car in (await hq.All($"/api/stores/{store}/vehicles")).EnumerateArray().Where(v => v.GetProperty("vin").GetString()![3] == 'A'))
            {
                demoCars[car.GetProperty("vin").GetString()!] = car;
            }

            // Demo part numbers are the store's WMI, four digits and three (DemoGroup.Parts); parts other tests add are not.
            parts += (await hq.All($"/api/stores/{store}/parts")).EnumerateArray()
                .Count(p => global::System.Text.RegularExpressions.Regex.IsMatch(p.GetProperty("partNumber").GetString()!, "^L[A-Z]{2}-[0-9]{4}-[0-9]{3}$"));
            priced[store] = (await hq.All($"/api/stores/{store}/price-book")).EnumerateArray().Select(p => Spec(p.GetProperty("entry"))).ToHashSet();
            rebated[store] = (await hq.All($"/api/stores/{store}/rebate-policies")).EnumerateArray()
                .Select(r => r.GetProperty("policy").GetProperty("model").GetString()).ToHashSet();
        }

        Assert.Equal(150, demoCars.Count);

        // Every demo car can be sold by the store that seeded it: its specification is priced, and its model has this month's rebate.
        Assert.All(demoCars, car =>
        {
            var seededBy = stores[car.Key[10] - 'A'];
            Assert.Contains(Spec(car.Value), priced[seededBy]);
            Assert.Contains(car.Value.GetProperty("model").GetString(), rebated[seededBy]);
        });
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
