using System.Globalization;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Targets;
using MiniExcelLibs;

namespace Dealership.Gateway.Reports;

/// <summary>
/// The daily report's downloads: <c>daily-report.csv</c> (Figure, Value) and <c>daily-report.xlsx</c> with the same table as the
/// sheet "Summary". Each figure of the day is named Today…, of the month MonthToDate…; rates are fractions, as in the API.
/// </summary>
public static class DailyReportExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<SummarySheetRow> Rows(DailyReport report)
    {
        var rows = new List<(string, string)>
        {
            ("Store", report.StoreId),
            ("Date", report.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        rows.AddRange(Figures("Today", report.Today));
        rows.AddRange(Figures("MonthToDate", report.MonthToDate));
        var t = report.Target;
        rows.AddRange(
        [
            ("TargetUnits", Number(t.TargetUnits)),
            ("TargetGrossProfit", Number(t.TargetGrossProfit)),
            ("TargetProgress", Rate(t.Progress)),
            ("TargetGrossProfitProgress", Rate(t.GrossProfitProgress)),
            ("TimeGone", Number(report.TimeGone)),
            ("FollowUpsOverdue", Number(report.FollowUpsOverdue)),
            ("AgedStock", Number(report.AgedStock)),
            ("InStock", Number(report.InStock)),
            ("InTransit", Number(report.InTransit)),
            ("InventoryCoefficient", Rate(report.InventoryCoefficient)),
        ]);
        return rows.Select(r => new SummarySheetRow { Figure = r.Item1, Value = r.Item2 }).ToArray();
    }

    public static byte[] Xlsx(DailyReport report)
    {
        using var buffer = new MemoryStream();
        buffer.SaveAs(new Dictionary<string, object> { ["Summary"] = Rows(report) }, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static IEnumerable<(string, string)> Figures(string period, SalesFigures f) =>
    [
        ($"{period}Traffic", Number(f.Visits + f.Calls)),
        ($"{period}Visits", Number(f.Visits)),
        ($"{period}Calls", Number(f.Calls)),
        ($"{period}FirstVisits", Number(f.FirstVisits)),
        ($"{period}TestDrives", Number(f.TestDrives)),
        ($"{period}Orders", Number(f.Orders)),
        ($"{period}OrdersCancelled", Number(f.OrdersCancelled)),
        ($"{period}RetailSales", Number(f.RetailSales)),
        ($"{period}Deliveries", Number(f.Deliveries)),
        ($"{period}GrossProfit", Number(f.GrossProfit)),
        ($"{period}ClosingRate", Rate(f.ClosingRate)),
    ];

    private static string Rate(decimal? value) => value is { } v ? Number(v) : "";

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
