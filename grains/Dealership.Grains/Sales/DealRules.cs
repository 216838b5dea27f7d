using Dealership.Contracts.Sales;
using Dealership.Contracts.Stores;

namespace Dealership.Grains.Sales;

/// <summary>The one gross-profit rule of the product (DOMAIN.md workflow 3) and the approval policy built on it.</summary>
public static class DealRules
{
    /// <summary>定金 may be at most this share of the price (PRC Civil Code art. 586).</summary>
    public const decimal BindingDepositShare = 0.20m;

    /// <summary>
    /// Gross profit = selling price − vehicle cost + expected OEM rebate + accessory margin (sold: price − cost; free: − cost)
    /// + insurance and finance commissions − trade-in over-allowance (allowance above valuation); every amount is quoted
    /// VAT-inclusive, so the sum is reported net of VAT by dividing by (1 + the store's rate). Fees are passed through.
    /// </summary>
    public static DealFigures Figures(DealTerms terms, decimal vatRate)
    {
        var accessories = terms.Accessories ?? [];
        var selling = terms.ListPrice - terms.Discount;
        var accessoriesSold = accessories.Where(a => !a.Free).Sum(a => a.Price);
        var accessoryMargin = accessories.Sum(a => (a.Free ? 0m : a.Price) - a.Cost);
        var fees = (terms.Fees ?? []).Sum(f => f.Amount);
        var allowance = terms.TradeIn?.Allowance ?? 0m;
        var overAllowance = OverAllowance(terms);
        var gpInclusive = selling - terms.VehicleCost + terms.ExpectedRebate + accessoryMargin
            + terms.InsuranceCommission + terms.FinanceCommission - overAllowance;
        var amountDue = selling + accessoriesSold + fees;
        return new DealFigures(
            selling, accessoriesSold, fees, amountDue, allowance, amountDue - allowance,
            gpInclusive, Round(gpInclusive / (1m + vatRate)), Round(selling * BindingDepositShare), vatRate);
    }

    /// <summary>
    /// What the discount limits measure: the price discount plus what is given away besides it — free accessories (at their
    /// cost) and a trade-in allowance above the car's valuation.
    /// </summary>
    public static decimal MeasuredDiscount(DealTerms terms) =>
        terms.Discount + (terms.Accessories ?? []).Where(a => a is { Free: true }).Sum(a => a.Cost) + OverAllowance(terms);

    public static decimal OverAllowance(DealTerms terms) => terms.TradeIn is { } t ? Math.Max(0m, t.Allowance - t.Valuation) : 0m;

    /// <summary>
    /// The approval a deal needs, and why: a measured discount beyond the consultant's or the sales manager's limit, gross profit
    /// below the floor, or a list price or expected rebate that differs from the store's books (<paramref name="books"/>; the
    /// general manager decides those).
    /// </summary>
    public static (ApprovalTier Tier, IReadOnlyList<string> Reasons) Approval(DealTerms terms, DealFigures figures, StorePolicies policies,
        BookPrices? books = null)
    {
        var reasons = new List<string>();
        var tier = ApprovalTier.None;
        var measured = MeasuredDiscount(terms);
        // The key account's agreed price was approved when the terms were set: a deal at it, giving nothing away besides and
        // expecting the month's rebate, needs no one's approval (the floor and the approve-every-deal policy included).
        if (books is { Agreed: true } agreed && terms.ListPrice == agreed.ListPrice && measured == 0 && terms.ExpectedRebate == agreed.Rebate)
        {
            return (ApprovalTier.None, [$"at the key account's agreed price {agreed.ListPrice:0.00}"]);
        }

        var discount = measured == terms.Discount
            ? $"discount {measured:0.00}"
            : $"discount {measured:0.00} (price {terms.Discount:0.00}, free accessories {(terms.Accessories ?? []).Where(a => a is { Free: true }).Sum(a => a.Cost):0.00}, " +
                $"trade-in over-allowance {OverAllowance(terms):0.00})";
        if (measured > policies.ManagerDiscountLimit)
        {
            tier = ApprovalTier.GeneralManager;
            reasons.Add($"{discount} is above the sales manager's limit {policies.ManagerDiscountLimit:0.00}");
        }
        else if (measured > policies.ConsultantDiscountLimit)
        {
            tier = ApprovalTier.SalesManager;
            reasons.Add($"{discount} is above the consultant's limit {policies.ConsultantDiscountLimit:0.00}");
        }

        if (books is { } b && terms.ListPrice != b.ListPrice)
        {
            tier = ApprovalTier.GeneralManager;
            reasons.Add($"list price {terms.ListPrice:0.00} differs from {(b.Agreed ? "the key account's agreed price" : "the price book's")} {b.ListPrice:0.00}");
        }

        if (books is { } r && terms.ExpectedRebate != r.Rebate)
        {
            tier = ApprovalTier.GeneralManager;
            reasons.Add($"expected rebate {terms.ExpectedRebate:0.00} differs from the {r.Month} rebate policy's {r.Rebate:0.00}");
        }

        if (figures.GrossProfit < policies.GrossProfitFloor)
        {
            tier = (ApprovalTier)Math.Max((int)tier, (int)ApprovalTier.SalesManager);
            reasons.Add($"gross profit {figures.GrossProfit:0.00} is below the store's floor {policies.GrossProfitFloor:0.00}");
        }

        if (policies.ApproveEveryDeal && tier == ApprovalTier.None)
        {
            tier = ApprovalTier.SalesManager;
            reasons.Add("the store approves every deal");
        }

        return (tier, reasons);
    }

    public static decimal Round(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// What the store's books say for a deal's specification: the list price (a key account's agreed price when <see cref="Agreed"/>),
/// and the rebate of the month it was priced in.
/// </summary>
public sealed record BookPrices(decimal ListPrice, decimal Rebate, string Month, bool Agreed = false);
