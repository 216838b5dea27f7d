using System.Globalization;
using CsvHelper;
using Dealership.Contracts.Parts;
using MiniExcelLibs;

namespace Dealership.Gateway.Reports;

/// <summary>
/// One row of a supplier's monthly statement for finance: <c>Section,Date,Reference,PurchaseOrder,Receipt,Charged,Settled,Balance,
/// BalanceSide,Received,Credited,Invoiced,Difference,DifferenceSide</c>. The sections run: the opening balance, each entry of the month
/// (Invoice, Payment, Credit) with the running balance, the closing balance, then each receipt of the month beside its invoice.
/// Amounts are written without a sign, as a ledger does (借方/贷方 and the balance's side): a leading minus would be taken for a
/// formula by a spreadsheet and escaped.
/// </summary>
[CsvRecord]
public sealed partial class StatementCsvRow
{
    public string Section { get; set; } = "";
    public string Date { get; set; } = "";
    public string Reference { get; set; } = "";
    public string PurchaseOrder { get; set; } = "";
    public string Receipt { get; set; } = "";
    public string Charged { get; set; } = "";
    public string Settled { get; set; } = "";
    public string Balance { get; set; } = "";
    public string BalanceSide { get; set; } = "";
    public string Received { get; set; } = "";
    public string Credited { get; set; } = "";
    public string Invoiced { get; set; } = "";
    public string Difference { get; set; } = "";
    public string DifferenceSide { get; set; } = "";
}

public static class SupplierStatementExport
{
    public static IReadOnlyList<StatementCsvRow> Rows(SupplierStatement statement, TimeZoneInfo zone)
    {
        var rows = new List<StatementCsvRow>
        {
            new() { Section = "Opening balance", Date = statement.Month + "-01", Balance = Money(statement.OpeningBalance), BalanceSide = Side(statement.OpeningBalance) },
        };
        var balance = statement.OpeningBalance;
        foreach (var entry in statement.Entries)
        {
            balance += entry.Amount;
            rows.Add(new StatementCsvRow
            {
                Section = entry.Kind.ToString(),
                Date = Day(entry.At, zone),
                Reference = entry.Reference,
                PurchaseOrder = entry.PurchaseOrderId ?? "",
                Receipt = entry.Receipt?.ToString(CultureInfo.InvariantCulture) ?? "",
                Charged = entry.Amount > 0 ? Money(entry.Amount) : "",
                Settled = entry.Amount < 0 ? Money(entry.Amount) : "",
                Balance = Money(balance),
                BalanceSide = Side(balance),
            });
        }

        rows.Add(new StatementCsvRow { Section = "Closing balance", Balance = Money(statement.ClosingBalance), BalanceSide = Side(statement.ClosingBalance) });
        rows.AddRange(statement.Receipts.Select(r => new StatementCsvRow
        {
            Section = "Receipt",
            Date = Day(r.ReceivedAt, zone),
            Reference = r.InvoiceNumber ?? "(not invoiced)",
            PurchaseOrder = r.PurchaseOrderId,
            Receipt = r.Receipt.ToString(CultureInfo.InvariantCulture),
            Received = Money(r.Received),
            Credited = r.Credited != 0 ? Money(r.Credited) : "",
            Invoiced = r.Invoiced is { } i ? Money(i) : "",
            Difference = r.Difference is { } d ? Money(d) : "",
            DifferenceSide = r.Difference switch
            {
                null => "Not invoiced",
                > 0 => "Invoiced over received",
                < 0 => "Invoiced under received",
                _ => "",
            },
        }));
        return rows;
    }

    public static byte[] Xlsx(SupplierStatement statement, TimeZoneInfo zone)
    {
        using var buffer = new MemoryStream();
        buffer.SaveAs(Rows(statement, zone), sheetName: "Statement", excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static string Day(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Side(decimal balance) => balance > 0 ? "Owed" : balance < 0 ? "In credit" : "";
}
