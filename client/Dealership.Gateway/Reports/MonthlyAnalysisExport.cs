using Dealership.Contracts.Targets;
using MiniExcelLibs;
using static Dealership.Gateway.Reports.ReportText;

namespace Dealership.Gateway.Reports;

/// <summary>A model's line of the analysis's "Models" sheet.</summary>
public sealed class ModelSheetRow
{
    public string Model { get; set; } = "";
    public int Enquiries { get; set; }
    public int Orders { get; set; }
    public int OrdersCancelled { get; set; }
    public int RetailSales { get; set; }
    public int Deliveries { get; set; }
    public decimal GrossProfit { get; set; }
    public decimal? GrossProfitPerUnit { get; set; }
    public decimal? ShareOfRetail { get; set; }
    public int StockAtMonthEnd { get; set; }
    public decimal? AverageDaysToSell { get; set; }
}

/// <summary>A consultant's line of the analysis's "Consultants" sheet.</summary>
public sealed class ConsultantSheetRow
{
    public string Consultant { get; set; } = "";
    public int Traffic { get; set; }
    public int FirstVisits { get; set; }
    public int ProspectCards { get; set; }
    public int TestDrives { get; set; }
    public int Orders { get; set; }
    public int OrdersCancelled { get; set; }
    public int RetailSales { get; set; }
    public int Deliveries { get; set; }
    public decimal? ClosingRate { get; set; }
    public decimal GrossProfit { get; set; }
    public decimal? GrossProfitPerUnit { get; set; }
    public decimal? AccessoryPenetration { get; set; }
    public decimal? InsurancePenetration { get; set; }
    public decimal? FinancePenetration { get; set; }
    public int TargetUnits { get; set; }
    public decimal? TargetProgress { get; set; }
    public int ProspectsLost { get; set; }
}

/// <summary>A reason's line of the analysis's "LostReasons" sheet.</summary>
public sealed class LostReasonSheetRow
{
    public string Reason { get; set; } = "";
    public int Prospects { get; set; }
    public decimal? Share { get; set; }
}

/// <summary>
/// The monthly sales analysis's downloads: <c>monthly-analysis.csv</c>, every table in one file as lines of Section (Summary,
/// Model, Consultant, LostReason, Retention), Item, Figure, Value; and <c>monthly-analysis.xlsx</c> with the sheets Summary (Figure,
/// Value), Models, Consultants, LostReasons and Retention (Figure, Value). The figures are the API view's, named as it names them; rates are fractions.
/// </summary>
public static class MonthlyAnalysisExport
{
    public static IReadOnlyList<ReportLine> Lines(MonthlyAnalysis a)
    {
        var lines = Section("Summary", "",
        [
            ("Store", a.StoreId), ("Month", a.Month), ("From", Of(a.From)), ("To", Of(a.To)), ("Closed", a.Closed ? "true" : "false"),
            .. Funnel(a.Funnel),
            ("GrossProfit", Of(a.GrossProfit)), ("GrossProfitPerUnit", Of(a.GrossProfitPerUnit)),
            .. Penetration(a.Penetration),
            ("TargetUnits", Of(a.Target.TargetUnits)), ("TargetGrossProfit", Of(a.Target.TargetGrossProfit)),
            ("TargetProgress", Of(a.Target.Progress)), ("TargetGrossProfitProgress", Of(a.Target.GrossProfitProgress)),
            ("StockAtMonthEnd", Of(a.Stock.StockAtMonthEnd)), ("AverageAgeAtMonthEnd", Of(a.Stock.AverageAgeAtMonthEnd)),
            ("AgedAtMonthEnd", Of(a.Stock.AgedAtMonthEnd)), ("SoldFromStock", Of(a.Stock.SoldFromStock)),
            ("AverageDaysToSell", Of(a.Stock.AverageDaysToSell)), ("DaysOfSupply", Of(a.Stock.DaysOfSupply)),
        ]).ToList();
        foreach (var m in ModelRows(a))
        {
            lines.AddRange(Section("Model", m.Model,
            [
                ("Enquiries", Of(m.Enquiries)), ("Orders", Of(m.Orders)), ("OrdersCancelled", Of(m.OrdersCancelled)), ("RetailSales", Of(m.RetailSales)),
                ("Deliveries", Of(m.Deliveries)), ("GrossProfit", Of(m.GrossProfit)), ("GrossProfitPerUnit", Of(m.GrossProfitPerUnit)),
                ("ShareOfRetail", Of(m.ShareOfRetail)), ("StockAtMonthEnd", Of(m.StockAtMonthEnd)), ("AverageDaysToSell", Of(m.AverageDaysToSell)),
            ]));
        }

        foreach (var c in a.Consultants)
        {
            lines.AddRange(Section("Consultant", c.ConsultantId,
            [
                .. Funnel(c.Funnel), ("GrossProfit", Of(c.GrossProfit)), ("GrossProfitPerUnit", Of(c.GrossProfitPerUnit)), .. Penetration(c.Penetration),
                ("TargetUnits", Of(c.Target.TargetUnits)), ("TargetProgress", Of(c.Target.Progress)), ("ProspectsLost", Of(c.ProspectsLost)),
            ]));
        }

        foreach (var r in a.LostReasons)
        {
            lines.AddRange(Section("LostReason", r.Reason, [("Prospects", Of(r.Prospects)), ("Share", Of(r.Share))]));
        }

        // The month's retention numbers follow as their own section (the figures after its Store, Month, From and To).
        lines.AddRange((a.Retention is { } retention ? RetentionExport.Lines(retention).Skip(4) : [])
            .Select(l => new ReportLine { Section = "Retention", Item = "", Figure = l.Figure, Value = l.Value }));

        return lines;
    }

