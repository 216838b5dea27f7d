using System.Globalization;
using Dealership.Contracts.Parts;
using MiniExcelLibs;

namespace Dealership.Gateway.Reports;

/// <summary>The parts planner's and finance's workbooks: the suggestion list, the stock valuation and the dead stock, from the review's lines.</summary>
public static class PartsExport
{
    /// <summary>The review's suggestions: what to order of each part, why, and its value.</summary>
    public static byte[] Suggestions(PartsPlanningReview review) => Book("Suggestions", review.Items.Select(l => new Dictionary<string, object?>
    {
        ["PartNumber"] = l.PartNumber,
        ["Description"] = l.Description,
        ["Supplier"] = l.Supplier ?? "",
        ["OnHand"] = l.OnHand,
        ["Reserved"] = l.Reserved,
        ["OnOrder"] = l.OnOrder,
        ["LeadTimeDays"] = l.LeadTimeDays,
        ["PackSize"] = l.PackSize,
        ["Basis"] = l.Basis.ToString(),
        ["MeanDailyDemand"] = l.MeanDailyDemand,
        ["DailyDeviation"] = l.DailyDeviation,
        ["SafetyStock"] = l.SafetyStock,
        ["ReorderPoint"] = l.ReorderPoint,
        ["BelowReorderPoint"] = l.BelowReorderPoint ? "yes" : "",
        ["SuggestedQuantity"] = l.SuggestedQuantity,
        ["SuggestedValue"] = l.SuggestedValue,
        ["MovementClass"] = l.MovementClass.ToString(),
    }));

    /// <summary>Every part's stock at its average cost, the total last.</summary>
    public static byte[] Valuation(PartsPlanningReview review) => Book("Valuation", Valued(review.Items, review.Date));

    /// <summary>The parts with no movement for the store's dead months, the stock to clear, the total last.</summary>
    public static byte[] DeadStock(PartsPlanningReview review) =>
        Book("Dead stock", Valued([.. review.Items.Where(l => l.MovementClass == MovementClass.Dead)], review.Date));

    private static IEnumerable<Dictionary<string, object?>> Valued(IReadOnlyList<PartsPlanningLine> lines, DateOnly date)
    {
        foreach (var l in lines)
        {
            yield return new Dictionary<string, object?>
            {
                ["PartNumber"] = l.PartNumber,
                ["Description"] = l.Description,
                ["Supplier"] = l.Supplier ?? "",
                ["OnHand"] = l.OnHand,
                ["AverageCost"] = l.AverageCost,
                ["StockValue"] = l.StockValue,
                ["MovementClass"] = l.MovementClass.ToString(),
                ["LastMovedOn"] = l.LastMovedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            };
        }

        yield return new Dictionary<string, object?>
        {
            ["PartNumber"] = $"Total on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            ["Description"] = $"{lines.Count} parts",
            ["Supplier"] = "",
            ["OnHand"] = lines.Sum(l => l.OnHand),
            ["AverageCost"] = null,
            ["StockValue"] = lines.Sum(l => l.StockValue),
            ["MovementClass"] = "",
            ["LastMovedOn"] = "",
        };
    }

    private static byte[] Book(string sheet, IEnumerable<Dictionary<string, object?>> rows)
    {
        using var buffer = new MemoryStream();
        buffer.SaveAs(rows, sheetName: sheet, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}
