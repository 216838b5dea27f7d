using Dealership.Contracts.Common;
using Dealership.Contracts.Stores;

namespace Dealership.Contracts.Vehicles;

/// <summary>Which cars a stock list shows. Empty filters show every car the store holds or awaits.</summary>
[GenerateSerializer, Immutable, Alias("StockFilter")]
public sealed record StockFilter(
    [property: Id(0)] VehicleStatus? Status = null,
    [property: Id(1)] string? Model = null,
    [property: Id(2)] string? Trim = null,
    [property: Id(3)] string? Colour = null,
    [property: Id(4)] int? MinDays = null,
    [property: Id(5)] bool? Demo = null,
    [property: Id(6)] bool AgedOnly = false)
{
    public static StockFilter All { get; } = new();
}

/// <summary>
/// One car on the stock list. <see cref="DaysInStock"/> counts from its arrival at this store; <see cref="DaysSinceArrival"/>
/// from its first arrival in the group, so a transfer between stores does not make an old car look new. Aged is judged on the
/// latter. A car in transfer between two stores is on both lists (<see cref="Transfer"/>: "outgoing to …" at the sending store,
/// "incoming from …" at the receiving one, where it counts as in transit).
/// </summary>
[GenerateSerializer, Immutable, Alias("StockRow")]
public sealed record StockRow(
    [property: Id(0)] string Vin,
    [property: Id(1)] string Model,
    [property: Id(2)] string Trim,
    [property: Id(3)] string Colour,
    [property: Id(4)] VehicleStatus Status,
    [property: Id(5)] bool Demo,
    [property: Id(6)] int? DaysInStock,
    [property: Id(7)] bool Aged,
    [property: Id(8)] CertificateLocation Certificate,
    [property: Id(9)] string? FloorPlanLender,
    [property: Id(10)] DateOnly? FloorPlanDue,
    [property: Id(11)] bool FloorPlanOverdue,
    [property: Id(12)] int? DaysSinceArrival = null,
    [property: Id(13)] string? Transfer = null);

/// <summary>
/// The figures under a stock list (all cars of the store, whatever the filter). The inventory coefficient divides by the retail
/// sales of the last 30 days (<see cref="CoefficientBasis"/> names them), not by the month so far, which is nearly empty on the 2nd.
/// </summary>
/// <param name="InStock">Cars physically at the store and not yet sold: in stock, free or reserved for a deal (demo cars too).</param>
/// <param name="InTransit">Cars on their way to the store: from the OEM, or reserved while still in transit.</param>
/// <param name="OnHandByLedger">
/// Cars the stock ledger says are on hand: received and not yet delivered. It counts sold cars awaiting their handover, which
/// <see cref="InStock"/> does not: <c>OnHandByLedger = InStock + SoldAwaitingDelivery</c> unless a count correction says otherwise.
/// </param>
/// <param name="Reserved">Cars held for a deal (配车), here or in transit.</param>
/// <param name="DemoCars">Demo cars among the cars held (left out of the inventory coefficient).</param>
/// <param name="Aged">Cars here longer than the store's aged-stock days, counted from their arrival in the group.</param>
/// <param name="SoldAwaitingDelivery">Cars invoiced (sold) and still at the store until their handover.</param>
/// <param name="RetailSalesThisMonth">Retail sales (issued invoices) from the 1st of the store's month to today.</param>
/// <param name="RetailSalesLast30Days">Retail sales of the last 30 of the store's days: what the coefficient divides by.</param>
/// <param name="InventoryCoefficient">(cars here + in transit, demo cars excluded) ÷ the last 30 days' retail sales; null without sales.</param>
/// <param name="CoefficientWarning">The coefficient is above 1.5.</param>
/// <param name="CoefficientBasis">Which sales the coefficient divides by, with their dates.</param>
/// <param name="NoRetailSalesThisMonth">No retail sale yet this month.</param>
/// <param name="NoRetailSalesInBasis">No retail sale in the last 30 days: the coefficient is null rather than divided by zero.</param>
/// <param name="FloorPlanOverdue">Cars whose floor-plan credit is past its due date.</param>
/// <param name="CertificatesNotReceived">Cars here whose certificate of conformity (合格证) has not arrived.</param>
[GenerateSerializer, Immutable, Alias("StockFigures")]
public sealed record StockFigures(
    [property: Id(0)] int InStock,
    [property: Id(1)] int InTransit,
    [property: Id(2)] int Reserved,
    [property: Id(3)] int DemoCars,
    [property: Id(4)] int Aged,
    [property: Id(5)] int OnHandByLedger,
    [property: Id(6)] int RetailSalesThisMonth,
    [property: Id(7)] decimal? InventoryCoefficient,
    [property: Id(8)] bool CoefficientWarning,
    [property: Id(9)] bool NoRetailSalesThisMonth,
    [property: Id(10)] int FloorPlanOverdue,
    [property: Id(11)] int CertificatesNotReceived,
    [property: Id(12)] int RetailSalesLast30Days,
    [property: Id(13)] string CoefficientBasis,
    [property: Id(14)] bool NoRetailSalesInBasis,
    [property: Id(15)] int SoldAwaitingDelivery = 0);

[GenerateSerializer, Immutable, Alias("StockReport")]
public sealed record StockReport(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] int AgedStockDays,
    [property: Id(3)] IReadOnlyList<StockRow> Rows,
    [property: Id(4)] StockFigures Figures,
    [property: Id(5)] string? Next = null)
{
    /// <summary>DOMAIN.md: an inventory coefficient above this is a warning.</summary>
    public const decimal CoefficientWarningAbove = 1.5m;

    /// <summary>The window of retail sales the inventory coefficient divides by, in the store's days up to today.</summary>
    public const int CoefficientBasisDays = 30;
}
