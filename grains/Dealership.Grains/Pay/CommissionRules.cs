using Dealership.Contracts.Pay;

namespace Dealership.Grains.Pay;

/// <summary>
/// A consultant's month of commission under the store's plan versions, worked the same way every time so a statement can be
/// checked by hand. Rounding, stated once: every component of a line is rounded to the fen (0.01) half away from zero, and the
/// month's total once more after its multiplier; a chargeback takes back exactly what its line paid (already in fen).
/// </summary>
public static class CommissionRules
{
    public static decimal Fen(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>The version in force on <paramref name="day"/>: the latest whose effective day is on or before it; null before the first.</summary>
    public static IncentivePlan? InForce(IEnumerable<IncentivePlan> versions, DateOnly day) =>
        versions.Where(p => p.EffectiveFrom <= day).MaxBy(p => p.EffectiveFrom);

    /// <summary>
    /// The month of <paramref name="deals"/> (the consultant's retail sales invoiced in it): each paid by its plan version; the
    /// month's units set the tier of every line (back to the first unit); attainment against <paramref name="targetUnits"/> sets
    /// the multiplier of the plan in force on <paramref name="lastDay"/>.
    /// </summary>
    public static CommissionMonth Month(IReadOnlyList<IncentivePlan> versions, IReadOnlyList<CommissionDeal> deals, int? targetUnits, DateOnly lastDay)
    {
        var units = deals.Count;
        var lines = deals.OrderBy(d => d.InvoicedOn).ThenBy(d => d.DealId, StringComparer.Ordinal)
            .Select(d => Line(InForce(versions, d.InvoicedOn), d, units)).ToList();
        var subtotal = lines.Sum(l => l.Total);
        decimal? attainment = targetUnits is > 0 ? decimal.Round((decimal)units / targetUnits.Value, 4) : null;
        var multiplier = attainment is { } a && InForce(versions, lastDay) is { } plan
            ? plan.Multipliers.Where(m => m.FromAttainment <= a).Select(m => m.Multiplier).DefaultIfEmpty(1m).Last()
            : 1m;
        return new CommissionMonth(lines, units, attainment, multiplier, subtotal, Fen(subtotal * multiplier));
    }

    /// <summary>
    /// The consultant's statement: each line at its latest adjustment (or as worked), the sum × the month's multiplier rounded once
    /// to the fen, less the chargebacks. An adjustment of a sale no longer in the month (unwound before the month was paid) is ignored.
    /// </summary>
    public static ConsultantStatement Statement(string consultantId, CommissionMonth worked, IReadOnlyList<CommissionAdjustment> adjustments,
        IReadOnlyList<Chargeback> chargebacks, StatementStatus status)
    {
        var adjusted = worked.Lines.Sum(l => Effective(l, adjustments) - l.Total);
        var chargedBack = chargebacks.Sum(c => c.Amount);
        return new ConsultantStatement(consultantId, worked.Month ?? "", worked, adjustments, chargebacks, adjusted, chargedBack,
            Fen((worked.Subtotal + adjusted) * worked.Multiplier) - chargedBack, status);
    }

    /// <summary>What each sale's line paid: its amount as adjusted × the month's multiplier, to the fen (what an unwind later takes back).</summary>
    public static IEnumerable<(string DealId, decimal Paid)> PaidLines(ConsultantStatement statement) =>
        statement.Worked.Lines.Select(l => (l.DealId, Fen(Effective(l, statement.Adjustments) * statement.Worked.Multiplier)));

    private static decimal Effective(CommissionLine line, IReadOnlyList<CommissionAdjustment> adjustments) =>
        adjustments.Where(a => a.DealId == line.DealId).MaxBy(a => a.AdjustedAt)?.Amount ?? line.Total;

    private static CommissionLine Line(IncentivePlan? plan, CommissionDeal deal, int unitsInMonth)
    {
        if (plan is null)
        {
            return new CommissionLine(deal.DealId, deal.Model, deal.InvoicedOn, null, null, 0m, 0m, 0m, 0m, 0m, 0m, 0m);
        }

        var model = deal.Model.Trim();
        var perUnit = Fen((plan.PerUnit.FirstOrDefault(r => string.Equals(r.Model.Trim(), model, StringComparison.OrdinalIgnoreCase))
            ?? plan.PerUnit.FirstOrDefault(r => r.Model.Trim() == "*"))?.Amount ?? 0m);

        // A deal sold at a loss earns no share of its gross profit, and loses none.
        var profitShare = Fen(Math.Max(0m, deal.NetGrossProfit) * plan.GrossProfitShare);
        var addOns = Fen(deal.AccessoryIncome * plan.AccessoryShare) + Fen(deal.InsuranceIncome * plan.InsuranceShare)
            + Fen(deal.FinanceIncome * plan.FinanceShare);
        var earned = perUnit + profitShare + addOns;
        var topUp = Math.Max(0m, plan.MinimumPerDeal - earned);
        var spiff = plan.Spiffs.FirstOrDefault(s => string.Equals(s.Model.Trim(), model, StringComparison.OrdinalIgnoreCase)
            && s.From <= deal.InvoicedOn && deal.InvoicedOn <= s.To)?.Amount ?? 0m;
        var tier = plan.Tiers.Where(t => t.FromUnits <= unitsInMonth).Select(t => t.BonusPerUnit).DefaultIfEmpty(0m).Last();
        return new CommissionLine(deal.DealId, deal.Model, deal.InvoicedOn, plan.Name, plan.EffectiveFrom, perUnit, profitShare, addOns, topUp,
            Fen(spiff), Fen(tier), earned + topUp + Fen(spiff) + Fen(tier));
    }
}
