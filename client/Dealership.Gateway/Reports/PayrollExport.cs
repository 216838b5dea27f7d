using Dealership.Contracts.Pay;
using MiniExcelLibs;

namespace Dealership.Gateway.Reports;

/// <summary>A consultant's line of the payroll Summary sheet.</summary>
public sealed class PayrollSummaryRow
{
    public string Consultant { get; set; } = "";
    public int Units { get; set; }
    public decimal Worked { get; set; }
    public decimal Adjusted { get; set; }
    public decimal Multiplier { get; set; }
    public decimal ChargedBack { get; set; }
    public decimal Total { get; set; }
}

/// <summary>A line of a consultant's sheet: a sale and how it was worked (and adjusted), or a chargeback.</summary>
public sealed class PayrollLineRow
{
    public string Kind { get; set; } = "";
    public string Deal { get; set; } = "";
    public string Model { get; set; } = "";
    public string Day { get; set; } = "";
    public string Plan { get; set; } = "";
    public decimal PerUnit { get; set; }
    public decimal GrossProfitShare { get; set; }
    public decimal AddOns { get; set; }
    public decimal MinimumTopUp { get; set; }
    public decimal Spiff { get; set; }
    public decimal TierBonus { get; set; }
    public decimal Worked { get; set; }
    public decimal? AdjustedTo { get; set; }
    public string AdjustmentReason { get; set; } = "";
    public string AdjustedBy { get; set; } = "";
    public decimal Line { get; set; }
}

/// <summary>
/// The approved month for payroll: a Summary sheet, one row per consultant, and one sheet per consultant (named by their staff id)
/// with each sale's line (Kind Sale) and each chargeback (Kind Chargeback, its Line negative). A line's amount is before the month's
/// multiplier; the Summary's Total is what the statement pays.
/// </summary>
public static class PayrollExport
{
    public static byte[] Xlsx(CommissionStatements month)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Summary"] = month.Consultants.Select(c => new PayrollSummaryRow
            {
                Consultant = c.ConsultantId,
                Units = c.Worked.Units,
                Worked = c.Worked.Subtotal,
                Adjusted = c.Adjusted,
                Multiplier = c.Worked.Multiplier,
                ChargedBack = c.ChargedBack,
                Total = c.Total,
            }).ToArray(),
        };
        foreach (var c in month.Consultants)
        {
            sheets[SheetName(c.ConsultantId, sheets.Keys)] = Lines(c);
        }

        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static PayrollLineRow[] Lines(ConsultantStatement c) =>
    [
        .. c.Worked.Lines.Select(l =>
        {
            var adjustment = c.Adjustments.Where(a => a.DealId == l.DealId).MaxBy(a => a.AdjustedAt);
            return new PayrollLineRow
            {
                Kind = "Sale", Deal = l.DealId, Model = l.Model, Day = $"{l.InvoicedOn:yyyy-MM-dd}",
                Plan = l.Plan is null ? "" : $"{l.Plan} (from {l.PlanFrom:yyyy-MM-dd})", PerUnit = l.PerUnit, GrossProfitShare = l.GrossProfitShare,
                AddOns = l.AddOns, MinimumTopUp = l.MinimumTopUp, Spiff = l.Spiff, TierBonus = l.TierBonus, Worked = l.Total,
                AdjustedTo = adjustment?.Amount, AdjustmentReason = adjustment?.Reason ?? "", AdjustedBy = adjustment?.AdjustedBy ?? "",
                Line = adjustment?.Amount ?? l.Total,
            };
        }),
        .. c.Chargebacks.Select(b => new PayrollLineRow
        {
            Kind = "Chargeback", Deal = b.DealId, Model = b.Model, Day = $"{b.UnwoundOn:yyyy-MM-dd}", Plan = $"paid in {b.PaidInMonth}",
            Line = -b.Amount,
        }),
    ];

    // Excel names a sheet in at most 31 characters, without []:*?/\ ; a staff id fits, but stay safe and unique.
    private static string SheetName(string consultantId, IEnumerable<string> taken)
    {
        var name = new string([.. consultantId.Where(ch => !"[]:*?/\\".Contains(ch))]);
        name = name.Length == 0 ? "Consultant" : name[..Math.Min(name.Length, 28)];
        var unique = name;
        for (var i = 2; taken.Contains(unique, StringComparer.OrdinalIgnoreCase); i++)
        {
            unique = $"{name}~{i}";
        }

        return unique;
    }
}
