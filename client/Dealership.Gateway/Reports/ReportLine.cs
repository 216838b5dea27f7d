using System.Globalization;
using CsvHelper;

namespace Dealership.Gateway.Reports;

/// <summary>
/// One figure of a report with several tables, as one CSV can hold them: the table (Summary, Model, Consultant…), the line of it
/// (a model, a consultant; empty on the summary), the figure's name and its value as text (numbers invariant, rates as fractions).
/// </summary>
[CsvRecord]
public sealed partial class ReportLine
{
    public string Section { get; set; } = "";
    public string Item { get; set; } = "";
    public string Figure { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>How report downloads write their figures: invariant numbers, empty where there is nothing to divide by.</summary>
public static class ReportText
{
    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(decimal? value) => value is { } v ? Of(v) : "";

    public static string Of(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Figure-and-value pairs as lines of one section.</summary>
    public static IEnumerable<ReportLine> Section(string section, string item, IEnumerable<(string Figure, string Value)> figures) =>
        figures.Select(f => new ReportLine { Section = section, Item = item, Figure = f.Figure, Value = f.Value });

    /// <summary>The summary lines of a report as its "Summary" sheet.</summary>
    public static SummarySheetRow[] Summary(IEnumerable<ReportLine> lines) =>
        [.. lines.Where(l => l.Section == "Summary").Select(l => new SummarySheetRow { Figure = l.Figure, Value = l.Value })];
}
