using System.Globalization;
using CsvHelper;
using Dealership.Contracts.Reports;

namespace Dealership.Gateway.Reports;

/// <summary>
/// One line of the OEM upload file: <c>StoreId,Month,Model,Trim,Colour,Quantity,ApprovedBy,ApprovedAt,Digest,Seal</c> — UTF-8
/// with a byte order mark, comma-separated, a header row; ApprovedAt is ISO 8601 with the store's offset; Digest is the SHA-256
/// of the approved lines; Seal is the store's keyed seal over lines, approver and time (checked before the file is made).
/// </summary>
[CsvRecord]
public sealed partial class OemOrderCsvRow
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

public static class OemOrderExport
{
    public static IReadOnlyList<OemOrderCsvRow> Rows(OemOrderView order, TimeZoneInfo zone) =>
        order.Lines.Select(l => new OemOrderCsvRow
        {
            StoreId = order.StoreId,
            Month = order.Month,
            Model = l.Model,
            Trim = l.Trim,
            Colour = l.Colour,
            Quantity = l.Quantity,
            ApprovedBy = order.Seal!.ApprovedBy,
            ApprovedAt = TimeZoneInfo.ConvertTime(order.Seal.ApprovedAt, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            Digest = order.Seal.LinesDigest,
            Seal = order.Seal.Signature,
        }).ToArray();
}
