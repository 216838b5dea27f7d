using Dealership.Contracts.Stores;

namespace Dealership.Contracts.Sales;

/// <summary>The money of a deal, worked out from its terms and the store's VAT rate. All CNY.</summary>
[GenerateSerializer, Immutable, Alias("DealFigures")]
public sealed record DealFigures(
    [property: Id(0)] decimal SellingPrice,
    [property: Id(1)] decimal AccessoriesSold,
    [property: Id(2)] decimal Fees,
    [property: Id(3)] decimal AmountDue,
    [property: Id(4)] decimal TradeInAllowance,
    [property: Id(5)] decimal CashDue,
    [property: Id(6)] decimal GrossProfitIncludingVat,
    [property: Id(7)] decimal GrossProfit,
    [property: Id(8)] decimal BindingDepositCap,
    [property: Id(9)] decimal VatRate);

/// <summary>Who must approve a deal before it is signed.</summary>
public enum ApprovalTier
{
    None = 0,
    SalesManager = 1,
    GeneralManager = 2,
}

