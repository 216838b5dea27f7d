using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using Dealership.Integration.Tests.Infrastructure;
using MiniExcelLibs;

namespace Dealership.Integration.Tests.System;

/// <summary>A line of a report with several tables, as the documented CSV columns read.</summary>
[CsvRecord]
public sealed partial class ReportCsvLine
{
    public string Section { get; set; } = "";
    public string Item { get; set; } = "";
    public string Figure { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>The monthly analysis's "Models" sheet as a consumer reads it.</summary>
public sealed class ModelSheetLine
{
    public string Model { get; set; } = "";
    public int Enquiries { get; set; }
    public int RetailSales { get; set; }
    public int StockAtMonthEnd { get; set; }
}

/// <summary>The month-end summary's "Stock" sheet as a consumer reads it.</summary>
public sealed class StockSheetLine
{
    public string Model { get; set; } = "";
    public int Opening { get; set; }
    public int Receipts { get; set; }
    public int SalesOut { get; set; }
    public int Closing { get; set; }
}

/// <summary>
/// The sales manager's monthly analysis and the clerk's month-end summary through the API: the downloads open (CSV and .xlsx,
/// parsed back) and say what the view says, past months answer, a malformed or future month is a 400 and a consultant is refused.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class MonthlyReportsApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Hexi}";

    private static async Task<List<ReportCsvLine>> Csv(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        using var reader = CsvReader.Create(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), null, leaveOpen: false);
        return reader.GetRecords<ReportCsvLine>().ToList();
    }

    private static async Task<MemoryStream> Xlsx(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new MemoryStream(await response.Content.ReadAsByteArrayAsync());
    }

    private static Dictionary<string, string> Summary(IEnumerable<ReportCsvLine> lines) =>
        lines.Where(l => l.Section == "Summary").ToDictionary(l => l.Figure, l => l.Value);

