using System.Globalization;
using CsvHelper;
using Dealership.Contracts.Parts;
using MiniExcelLibs;

namespace Dealership.Gateway.Reports;

/// <summary>
/// One line of a purchase order as the supplier gets it: <c>PurchaseOrder,Supplier,Line,PartNumber,Description,Quantity,
/// UnitCost,Amount,ApprovedBy,ApprovedAt</c> (CSV, UTF-8 with a byte order mark; the .xlsx has the same columns).
/// </summary>
[CsvRecord]
public sealed partial class PurchaseOrderCsvRow
{
    public string PurchaseOrder { get; set; } = "";
    public string Supplier { get; set; } = "";
    public int Line { get; set; }
    public string PartNumber { get; set; } = "";
    public string Description { get; set; } = "";
    public int Quantity { get; set; }
    public string UnitCost { get; set; } = "";
    public string Amount { get; set; } = "";
    public string ApprovedBy { get; set; } = "";
    public string ApprovedAt { get; set; } = "";
}

public static class PurchaseOrderExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<PurchaseOrderCsvRow> Rows(PurchaseOrderView order, TimeZoneInfo zone) =>
        [.. order.Lines.Select(l => new PurchaseOrderCsvRow
        {
            PurchaseOrder = order.PurchaseOrderId,
            Supplier = order.Supplier,
            Line = l.Line,
            PartNumber = l.PartNumber,
            Description = l.Description,
            Quantity = l.Quantity,
            UnitCost = l.UnitCost.ToString("0.00##", CultureInfo.InvariantCulture),
            Amount = decimal.Round(l.Amount, 2).ToString("0.00", CultureInfo.InvariantCulture),
            ApprovedBy = order.ApprovedBy ?? "",
            ApprovedAt = order.ApprovedAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : "",
        })];

    public static byte[] Xlsx(PurchaseOrderView order, TimeZoneInfo zone)
    {
        using var buffer = new MemoryStream();
        buffer.SaveAs(Rows(order, zone), sheetName: "Purchase order", excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}
