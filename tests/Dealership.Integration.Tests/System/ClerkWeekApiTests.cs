using System.Net;
using System.Text.Json;
using CsvHelper;
using Dealership.Integration.Tests.Infrastructure;
using MiniExcelLibs;

namespace Dealership.Integration.Tests.System;

/// <summary>The downloads as a consumer reads them: the documented columns, nothing from the gateway's own code.</summary>
[CsvRecord]
public sealed partial class StockLine
{
    public string Vin { get; set; } = "";
    public string Model { get; set; } = "";
    public string Trim { get; set; } = "";
    public string Colour { get; set; } = "";
    public string Status { get; set; } = "";
    public bool Demo { get; set; }
    public int? DaysInStock { get; set; }
    public bool Aged { get; set; }
    public string Certificate { get; set; } = "";
    public string FloorPlanLender { get; set; } = "";
    public string FloorPlanDue { get; set; } = "";
    public bool FloorPlanOverdue { get; set; }
}

[CsvRecord]
public sealed partial class SummaryLine
{
    public string Figure { get; set; } = "";
    public string Value { get; set; } = "";
}

[CsvRecord]
public sealed partial class OemLine
{
    public string StoreId { get; set; } = "";
    public string Month { get; set; } = "";
    public string Model { get; set; } = "";
    public string Trim { get; set; } = "";
    public string Colour { get; set; } = "";
    public int Quantity { get; set; }
    public string ApprovedBy { get; set; } = "";
    public string ApprovedAt { get; set; } = "";
    public string Digest { get; set; } = "";
    public string Seal { get; set; } = "";
}

