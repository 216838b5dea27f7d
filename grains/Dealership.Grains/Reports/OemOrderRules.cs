using System.Security.Cryptography;
using System.Text;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Reports;

/// <summary>The proposal rule for next month's OEM order, and the seal on the approved lines.</summary>
public static class OemOrderRules
{
    /// <summary>
    /// For each specification (model, trim, colour) seen in stock, on order or sold in the last three months: the monthly pace is
    /// those three months' retail sales ÷ 3; the forecast is the pace, or — when the month has a target — the target split by each
    /// specification's share of the pace (the model mix); available is what is in stock or in transit and not reserved (demo
    /// cars excluded); on order is what is registered as ordered plus what earlier approved orders still await
    /// (<paramref name="awaited"/>); the proposal is the forecast less available and on order, rounded up, never below zero.
    /// </summary>
    /// <remarks>
    /// With a target but no retail sale in the three months, the target is split by the store's own mix instead: each
    /// specification's cars in stock, in transit and on order, plus the active prospects interested in its model (spread over
    /// the model's specifications). <see cref="Basis"/> says which was used.
    /// </remarks>
    public static IReadOnlyList<OemProposalLine> Propose(IEnumerable<StockRow> stock, IReadOnlyList<IReadOnlyDictionary<string, int>> lastThreeMonths,
        int? targetUnits, IReadOnlyDictionary<string, int>? awaited = null, IReadOnlyDictionary<string, int>? interestByModel = null)
    {
        var rows = stock.Where(r => !r.Demo).ToList();
        var available = rows
            .Where(r => r.Status is VehicleStatus.InStock or VehicleStatus.InTransit)
            .GroupBy(r => OemOrderLines.Spec(r.Model, r.Trim, r.Colour), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var onOrder = rows
            .Where(r => r.Status == VehicleStatus.Ordered)
            .GroupBy(r => OemOrderLines.Spec(r.Model, r.Trim, r.Colour), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (spec, quantity) in (awaited ?? new Dictionary<string, int>()).Where(kv => kv.Value > 0))
        {
            onOrder[spec] = onOrder.GetValueOrDefault(spec) + quantity;
        }
        var sold = lastThreeMonths.SelectMany(m => m)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        var specs = available.Keys.Union(onOrder.Keys, StringComparer.Ordinal).Union(sold.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var totalPace = sold.Values.Sum() / 3m;
        var mix = Mix(specs, available, onOrder, interestByModel);
        var totalMix = mix.Values.Sum();
        return specs.Select(spec =>
        {
            var parts = spec.Split('|');
            var pace = sold.GetValueOrDefault(spec) / 3m;
            var forecast = targetUnits is { } target
                ? totalPace > 0 ? target * pace / totalPace
                : totalMix > 0 ? target * mix[spec] / totalMix : 0m
                : pace;
            var have = available.GetValueOrDefault(spec);
            var coming = onOrder.GetValueOrDefault(spec);
            var proposed = (int)Math.Max(0m, Math.Ceiling(decimal.Round(forecast - have - coming, 6)));
            return new OemProposalLine(parts[0], parts[1], parts[2], have, sold.GetValueOrDefault(spec), decimal.Round(pace, 2),
                decimal.Round(forecast, 2), proposed, coming);
        }).ToArray();
    }

    /// <summary>Which basis <see cref="Propose"/> used, in words for the clerk; a proposal of nothing always says why.</summary>
    public static string Basis(IReadOnlyList<IReadOnlyDictionary<string, int>> lastThreeMonths, int? targetUnits, IReadOnlyList<OemProposalLine> proposal,
        IReadOnlyDictionary<string, int>? interestByModel)
    {
        var sold = lastThreeMonths.Sum(m => m.Values.Sum());
        var hasMix = proposal.Any(p => p.Available + p.OnOrder > 0) || (interestByModel ?? new Dictionary<string, int>()).Values.Any(v => v > 0);
        return (targetUnits, sold > 0, hasMix) switch
        {
            (null, true, _) => $"the monthly pace of the last three months' retail sales ({sold} cars)",
            (null, false, _) => "no retail sale in the last three months, so no pace to order at: give a target, or enter the lines by hand",
            ({ } t, true, _) => $"the target of {t} units split by the last three months' retail mix ({sold} cars)",
            ({ } t, false, true) => $"the target of {t} units split by the store's stock, orders and active prospects' models of interest " +
                "(no retail sale in the last three months)",
            ({ } t, false, false) => $"no basis to split the target of {t} units: no retail sale in three months, no stock, no orders and no " +
                "prospects; enter the lines by hand",
        };
    }

    private static Dictionary<string, decimal> Mix(IReadOnlyList<string> specs, IReadOnlyDictionary<string, int> available,
        IReadOnlyDictionary<string, int> onOrder, IReadOnlyDictionary<string, int>? interestByModel)
    {
        var modelOf = specs.ToDictionary(s => s, s => s.Split('|')[0], StringComparer.Ordinal);
        var specsPerModel = modelOf.Values.GroupBy(m => m, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var interest = new Dictionary<string, int>(interestByModel ?? new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase);
        return specs.ToDictionary(s => s, s => available.GetValueOrDefault(s) + onOrder.GetValueOrDefault(s)
            + (decimal)interest.GetValueOrDefault(modelOf[s]) / specsPerModel[modelOf[s]], StringComparer.Ordinal);
    }

    /// <summary>
    /// What earlier approved (or sent) orders still await, by specification: their quantities less the cars of that specification
    /// that came into the store (registered or received new) since the earliest of those approvals — the oldest order is filled
    /// first, so arrivals are not matched to one order in particular. Never below zero.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Awaited(IEnumerable<OemOrderView> earlierOrders, IReadOnlyDictionary<string, int> arrivedSince)
    {
        var ordered = earlierOrders.Where(o => o.Status is OemOrderStatus.Approved or OemOrderStatus.Sent)
            .SelectMany(o => o.Lines)
            .GroupBy(l => OemOrderLines.Spec(l.Model, l.Trim, l.Colour), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.Ordinal);
        return ordered.ToDictionary(kv => kv.Key, kv => Math.Max(0, kv.Value - arrivedSince.GetValueOrDefault(kv.Key)), StringComparer.Ordinal);
    }

    /// <summary>How many months back an approved order still counts as on its way; older unfilled lines are taken as lapsed.</summary>
    public const int OpenOrderMonths = 3;

    /// <summary>A digest of exactly the approved lines, kept with the seal: any later change to them would not match.</summary>
    public static string Digest(string storeId, string month, IEnumerable<OemOrderLine> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{storeId}\n{month}\n" + string.Join("\n", lines.Select(l => $"{l.Model}|{l.Trim}|{l.Colour}|{l.Quantity}")))));
}
