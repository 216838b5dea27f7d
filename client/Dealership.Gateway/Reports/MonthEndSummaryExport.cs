using Dealership.Contracts.Targets;
using MiniExcelLibs;
using static Dealership.Gateway.Reports.ReportText;

namespace Dealership.Gateway.Reports;

/// <summary>A model's line of the month-end summary's "Stock" sheet: the month's stock ledger for it.</summary>
public sealed class StockMovementSheetRow
{
    public string Model { get; set; } = "";
    public int Opening { get; set; }
    public int Receipts { get; set; }
    public int TransfersIn { get; set; }
    public int Returns { get; set; }
    public int SalesOut { get; set; }
    public int TransfersOut { get; set; }
    public int Corrections { get; set; }
    public int Closing { get; set; }
}

/// <summary>
/// The month-end summary's downloads: <c>month-end-summary.csv</c> as lines of Section (Summary, Model), Item, Figure, Value;
/// and <c>month-end-summary.xlsx</c> with the sheets Summary (Figure, Value) and Stock (one row per model).
/// </summary>
public static class MonthEndSummaryExport
{
    public static IReadOnlyList<ReportLine> Lines(MonthEndSummary s)
    {
        var lines = Section("Summary", "",
        [
            ("Store", s.StoreId), ("Month", s.Month), ("From", Of(s.From)), ("To", Of(s.To)), ("Closed", s.Closed ? "true" : "false"),
            .. Movement(s.Stock),
            ("Orders", Of(s.Orders)), ("OrdersCancelled", Of(s.OrdersCancelled)), ("RetailSales", Of(s.RetailSales)), ("Deliveries", Of(s.Deliveries)),
            ("GrossProfit", Of(s.GrossProfit)), ("StockForSaleAtMonthEnd", Of(s.StockForSaleAtMonthEnd)), ("AgedAtMonthEnd", Of(s.AgedAtMonthEnd)),
            ("InTransitAtMonthEnd", Of(s.InTransitAtMonthEnd)), ("InventoryCoefficient", Of(s.InventoryCoefficient)),
            ("WeeklyReportsDue", Of(s.WeeklyReports.Due)), ("WeeklyReportsSubmitted", Of(s.WeeklyReports.Submitted)),
            ("WeeklyReportsLate", Of(s.WeeklyReports.Late)), ("WeeklyReportsMissing", Of(s.WeeklyReports.Missing)),
            ("NextOemOrderMonth", s.NextOemOrderMonth), ("NextOemOrderStatus", s.NextOemOrderStatus?.ToString() ?? "NotStarted"),
        ]).ToList();
        foreach (var m in s.Models)
        {
            lines.AddRange(Section("Model", m.Model, Movement(m)));
        }

        return lines;
    }

    public static byte[] Xlsx(MonthEndSummary s)
    {
        var stock = s.Models.Select(m => new StockMovementSheetRow
        {
            Model = m.Model,
            Opening = m.Opening,
            Receipts = m.Receipts,
            TransfersIn = m.TransfersIn,
            Returns = m.Returns,
            SalesOut = m.SalesOut,
            TransfersOut = m.TransfersOut,
            Corrections = m.Corrections,
            Closing = m.Closing,
        }).ToArray();
        using var buffer = new MemoryStream();
        buffer.SaveAs(new Dictionary<string, object> { ["Summary"] = Summary(Lines(s)), ["Stock"] = stock }, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static IEnumerable<(string, string)> Movement(StockMovement m) =>
    [
        ("Opening", Of(m.Opening)), ("Receipts", Of(m.Receipts)), ("TransfersIn", Of(m.TransfersIn)), ("Returns", Of(m.Returns)),
        ("SalesOut", Of(m.SalesOut)), ("TransfersOut", Of(m.TransfersOut)), ("Corrections", Of(m.Corrections)), ("Closing", Of(m.Closing)),
    ];
}
