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
        var overAllowance = terms.TradeIn is { } t ? Math.Max(0m, t.Allowance - t.Valuation) : 0m;
        var gpInclusive = selling - terms.VehicleCost + terms.ExpectedRebate + accessoryMargin
            + terms.InsuranceCommission + terms.FinanceCommission - overAllowance;
        var amountDue = selling + accessoriesSold + fees;
        return new DealFigures(
            selling, accessoriesSold, fees, amountDue, allowance, amountDue - allowance,
            gpInclusive, Round(gpInclusive / (1m + vatRate)), Round(selling * BindingDepositShare), vatRate);
    }

    /// <summary>The approval a deal needs, and why: beyond the consultant's discount limit or below the gross-profit floor.</summary>
    public static (ApprovalTier Tier, IReadOnlyList<string> Reasons) Approval(DealTerms terms, DealFigures figures, StorePolicies policies)
    {
        var reasons = new List<string>();
        var tier = ApprovalTier.None;
        if (terms.Discount > policies.ManagerDiscountLimit)
        {
            tier = ApprovalTier.GeneralManager;
            reasons.Add($"discount {terms.Discount:0.00} is above the sales manager's limit {policies.ManagerDiscountLimit:0.00}");
        }
        else if (terms.Discount > policies.ConsultantDiscountLimit)
        {
            tier = ApprovalTier.SalesManager;
            reasons.Add($"discount {terms.Discount:0.00} is above the consultant's limit {policies.ConsultantDiscountLimit:0.00}");
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