    private static Dictionary<string, string> SummarySheet(MemoryStream xlsx)
    {
        xlsx.Position = 0;
        return MiniExcel.Query<SummaryLine>(xlsx, sheetName: "Summary", excelType: ExcelType.XLSX).ToDictionary(r => r.Figure, r => r.Value);
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "" : e.GetRawText().Trim('"');

    private static string Month(int back)
    {
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        return new DateOnly(local.Year, local.Month, 1).AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_monthly_analysis_downloads_open_and_say_what_the_view_says()
    {
        using var sm = fixture.A.Client(await fixture.A.SignIn("hexi-sm"));
        using var sc = fixture.B.Client(await fixture.B.SignIn("hexi-sc1"));

        var view = await (await sm.GetAsync($"{Store}/monthly-analysis")).Json(HttpStatusCode.OK);
        var csv = await Csv(await sm.GetAsync($"{Store}/monthly-analysis.csv"));
        using var xlsx = await Xlsx(await sm.GetAsync($"{Store}/monthly-analysis.xlsx"));

        var summary = Summary(csv);
        Assert.Equal(summary, SummarySheet(xlsx));
        Assert.Equal((Month(0), "false"), (summary["Month"], summary["Closed"]));
        Assert.Equal(Text(view.GetProperty("funnel").GetProperty("traffic")), summary["Traffic"]);
        Assert.Equal(Text(view.GetProperty("funnel").GetProperty("closingRate")), summary["ClosingRate"]);
        Assert.Equal(Text(view.GetProperty("grossProfit")), summary["GrossProfit"]);
        Assert.Equal(Text(view.GetProperty("penetration").GetProperty("insuranceRate")), summary["InsurancePenetration"]);
        Assert.Equal(Text(view.GetProperty("target").GetProperty("targetUnits")), summary["TargetUnits"]);
        Assert.Equal(Text(view.GetProperty("stock").GetProperty("stockAtMonthEnd")), summary["StockAtMonthEnd"]);
        Assert.True(view.GetProperty("stock").GetProperty("stockAtMonthEnd").GetInt32() > 0); // the demo's cars in stock

        var models = view.GetProperty("models").EnumerateArray().ToList();
        xlsx.Position = 0;
        var sheet = MiniExcel.Query<ModelSheetLine>(xlsx, sheetName: "Models", excelType: ExcelType.XLSX).ToList();
        Assert.Equal(models.Select(m => m.GetProperty("model").GetString()), sheet.Select(m => m.Model));
        Assert.NotEmpty(sheet);
        foreach (var (model, row) in models.Zip(sheet))
        {
            Assert.Equal(model.GetProperty("retailSales").GetInt32(), row.RetailSales);
            Assert.Equal(model.GetProperty("stockAtMonthEnd").GetInt32(), row.StockAtMonthEnd);
            Assert.Equal(Text(model.GetProperty("enquiries")), csv.Single(l => l.Section == "Model" && l.Item == row.Model && l.Figure == "Enquiries").Value);
        }

        Assert.Equal(models.Sum(m => m.GetProperty("stockAtMonthEnd").GetInt32()), view.GetProperty("stock").GetProperty("stockAtMonthEnd").GetInt32());
        Assert.Equal(view.GetProperty("consultants").GetArrayLength(), csv.Where(l => l.Section == "Consultant").Select(l => l.Item).Distinct().Count());

        var past = await (await sm.GetAsync($"{Store}/monthly-analysis?month={Month(1)}")).Json(HttpStatusCode.OK);
        Assert.Equal((Month(1), true), (past.GetProperty("month").GetString(), past.GetProperty("closed").GetBoolean()));
        var pastCsv = Summary(await Csv(await sm.GetAsync($"{Store}/monthly-analysis.csv?month={Month(1)}")));
        Assert.Equal((Month(1), "true"), (pastCsv["Month"], pastCsv["Closed"]));

        var bad = await (await sm.GetAsync($"{Store}/monthly-analysis?month=2026-13")).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("month", out _));
        var future = await (await sm.GetAsync($"{Store}/monthly-analysis.xlsx?month={Month(-1)}")).Problem(HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("month", out _));
        await (await sc.GetAsync($"{Store}/monthly-analysis")).Problem(HttpStatusCode.Forbidden);
        await (await sm.GetAsync($"/api/stores/{Demo.Haidian}/monthly-analysis")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_month_end_summary_reconciles_the_ledger_and_its_downloads_say_what_the_view_says()
    {
        using var clerk = fixture.B.Client(await fixture.B.SignIn("hexi-clerk"));
        using var sc = fixture.A.Client(await fixture.A.SignIn("hexi-sc1"));

        var view = await (await clerk.GetAsync($"{Store}/month-end-summary")).Json(HttpStatusCode.OK);
        var csv = await Csv(await clerk.GetAsync($"{Store}/month-end-summary.csv"));
        using var xlsx = await Xlsx(await clerk.GetAsync($"{Store}/month-end-summary.xlsx"));

        var summary = Summary(csv);
        Assert.Equal(summary, SummarySheet(xlsx));
        var stock = view.GetProperty("stock");
        int Figure(string name) => stock.GetProperty(name).GetInt32();
        Assert.Equal(Figure("closing"), Figure("opening") + Figure("receipts") + Figure("transfersIn") + Figure("returns") - Figure("salesOut")
            - Figure("transfersOut") + Figure("corrections"));
        Assert.True(Figure("closing") > 0);
        Assert.Equal(Text(stock.GetProperty("closing")), summary["Closing"]);
        Assert.Equal(Text(view.GetProperty("retailSales")), summary["RetailSales"]);
        Assert.Equal(Text(view.GetProperty("inTransitAtMonthEnd")), summary["InTransitAtMonthEnd"]);
        Assert.Equal(Text(view.GetProperty("weeklyReports").GetProperty("due")), summary["WeeklyReportsDue"]);
        Assert.Equal(view.GetProperty("nextOemOrderMonth").GetString(), summary["NextOemOrderMonth"]);

        xlsx.Position = 0;
        var sheet = MiniExcel.Query<StockSheetLine>(xlsx, sheetName: "Stock", excelType: ExcelType.XLSX).ToList();
        var models = view.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(models.Select(m => m.GetProperty("model").GetString()), sheet.Select(m => m.Model));
        Assert.Equal(Figure("closing"), sheet.Sum(m => m.Closing));
        Assert.Equal(Figure("receipts"), sheet.Sum(m => m.Receipts));
        foreach (var row in sheet)
        {
            Assert.Equal(row.Closing.ToString(CultureInfo.InvariantCulture),
                csv.Single(l => l.Section == "Model" && l.Item == row.Model && l.Figure == "Closing").Value);
        }

        var past = await (await clerk.GetAsync($"{Store}/month-end-summary?month={Month(1)}")).Json(HttpStatusCode.OK);
        Assert.True(past.GetProperty("closed").GetBoolean());
        Assert.Equal(past.GetProperty("stock").GetProperty("closing").GetInt32(), Figure("opening")); // last month's close opens this one

        await (await clerk.GetAsync($"{Store}/month-end-summary?month=26-11")).Problem(HttpStatusCode.BadRequest);
        await (await sc.GetAsync($"{Store}/month-end-summary.csv")).Problem(HttpStatusCode.Forbidden);
    }
}
