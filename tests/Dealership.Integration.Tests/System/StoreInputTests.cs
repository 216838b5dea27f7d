using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class StoreInputTests(SystemFixture fixture)
{
    [Theory]
    [InlineData("{\"vatRate\": \"thirteen\"}", "vatRate")]
    [InlineData("{\"vatRate\": 2}", "vatRate")]
    [InlineData("{\"pdiLeadTimeHours\": -1}", "pdiLeadTimeHours")]
    [InlineData("{\"pdiLeadTimeHours\": 0}", "pdiLeadTimeHours")]
    [InlineData("{\"consultantDiscountLimit\": 9000, \"managerDiscountLimit\": 100}", "managerDiscountLimit")]
    [InlineData("{\"weeklyReportDay\": \"Funday\"}", "weeklyReportDay")]
    [InlineData("{\"weeklyReportTime\": \"25:00\"}", "weeklyReportTime")]
    public async Task Bad_policies_get_400_naming_the_field_and_change_nothing(string body, string field)
    {
        using var gm = fixture.A.Client(await fixture.A.SignIn("haidian-gm"));
        var before = await fixture.System.Database.StorageFingerprint();

        var problem = await (await gm.PutRaw($"/api/stores/{Demo.Haidian}/policies", body)).Problem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await fixture.System.Database.StorageFingerprint());
    }

    [Theory]
    [InlineData("{\"name\": \"\", \"brand\": \"VW\", \"timeZoneId\": \"Asia/Shanghai\"}", "name")]
    [InlineData("{\"name\": \"X\", \"brand\": \"VW\", \"timeZoneId\": \"Mars/Base\"}", "timeZoneId")]
    [InlineData("{\"name\": \"X\", \"brand\": \"VW\"}", "timeZoneId")]
    public async Task Bad_profiles_get_400_naming_the_field_and_change_nothing(string body, string field)
    {
        using var gm = fixture.A.Client(await fixture.A.SignIn("haidian-gm"));
        var before = await fixture.System.Database.StorageFingerprint();

        var problem = await (await gm.PutRaw($"/api/stores/{Demo.Haidian}/profile", body)).Problem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await fixture.System.Database.StorageFingerprint());
    }

    [Fact]
    public async Task Opening_a_store_with_a_bad_time_zone_is_refused_and_no_store_appears()
    {
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var before = await fixture.System.Database.StorageFingerprint();
        var problem = await (await admin.PostRaw($"/api/groups/{Demo.Group}/stores",
                "{\"storeId\": \"sh-pudong-vw\", \"profile\": {\"name\": \"Pudong\", \"brand\": \"VW\", \"timeZoneId\": \"Nowhere/City\"}}"))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("profile.timeZoneId", out _), problem.ToString());
        Assert.Equal(before, await fixture.System.Database.StorageFingerprint());
    }

    [Fact]
    public async Task A_policy_change_is_kept_with_who_and_when()
    {
        using var gm = fixture.B.Client(await fixture.B.SignIn("hexi-gm"));
        var store = await (await gm.GetAsync($"/api/stores/{Demo.Hexi}")).Json(HttpStatusCode.OK);
        var policies = store.GetProperty("policies").ToString().Replace("\"pdiLeadTimeHours\":6", "\"pdiLeadTimeHours\":8", StringComparison.Ordinal);
        var updated = await (await gm.PutRaw($"/api/stores/{Demo.Hexi}/policies", policies)).Json(HttpStatusCode.OK);
        Assert.Equal(8, updated.GetProperty("policies").GetProperty("pdiLeadTimeHours").GetInt32());
        Assert.EndsWith("+08:00", updated.GetProperty("updatedAt").GetString());

        var history = await gm.All($"/api/stores/{Demo.Hexi}/history");
        Assert.StartsWith("hexi-gm", history[0].GetProperty("by").GetString());
        Assert.Contains("pdiLeadTimeHours 6 → 8", history[0].GetProperty("what").GetString());
    }

    [Fact]
    public async Task A_policy_update_changes_the_fields_it_sends_and_keeps_the_others()
    {
        using var gm = fixture.A.Client(await fixture.A.SignIn("hexi-gm"));
        var before = (await (await gm.GetAsync($"/api/stores/{Demo.Hexi}")).Json(HttpStatusCode.OK)).GetProperty("policies");

        var after = (await (await gm.PutRaw($"/api/stores/{Demo.Hexi}/policies", "{\"agedStockDays\": 120, \"followUpDaysC\": 21}"))
            .Json(HttpStatusCode.OK)).GetProperty("policies");

        Assert.Equal((120, 21), (after.GetProperty("agedStockDays").GetInt32(), after.GetProperty("followUpDaysC").GetInt32()));
        foreach (var kept in new[] { "vatRate", "consultantDiscountLimit", "managerDiscountLimit", "pdiLeadTimeHours", "weeklyReportTime", "loanDocuments" })
        {
            Assert.Equal(before.GetProperty(kept).ToString(), after.GetProperty(kept).ToString());
        }
    }
}
