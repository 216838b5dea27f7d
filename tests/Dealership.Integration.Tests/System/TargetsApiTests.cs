using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// Targets through the API on PostgreSQL (contract-checked): group HQ sets a store's year, the sales manager splits it into months
/// and consultants (splits that do not add up are refused naming the field), the clerk's OEM proposal reads the month's target,
/// and group HQ's rollup shows every store while store staff are refused it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TargetsApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Hexi}";

    private static readonly decimal[] Seasons = [7m, 6m, 8m, 8m, 8m, 8m, 8m, 8m, 9m, 9m, 10m, 11m];

    [Fact]
    public async Task Hq_sets_the_year_the_sales_manager_splits_it_the_oem_proposal_reads_it_and_hq_sees_every_store()
    {
        using var hq = fixture.A.Client(await fixture.A.SignIn("huaxia-hq"));
        using var sm = fixture.B.Client(await fixture.B.SignIn("hexi-sm"));
        using var sc = fixture.A.Client(await fixture.A.SignIn("hexi-sc1"));
        using var clerk = fixture.B.Client(await fixture.B.SignIn("hexi-clerk"));
        using var gm = fixture.A.Client(await fixture.A.SignIn("hexi-gm"));

        // The year of next month: the OEM order drafted now is for it.
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var next = new DateOnly(local.Year, local.Month, 1).AddMonths(1);
        var year = $"{Store}/targets/{next.Year}";

        await (await sm.Put(year, new { units = 600, grossProfit = 6_000_000m })).Problem(HttpStatusCode.Forbidden);
        var set = await (await hq.Put(year, new { units = 600, grossProfit = 6_000_000m, lines = new[] { new { model = "Camry", units = 250, grossProfit = 2_500_000m } } }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(600, set.GetProperty("annual").GetProperty("units").GetInt32());

        var over = await (await sm.Put($"{year}/months", new { weights = Seasons.Select(w => w + 1m) })).Problem(HttpStatusCode.BadRequest);
        Assert.True(over.GetProperty("errors").TryGetProperty("weights", out _));
        var plan = await (await sm.Put($"{year}/months", new { weights = Seasons })).Json(HttpStatusCode.OK);
        Assert.Equal(0, plan.GetProperty("unallocatedUnits").GetInt32());
        var month = plan.GetProperty("months")[next.Month - 1];
        var monthUnits = month.GetProperty("units").GetInt32();
        Assert.Equal(600, plan.GetProperty("months").EnumerateArray().Sum(m => m.GetProperty("units").GetInt32()));

        var consultants = $"{year}/months/{next.Month}/consultants";
        var tooMany = await (await sm.Put(consultants, new { consultants = new[] { new { consultantId = "hexi-sc1", units = monthUnits + 1, grossProfit = 0m } } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("consultants", out _));
        plan = await (await sm.Put(consultants, new
        {
            consultants = new[] { new { consultantId = "hexi-sc1", units = monthUnits / 2, grossProfit = 100_000m }, new { consultantId = "hexi-sc2", units = 5, grossProfit = 50_000m } },
        })).Json(HttpStatusCode.OK);
        Assert.Equal(monthUnits - (monthUnits / 2) - 5, plan.GetProperty("months")[next.Month - 1].GetProperty("unallocatedUnits").GetInt32());
        await (await sc.Put(consultants, new { consultants = Array.Empty<object>() })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(plan.GetProperty("revision").GetInt32(), (await (await sc.GetAsync(year)).Json(HttpStatusCode.OK)).GetProperty("revision").GetInt32());

        // The clerk's proposal for next month without a target typed in: the month's target.
        var proposal = await (await clerk.Post($"{Store}/oem-orders/{next:yyyy-MM}/proposal", new { })).Json(HttpStatusCode.OK);
        Assert.Equal(monthUnits, proposal.GetProperty("targetUnits").GetInt32());

        var progress = await (await sm.GetAsync($"{Store}/target-progress?month={next:yyyy-MM}")).Json(HttpStatusCode.OK);
        Assert.Equal((monthUnits, 0m), (progress.GetProperty("store").GetProperty("targetUnits").GetInt32(), progress.GetProperty("timeGone").GetDecimal()));
        await (await sm.GetAsync($"{Store}/target-progress?month=2026-13")).Problem(HttpStatusCode.BadRequest);

        var rollup = await (await hq.GetAsync($"/api/groups/{Demo.Group}/rollup")).Json(HttpStatusCode.OK);
        Assert.Equal(3, rollup.GetProperty("stores").GetArrayLength());
        Assert.Equal([1, 2, 3], rollup.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("rank").GetInt32()));
        Assert.Equal(local.ToString("yyyy-MM", CultureInfo.InvariantCulture), rollup.GetProperty("stores")[0].GetProperty("summary").GetProperty("month").GetString());
        await (await gm.GetAsync($"/api/groups/{Demo.Group}/rollup")).Problem(HttpStatusCode.Forbidden);
        var summary = await (await gm.GetAsync($"{Store}/summary")).Json(HttpStatusCode.OK);
        Assert.Equal(Demo.Hexi, summary.GetProperty("storeId").GetString());
    }

    [Fact]
    public async Task The_daily_report_downloads_open_and_say_what_the_view_says()
    {
        using var gm = fixture.A.Client(await fixture.A.SignIn("hexi-gm"));
        using var sc = fixture.B.Client(await fixture.B.SignIn("hexi-sc1"));

        var view = await (await gm.GetAsync($"{Store}/daily-report")).Json(HttpStatusCode.OK);
        var csv = await gm.GetAsync($"{Store}/daily-report.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var csvRows = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.TrimEnd('\r').Split(','))
            .ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : "");
        await using var xlsx = await (await gm.GetAsync($"{Store}/daily-report.xlsx")).Content.ReadAsStreamAsync();
        using var copy = new MemoryStream();
        await xlsx.CopyToAsync(copy);
        copy.Position = 0;
        var sheet = MiniExcelLibs.MiniExcel.Query<SummaryLine>(copy, sheetName: "Summary", excelType: MiniExcelLibs.ExcelType.XLSX)
            .ToDictionary(r => r.Figure, r => r.Value);

        Assert.Equal(csvRows, sheet);
        Assert.Equal(view.GetProperty("date").GetString(), sheet["Date"]);
        Assert.Equal(view.GetProperty("today").GetProperty("visits").GetInt32().ToString(CultureInfo.InvariantCulture), sheet["TodayVisits"]);
        Assert.Equal(view.GetProperty("monthToDate").GetProperty("retailSales").GetInt32().ToString(CultureInfo.InvariantCulture), sheet["MonthToDateRetailSales"]);
        Assert.Equal(view.GetProperty("target").GetProperty("targetUnits").GetInt32().ToString(CultureInfo.InvariantCulture), sheet["TargetUnits"]);
        Assert.Equal(view.GetProperty("agedStock").GetInt32().ToString(CultureInfo.InvariantCulture), sheet["AgedStock"]);
        Assert.True(view.GetProperty("target").GetProperty("targetUnits").GetInt32() > 0); // the demo's year, split by season

        await (await sc.GetAsync($"{Store}/daily-report")).Problem(HttpStatusCode.Forbidden);
        await (await gm.GetAsync($"{Store}/daily-report?date=2026-02-30")).Problem(HttpStatusCode.BadRequest);
    }
}
