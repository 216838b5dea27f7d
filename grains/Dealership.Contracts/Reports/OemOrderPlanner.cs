using System.Security.Cryptography;
using System.Text;
using Dealership.Contracts.Common;
using Dealership.Contracts.Vehicles;

namespace Dealership.Contracts.Reports;

/// <summary>The proposal rule for next month's OEM order, and the checks on the clerk's lines.</summary>
public static class OemOrderPlanner
{
    /// <summary>
    /// For each specification (model, trim, colour) seen in stock or sold in the last three months: the monthly pace is those
    /// three months' retail sales ÷ 3; the forecast is the pace, or — when the month has a target — the target split by each
    /// specification's share of the pace (the model mix); available is what is in stock or in transit and not reserved (demo
    /// cars excluded); the proposal is the forecast less what is available, rounded up, never below zero.
    /// </summary>
    public static IReadOnlyList<OemProposalLine> Propose(IEnumerable<StockRow> stock, IReadOnlyList<IReadOnlyDictionary<string, int>> lastThreeMonths,
        int? targetUnits)
    {
        var available = stock
            .Where(r => !r.Demo && r.Status is VehicleStatus.InStock or VehicleStatus.InTransit)
            .GroupBy(r => Spec(r.Model, r.Trim, r.Colour), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var sold = lastThreeMonths.SelectMany(m => m)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        var specs = available.Keys.Union(sold.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var totalPace = sold.Values.Sum() / 3m;
        return specs.Select(spec =>
        {
            var parts = spec.Split('|');
            var pace = sold.GetValueOrDefault(spec) / 3m;
            var forecast = targetUnits is { } target
                ? totalPace == 0 ? 0m : target * pace / totalPace
                : pace;
            var have = available.GetValueOrDefault(spec);
            var proposed = (int)Math.Max(0m, Math.Ceiling(decimal.Round(forecast - have, 6)));
            return new OemProposalLine(parts[0], parts[1], parts[2], have, sold.GetValueOrDefault(spec), decimal.Round(pace, 2),
                decimal.Round(forecast, 2), proposed);
        }).ToArray();
    }

    public static string Spec(string model, string trim, string colour) => $"{model}|{trim}|{colour}";

    public static FieldErrors Validate(IReadOnlyList<OemOrderLine>? lines)
    {
        var errors = new FieldErrors();
        lines ??= [];
        if (lines.Count > 200)
        {
            return errors.Add("lines", "may list at most 200 lines.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "is required.");
                continue;
            }

            errors.Required($"lines[{i}].model", line.Model, 60).Required($"lines[{i}].trim", line.Trim, 60)
                .Required($"lines[{i}].colour", line.Colour, 40).Range($"lines[{i}].quantity", line.Quantity, 0, 500);
            if (line.Model?.Contains('|', StringComparison.Ordinal) == true || line.Trim?.Contains('|', StringComparison.Ordinal) == true
                || line.Colour?.Contains('|', StringComparison.Ordinal) == true)
            {
                errors.Add($"lines[{i}]", "must not contain '|'.");
            }
        }

        var duplicates = lines.Where(l => l is not null).GroupBy(l => Spec(l.Model, l.Trim, l.Colour).ToUpperInvariant()).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add("lines", $"list a specification twice: {string.Join(", ", duplicates.Select(d => d.Key))}.");
        }

        return errors;
    }

    /// <summary>A digest of exactly the approved lines, kept with the seal: any later change to them would not match.</summary>
    public static string Digest(string storeId, string month, IEnumerable<OemOrderLine> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{storeId}\n{month}\n" + string.Join("\n", lines.Select(l => $"{l.Model}|{l.Trim}|{l.Colour}|{l.Quantity}")))));
}
