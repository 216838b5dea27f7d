using Dealership.Contracts.Pay;

namespace Dealership.Grains.Pay;

/// <summary>Where a store's plan differs from the group template it was adopted from: its name, day and template aside, part by part.</summary>
public static class IncentiveTemplateRules
{
    public static IReadOnlyList<string> LocalChanges(IncentivePlan plan, IncentivePlan template)
    {
        // Amounts compare as numbers (300 and 300.00 are the same), lists line by line in order.
        (string Part, bool Same)[] parts =
        [
            ("perUnit", plan.PerUnit.SequenceEqual(template.PerUnit)),
            ("grossProfitShare", plan.GrossProfitShare == template.GrossProfitShare),
            ("accessoryShare", plan.AccessoryShare == template.AccessoryShare),
            ("insuranceShare", plan.InsuranceShare == template.InsuranceShare),
            ("financeShare", plan.FinanceShare == template.FinanceShare),
            ("minimumPerDeal", plan.MinimumPerDeal == template.MinimumPerDeal),
            ("tiers", plan.Tiers.SequenceEqual(template.Tiers)),
            ("spiffs", plan.Spiffs.SequenceEqual(template.Spiffs)),
            ("multipliers", plan.Multipliers.SequenceEqual(template.Multipliers)),
        ];
        return [.. parts.Where(p => !p.Same).Select(p => p.Part)];
    }
}
