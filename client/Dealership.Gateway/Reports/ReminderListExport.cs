using System.Globalization;
using CsvHelper;
using Dealership.Contracts.Service;

namespace Dealership.Gateway.Reports;

/// <summary>One car of the reminder list as a bulk-message tool imports it (SMS, WeChat): whom to write to, and why now.</summary>
[CsvRecord]
public sealed partial class ReminderCsvRow
{
    public string Vin { get; set; } = "";
    public string Plate { get; set; } = "";
    public string Model { get; set; } = "";
    public string CustomerName { get; set; } = "";
    public string Mobile { get; set; } = "";
    public string DueOn { get; set; } = "";
    public int DueKm { get; set; }
    public string Basis { get; set; } = "";
    public bool Overdue { get; set; }
}

/// <summary>The reminder list's download: UTF-8, comma-separated, a header row.</summary>
public static class ReminderListExport
{
    public static IEnumerable<ReminderCsvRow> Rows(IReadOnlyList<ReminderExportLine> lines) => lines.Select(l => new ReminderCsvRow
    {
        Vin = l.Vin,
        Plate = l.Plate ?? "",
        Model = l.Model ?? "",
        CustomerName = l.CustomerName,
        Mobile = l.Mobile,
        DueOn = l.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DueKm = l.DueKm,
        Basis = l.Basis.ToString(),
        Overdue = l.Overdue,
    });
}
