namespace Dealership.Contracts.Pay;

/// <summary>A deal as commission sees it: invoiced on a store-local day, its model, net gross profit and add-on income (CNY).</summary>
[GenerateSerializer, Immutable, Alias("CommissionDeal")]
public sealed record CommissionDeal(
    [property: Id(0)] string DealId,
    [property: Id(1)] string Model,
    [property: Id(2)] DateOnly InvoicedOn,
    [property: Id(3)] decimal NetGrossProfit,
    [property: Id(4)] decimal AccessoryIncome,
    [property: Id(5)] decimal InsuranceIncome,
    [property: Id(6)] decimal FinanceIncome);

/// <summary>
/// A deal's line of a commission statement, every component shown: the plan version that paid it (in force on its invoice day;
/// null when none was), the amount per unit of its model line, the share of its gross profit, the add-on shares, what the minimum
/// per deal added, its spiff and the month's tier bonus. Each component is rounded to the fen, half away from zero.
/// </summary>
[GenerateSerializer, Immutable, Alias("CommissionLine")]
public sealed record CommissionLine(
    [property: Id(0)] string DealId,
    [property: Id(1)] string Model,
    [property: Id(2)] DateOnly InvoicedOn,
    [property: Id(3)] string? Plan,
    [property: Id(4)] DateOnly? PlanFrom,
    [property: Id(5)] decimal PerUnit,
    [property: Id(6)] decimal GrossProfitShare,
    [property: Id(7)] decimal AddOns,
    [property: Id(8)] decimal MinimumTopUp,
    [property: Id(9)] decimal Spiff,
    [property: Id(10)] decimal TierBonus,
    [property: Id(11)] decimal Total);

/// <summary>
/// A consultant's month under the plans: each deal's line, the units, the target attainment and the multiplier it earned (from the
/// plan in force on the month's last day), the lines' sum and the month's pay (the sum × the multiplier, rounded once to the fen);
/// <see cref="Month"/> (yyyy-MM) names the store-local month.
/// </summary>
[GenerateSerializer, Immutable, Alias("CommissionMonth")]
public sealed record CommissionMonth(
    [property: Id(0)] IReadOnlyList<CommissionLine> Lines,
    [property: Id(1)] int Units,
    [property: Id(2)] decimal? Attainment,
    [property: Id(3)] decimal Multiplier,
    [property: Id(4)] decimal Subtotal,
    [property: Id(5)] decimal Total,
    [property: Id(6)] string? Month = null);