/// <summary>A sales information clerk's week through the API on PostgreSQL: the stock list and ledger, the weekly report, the OEM order.</summary>
[Collection(SystemCollection.Name)]
public sealed class ClerkWeekApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Haidian}";

    private static List<T> Csv<T>(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), null, leaveOpen: false);
        return reader.GetRecords<T>().ToList();
    }

    [Fact]
    public async Task The_store_calendar_is_a_reminder_row_in_PostgreSQL_so_it_survives_restarts()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("hexi-clerk"));
        await (await clerk.PostAsync($"/api/stores/{Demo.Hexi}/weekly-reports/prepare", null)).Json(HttpStatusCode.OK);

        // The next wake-up is booked as a row, not as a timer in one silo's memory.
        var rows = await fixture.System.Database.Scalar<long>(
            "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'store-calendar' AND grainid LIKE @grain",
            ("grain", $"%store/{Demo.Hexi}"));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task The_stock_list_agrees_with_the_ledger_and_filters_by_demo_and_status()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("haidian-clerk"));
        var stock = await (await clerk.GetAsync($"{Store}/stock?limit=500")).Json(HttpStatusCode.OK);
        var figures = stock.GetProperty("figures");
        Assert.True(figures.GetProperty("inStock").GetInt32() > 0);
        Assert.Equal(figures.GetProperty("inStock").GetInt32(), figures.GetProperty("onHandByLedger").GetInt32());

        var demo = await (await clerk.GetAsync($"{Store}/stock?demo=true&limit=500")).Json(HttpStatusCode.OK);
        Assert.NotEmpty(demo.GetProperty("rows").EnumerateArray());
        Assert.All(demo.GetProperty("rows").EnumerateArray(), r => Assert.True(r.GetProperty("demo").GetBoolean()));
        var transit = await (await clerk.GetAsync($"{Store}/stock?status=InTransit&limit=500")).Json(HttpStatusCode.OK);
        Assert.All(transit.GetProperty("rows").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("daysInStock").ValueKind));

        var vin = stock.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("daysInStock").ValueKind == JsonValueKind.Number).GetProperty("vin").GetString();
        var lines = await clerk.All($"{Store}/stock-ledger?vin={vin}");
        Assert.Equal("Receipt", lines[0].GetProperty("type").GetString());
        await (await clerk.Post($"{Store}/stock-ledger/corrections", new { vin, quantity = 1, reason = "counted twice" })).Problem(HttpStatusCode.Conflict);
        await (await clerk.GetAsync($"{Store}/stock?minDays=-1")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_clerk_prepares_reviews_and_submits_the_weekly_report_and_its_downloads_parse_back_into_the_same_rows()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("haidian-clerk"));
        using var manager = fixture.B.Client(await fixture.B.SignIn("haidian-sm"));
        var draft = await (await clerk.PostAsync($"{Store}/weekly-reports/prepare", null)).Json(HttpStatusCode.OK);
        var week = draft.GetProperty("week").GetString()!;
        var url = $"{Store}/weekly-reports/{week}";
        Assert.Equal("Friday", DateTimeOffset.Parse(draft.GetProperty("deadline").GetString()!).DayOfWeek.ToString());
        Assert.EndsWith("+08:00", draft.GetProperty("deadline").GetString());

        // The week may be named: the same deadline again is the same draft; a day that is no deadline of the store is refused.
        Assert.Equal(week, (await (await clerk.PostAsync($"{Store}/weekly-reports/prepare?week={week}", null)).Json(HttpStatusCode.OK))
            .GetProperty("week").GetString());
        var notADeadline = DateOnly.Parse(week, global::System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd",
            global::System.Globalization.CultureInfo.InvariantCulture);
        var refused = await (await clerk.PostAsync($"{Store}/weekly-reports/prepare?week={notADeadline}", null)).Problem(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("week", out _));
        Assert.Equal("not-submitted", (await (await clerk.GetAsync($"{url}/stock.csv")).Problem(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        await (await manager.Post($"{url}/submit", new { note = "ok" })).Problem(HttpStatusCode.Forbidden);

        var submitted = await (await clerk.Post($"{url}/submit", new { note = "Reviewed; two aged Bora to push" }, Guid.NewGuid().ToString()))
            .Json(HttpStatusCode.OK);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        await (await clerk.PostAsync($"{url}/refresh", null)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("report-submitted", (await (await clerk.PostAsync($"{Store}/weekly-reports/prepare?week={week}", null))
            .Problem(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var listed = await manager.All($"{Store}/weekly-reports");
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("week").GetString() == week && r.GetProperty("status").GetString() == "Submitted");

        var expected = submitted.GetProperty("stock").GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("vin").GetString()!, r.GetProperty("status").GetString()!, r.GetProperty("demo").GetBoolean(),
                r.GetProperty("daysInStock").ValueKind == JsonValueKind.Number ? r.GetProperty("daysInStock").GetInt32() : (int?)null,
                r.GetProperty("aged").GetBoolean()))
            .ToList();
        Assert.NotEmpty(expected);

        using var csvResponse = await manager.GetAsync($"{url}/stock.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = Csv<StockLine>(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected, csv.Select(r => (r.Vin, r.Status, r.Demo, r.DaysInStock, r.Aged)));

        var summary = Csv<SummaryLine>(await (await manager.GetAsync($"{url}/summary.csv")).Content.ReadAsByteArrayAsync());
        Assert.Equal(week, summary.Single(s => s.Figure == "Week").Value);
        Assert.Equal(submitted.GetProperty("stock").GetProperty("figures").GetProperty("inStock").GetInt32().ToString(),
            summary.Single(s => s.Figure == "InStock").Value);

        using var xlsxResponse = await manager.GetAsync($"{url}/report.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        var xlsx = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Summary", "Stock"], MiniExcel.GetSheetNames(xlsx));
        var sheet = MiniExcel.Query<StockLine>(xlsx, sheetName: "Stock", excelType: ExcelType.XLSX).ToList();
        Assert.Equal(expected, sheet.Select(r => (r.Vin, r.Status, r.Demo, r.DaysInStock, r.Aged)));
        var summarySheet = MiniExcel.Query<SummaryLine>(xlsx, sheetName: "Summary", excelType: ExcelType.XLSX).ToList();
        Assert.Equal(summary.Select(s => (s.Figure, s.Value)), summarySheet.Select(s => (s.Figure, s.Value)));
    }

    [Fact]
    public async Task The_clerk_drafts_next_months_OEM_order_the_GM_approves_it_under_seal_and_the_export_matches_the_approved_lines()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("haidian-clerk"));
        using var manager = fixture.B.Client(await fixture.B.SignIn("haidian-sm"));
        using var gm = fixture.A.Client(await fixture.A.SignIn("haidian-gm"));
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMonths(1).ToString("yyyy-MM");
        var url = $"{Store}/oem-orders/{month}";

        var proposed = await (await clerk.Post($"{url}/proposal", new { targetUnits = 30 }, Guid.NewGuid().ToString())).Json(HttpStatusCode.OK);
        Assert.NotEmpty(proposed.GetProperty("proposal").EnumerateArray());
        Assert.False(string.IsNullOrWhiteSpace(proposed.GetProperty("proposalBasis").GetString()));
        var lines = new[]
        {
            new { model = "Lavida", trim = "1.5L Comfortline", colour = "Crystal White", quantity = 8 },
            new { model = "Tiguan L", trim = "330TSI", colour = "Deep Black", quantity = 3 },
        };
        await (await clerk.PutAsync($"{url}/lines", JsonContent(new { lines }))).Json(HttpStatusCode.OK);
        await (await clerk.PostAsync($"{url}/submit", null)).Json(HttpStatusCode.OK);
        await (await clerk.Post($"{url}/decision", new { approve = true })).Problem(HttpStatusCode.Forbidden);
        await (await manager.Post($"{url}/decision", new { approve = false, reason = "Tiguan stock is enough" })).Json(HttpStatusCode.OK);
        var back = await (await clerk.GetAsync(url)).Json(HttpStatusCode.OK);
        Assert.Equal(("Draft", "Tiguan stock is enough"), (back.GetProperty("status").GetString(), back.GetProperty("rejectionReason").GetString()));

        await (await clerk.PutAsync($"{url}/lines", JsonContent(new { lines = lines.Take(1) }))).Json(HttpStatusCode.OK);
        await (await clerk.PostAsync($"{url}/submit", null)).Json(HttpStatusCode.OK);
        var approved = await (await gm.Post($"{url}/decision", new { approve = true })).Json(HttpStatusCode.OK);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.StartsWith("haidian-gm", approved.GetProperty("seal").GetProperty("approvedBy").GetString());
        Assert.Equal("order-locked", (await (await clerk.PutAsync($"{url}/lines", JsonContent(new { lines }))).Problem(HttpStatusCode.Conflict))
            .GetProperty("code").GetString());

        var export = Csv<OemLine>(await (await manager.GetAsync($"{url}/export.csv")).Content.ReadAsByteArrayAsync());
        var line = Assert.Single(export);
        Assert.Equal((Demo.Haidian, month, "Lavida", "1.5L Comfortline", "Crystal White", 8), (line.StoreId, line.Month, line.Model, line.Trim, line.Colour, line.Quantity));
        Assert.Equal(approved.GetProperty("seal").GetProperty("linesDigest").GetString(), line.Digest);
        Assert.Equal(approved.GetProperty("seal").GetProperty("signature").GetString(), line.Seal);
        Assert.Matches("^[0-9a-f]{8}\\.[0-9a-f]{64}$", line.Seal);
        Assert.EndsWith("+08:00", line.ApprovedAt);

        // The clerk sends it to the OEM: recorded with who and when; it stays exportable and locked.
        await (await manager.Post($"{url}/sent", new { reference = "FAW-VW 2026-118" })).Problem(HttpStatusCode.Forbidden);
        var sent = await (await clerk.Post($"{url}/sent", new { reference = "FAW-VW 2026-118" })).Json(HttpStatusCode.OK);
        Assert.Equal("Sent", sent.GetProperty("status").GetString());
        Assert.StartsWith("haidian-clerk", sent.GetProperty("sent").GetProperty("sentBy").GetString());
        Assert.Equal("order-sent", (await (await clerk.Post($"{url}/sent", new { reference = "again" })).Problem(HttpStatusCode.Conflict))
            .GetProperty("code").GetString());
        Assert.Single(Csv<OemLine>(await (await manager.GetAsync($"{url}/export.csv")).Content.ReadAsByteArrayAsync()));
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, DealershipSystem.Json), global::System.Text.Encoding.UTF8, "application/json");
}
