using System.Security.Cryptography;
using System.Text;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Reports;

/// <summary>The proposal rule for next month's OEM order, and the seal on the approved lines.</summary>
public static class OemOrderRules
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
            .GroupBy(r => OemOrderLines.Spec(r.Model, r.Trim, r.Colour), StringComparer.Ordinal)
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

    /// <summary>A digest of exactly the approved lines, kept with the seal: any later change to them would not match.</summary>
    public static string Digest(string storeId, string month, IEnumerable<OemOrderLine> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{storeId}\n{month}\n" + string.Join("\n", lines.Select(l => $"{l.Model}|{l.Trim}|{l.Colour}|{l.Quantity}")))));
}