    public static byte[] Xlsx(MonthlyAnalysis a)
    {
        var consultants = a.Consultants.Select(c => new ConsultantSheetRow
        {
            Consultant = c.ConsultantId,
            Traffic = c.Funnel.Traffic,
            FirstVisits = c.Funnel.FirstVisits,
            ProspectCards = c.Funnel.ProspectCards,
            TestDrives = c.Funnel.TestDrives,
            Orders = c.Funnel.Orders,
            OrdersCancelled = c.Funnel.OrdersCancelled,
            RetailSales = c.Funnel.RetailSales,
            Deliveries = c.Funnel.Deliveries,
            ClosingRate = c.Funnel.ClosingRate,
            GrossProfit = c.GrossProfit,
            GrossProfitPerUnit = c.GrossProfitPerUnit,
            AccessoryPenetration = c.Penetration.AccessoryRate,
            InsurancePenetration = c.Penetration.InsuranceRate,
            FinancePenetration = c.Penetration.FinanceRate,
            TargetUnits = c.Target.TargetUnits,
            TargetProgress = c.Target.Progress,
            ProspectsLost = c.ProspectsLost,
        }).ToArray();
        var reasons = a.LostReasons.Select(r => new LostReasonSheetRow { Reason = r.Reason, Prospects = r.Prospects, Share = r.Share }).ToArray();
        using var buffer = new MemoryStream();
        buffer.SaveAs(new Dictionary<string, object>
        {
            ["Summary"] = Summary(Lines(a)),
            ["Models"] = ModelRows(a),
            ["Consultants"] = consultants,
            ["LostReasons"] = reasons,
            ["Retention"] = a.Retention is { } retention ? RetentionExport.Sheet(retention) : Array.Empty<SummarySheetRow>(),
        }, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static ModelSheetRow[] ModelRows(MonthlyAnalysis a) => [.. a.Models.Select(m => new ModelSheetRow
    {
        Model = m.Model,
        Enquiries = m.Enquiries,
        Orders = m.Orders,
        OrdersCancelled = m.OrdersCancelled,
        RetailSales = m.RetailSales,
        Deliveries = m.Deliveries,
        GrossProfit = m.GrossProfit,
        GrossProfitPerUnit = m.GrossProfitPerUnit,
        ShareOfRetail = m.ShareOfRetail,
        StockAtMonthEnd = m.StockAtMonthEnd,
        AverageDaysToSell = m.AverageDaysToSell,
    })];

    private static IEnumerable<(string, string)> Funnel(SalesFunnel f) =>
    [
        ("Traffic", Of(f.Traffic)), ("Visits", Of(f.Visits)), ("Calls", Of(f.Calls)), ("FirstVisits", Of(f.FirstVisits)),
        ("ProspectCards", Of(f.ProspectCards)), ("TestDrives", Of(f.TestDrives)), ("Orders", Of(f.Orders)), ("OrdersCancelled", Of(f.OrdersCancelled)),
        ("RetailSales", Of(f.RetailSales)), ("Deliveries", Of(f.Deliveries)), ("RecordRate", Of(f.RecordRate)), ("TestDriveRate", Of(f.TestDriveRate)),
        ("ClosingRate", Of(f.ClosingRate)),
    ];

    private static IEnumerable<(string, string)> Penetration(Penetration p) =>
    [
        ("WithAccessories", Of(p.WithAccessories)), ("WithInsurance", Of(p.WithInsurance)), ("WithFinance", Of(p.WithFinance)),
        ("AccessoryPenetration", Of(p.AccessoryRate)), ("InsurancePenetration", Of(p.InsuranceRate)), ("FinancePenetration", Of(p.FinanceRate)),
    ];
}
