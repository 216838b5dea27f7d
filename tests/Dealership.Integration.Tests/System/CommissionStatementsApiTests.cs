using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;
using MiniExcelLibs;

namespace Dealership.Integration.Tests.System;

/// <summary>The payroll download's Summary sheet as payroll reads it.</summary>
public sealed class PayrollSummaryLine
{
    public string Consultant { get; set; } = "";
    public int Units { get; set; }
    public decimal Adjusted { get; set; }
    public decimal Total { get; set; }
}

/// <summary>A consultant's sheet of the payroll download.</summary>
public sealed class PayrollLine
{
    public string Kind { get; set; } = "";
    public string Deal { get; set; } = "";
    public decimal Worked { get; set; }
    public string AdjustmentReason { get; set; } = "";
    public decimal Line { get; set; }
}

/// <summary>
/// The month's commission statements through the API on PostgreSQL: bad input names its field and changes nothing, each step is
/// its role's, payroll waits for the approval and then downloads one sheet per consultant and a summary that say what the view
/// says; the unwind of a sale is the general manager's and needs a reason.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CommissionStatementsApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Hexi}";

    [Fact]
    public async Task A_month_is_adjusted_submitted_and_approved_by_its_roles_and_then_downloads_for_payroll()
    {
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var thisMonth = new DateOnly(local.Year, local.Month, 1);
        var last = thisMonth.AddMonths(-1);
        var month = last.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var group = await fixture.System.Database.Scalar<string>("SELECT group_id FROM vehicles WHERE store_id = @s LIMIT 1", ("s", Demo.Hexi));
        var deals = new List<string>();
        foreach (var (consultant, day) in new[] { ("hexi-sc1", 2), ("hexi-sc1", 15), ("hexi-sc2", 28) })
        {
            var deal = "dl" + Guid.NewGuid().ToString("N")[..16];
            deals.Add(deal);
            await fixture.System.Database.Scalar<int>(
                "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
                "with_finance, spec, at) VALUES (@g, @s, 'RetailSale', @d, @day, @c, 8000, false, false, false, 'Camry|2.5HEV Deluxe|Pure White', now()); SELECT 1",
                ("g", group), ("s", Demo.Hexi), ("d", deal), ("day", last.AddDays(day - 1)), ("c", consultant));
        }

        using var sm = fixture.A.Client(await fixture.A.SignIn("hexi-sm"));
        using var gm = fixture.B.Client(await fixture.B.SignIn("hexi-gm"));
        using var sc = fixture.A.Client(await fixture.A.SignIn("hexi-sc1"));
        var url = $"{Store}/commission-statements/{month}";

        // Bad input names its field; nothing is kept.
        var noReason = await (await sm.PostAsync($"{url}/adjustments", JsonContent.Create(new { dealId = deals[0], amount = 900m, reason = "" })))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var notASale = await (await sm.PostAsync($"{url}/adjustments", JsonContent.Create(new { dealId = "dl-nothing", amount = 900m, reason = "bonus" })))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(notASale.GetProperty("errors").TryGetProperty("dealId", out _));
        var badMonth = await (await sm.GetAsync($"{Store}/commission-statements/2026-13")).Problem(HttpStatusCode.BadRequest);
        Assert.True(badMonth.GetProperty("errors").TryGetProperty("month", out _));
        Assert.Equal(0L, await fixture.System.Database.Scalar<long>("SELECT count(*) FROM commission_adjustments WHERE store_id = @s", ("s", Demo.Hexi)));

        // Each step is its role's; payroll waits for the approval.
        await (await sc.PostAsync($"{url}/adjustments", JsonContent.Create(new { dealId = deals[0], amount = 9_000m, reason = "mine" }))).Problem(HttpStatusCode.Forbidden);
        await (await sm.GetAsync($"/api/stores/{Demo.Haidian}/commission-statements/{month}")).Problem(HttpStatusCode.Forbidden);
        var view = await (await sm.PostAsync($"{url}/adjustments", JsonContent.Create(new { dealId = deals[0], amount = 900m, reason = "shared with sc2" })))
            .Json(HttpStatusCode.OK);
        var mine = await (await sc.GetAsync(url)).Json(HttpStatusCode.OK);
        Assert.Equal("hexi-sc1", Assert.Single(mine.GetProperty("consultants").EnumerateArray()).GetProperty("consultantId").GetString());
        await (await sm.GetAsync($"{url}/payroll.xlsx")).Problem(HttpStatusCode.Conflict);
        await (await sm.PostAsync($"{url}/approve", null)).Problem(HttpStatusCode.Forbidden);
        await (await sm.PostAsync($"{url}/submit", null)).Json(HttpStatusCode.OK);
        await (await sm.PostAsync($"{url}/adjustments", JsonContent.Create(new { dealId = deals[1], amount = 1m, reason = "late" }))).Problem(HttpStatusCode.Conflict);
        var approved = await (await gm.PostAsync($"{url}/approve", null)).Json(HttpStatusCode.OK);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.StartsWith("hexi-gm", approved.GetProperty("approvedBy").GetString());

        // The download says what the view says: a Summary row and a sheet per consultant.
        var xlsx = await sm.GetAsync($"{url}/payroll.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var file = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var consultants = approved.GetProperty("consultants").EnumerateArray().ToList();
        Assert.Equal(["Summary", .. consultants.Select(c => c.GetProperty("consultantId").GetString()!)], MiniExcel.GetSheetNames(file));
        file.Position = 0;
        var summary = MiniExcel.Query<PayrollSummaryLine>(file, sheetName: "Summary", excelType: ExcelType.XLSX).ToList();
        foreach (var c in consultants)
        {
            var row = summary.Single(r => r.Consultant == c.GetProperty("consultantId").GetString());
            Assert.Equal((c.GetProperty("total").GetDecimal(), c.GetProperty("adjusted").GetDecimal()), (row.Total, row.Adjusted));
        }

        file.Position = 0;
        var sc1 = MiniExcel.Query<PayrollLine>(file, sheetName: "hexi-sc1", excelType: ExcelType.XLSX).ToList();
        Assert.Equal(deals[..2].Order(), sc1.Select(l => l.Deal).Order());
        var adjusted = sc1.Single(l => l.Deal == deals[0]);
        Assert.Equal((900m, "shared with sc2"), (adjusted.Line, adjusted.AdjustmentReason));
        Assert.Equal(view.GetProperty("total").GetDecimal(), approved.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Unwinding_a_sale_is_the_general_managers_and_needs_a_reason()
    {
        using var sm = fixture.A.Client(await fixture.A.SignIn("hexi-sm"));
        using var gm = fixture.B.Client(await fixture.B.SignIn("hexi-gm"));
        var deal = $"{Store}/deals/dl0000000000000000";
        await (await sm.PostAsync($"{deal}/unwind", JsonContent.Create(new { reason = "customer returned it" }))).Problem(HttpStatusCode.Forbidden);
        var bad = await (await gm.PostAsync($"{deal}/unwind", JsonContent.Create(new { reason = " " }))).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("reason", out _));
        await (await gm.PostAsync($"{deal}/unwind", JsonContent.Create(new { reason = "customer returned it" }))).Problem(HttpStatusCode.NotFound);
    }
}
