using CsvHelper;
using System.Globalization;
using Dealership.Contracts.Reports;
using MiniExcelLibs;

namespace Dealership.Gateway.Reports;

/// <summary>One line of the stock sheet of a weekly report (CSV and the "Stock" sheet of the .xlsx share it).</summary>
[CsvRecord]
public sealed partial class StockSheetRow
{
    public string Vin { get; set; } = "";
    public string Model { get; set; } = "";
    public string Trim { get; set; } = "";
    public string Colour { get; set; } = "";
    public string Status { get; set; } = "";
    public bool Demo { get; set; }
    public int? DaysInStock { get; set; }
    public int? DaysSinceArrival { get; set; }
    public bool Aged { get; set; }
    public string Certificate { get; set; } = "";
    public string FloorPlanLender { get; set; } = "";
    public string FloorPlanDue { get; set; } = "";
    public bool FloorPlanOverdue { get; set; }
}

/// <summary>One figure of the summary sheet: its name and its value as text (numbers invariant, dates ISO 8601).</summary>
[CsvRecord]
public sealed partial class SummarySheetRow
{
    public string Figure { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>
/// The downloads of a submitted weekly report: <c>summary.csv</c> (Figure, Value), <c>stock.csv</c> (one row per car) and
/// <c>report.xlsx</c> with the same two tables as the sheets "Summary" and "Stock". UTF-8, comma-separated, header row.
/// </summary>
public static class WeeklyReportExport
{
    public static IReadOnlyList<StockSheetRow> StockRows(WeeklyReportView report) =>
        report.Stock.Rows.Select(r => new StockSheetRow
        {
            Vin = r.Vin,
            Model = r.Model,
            Trim = r.Trim,
            Colour = r.Colour,
            Status = r.Status.ToString(),
            Demo = r.Demo,
            DaysInStock = r.DaysInStock,
            DaysSinceArrival = r.DaysSinceArrival,
            Aged = r.Aged,
            Certificate = r.Certificate.ToString(),
            FloorPlanLender = r.FloorPlanLender ?? "",
            FloorPlanDue = r.FloorPlanDue?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            FloorPlanOverdue = r.FloorPlanOverdue,
        }).ToArray();

    public static IReadOnlyList<SummarySheetRow> SummaryRows(WeeklyReportView report)
    {
        var f = report.Stock.Figures;
        var s = report.Sales;
        (string, string)[] rows =
        [
            ("Store", report.StoreId),
            ("Week", report.Week),
            ("PeriodFrom", Date(report.PeriodFrom)),
            ("PeriodTo", Date(report.PeriodTo)),
            ("Orders", Number(s.Orders)),
            ("RetailSales", Number(s.RetailSales)),
            ("Deliveries", Number(s.Deliveries)),
            ("GrossProfit", Number(s.GrossProfit)),
            ("GrossProfitPerUnit", s.GrossProfitPerUnit is { } gp ? Number(gp) : ""),
            ("InStock", Number(f.InStock)),
            ("InTransit", Number(f.InTransit)),
            ("Reserved", Number(f.Reserved)),
            ("AgedUnits", Number(f.Aged)),
            ("RetailSalesThisMonth", Number(f.RetailSalesThisMonth)),
            ("RetailSalesLast30Days", Number(f.RetailSalesLast30Days)),
            ("InventoryCoefficient", f.InventoryCoefficient is { } c ? Number(c) : "no retail sales in the last 30 days"),
            ("CoefficientBasis", f.CoefficientBasis ?? ""),
            ("FloorPlanOverdue", Number(f.FloorPlanOverdue)),
            ("Late", report.Late ? "yes" : "no"),
            ("SubmittedAt", report.SubmittedAt?.ToString("O", CultureInfo.InvariantCulture) ?? ""),
            ("SubmittedBy", report.SubmittedBy ?? ""),
        ];
        return rows.Select(r => new SummarySheetRow { Figure = r.Item1, Value = r.Item2 }).ToArray();
    }

    public static byte[] Xlsx(WeeklyReportView report)
    {
        using var buffer = new MemoryStream();
        var sheets = new Dictionary<string, object> { ["Summary"] = SummaryRows(report), ["Stock"] = StockRows(report) };
        buffer.SaveAs(sheets, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
