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
/// latter.
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
    [property: Id(12)] int? DaysSinceArrival = null);

/// <summary>
/// The figures under a stock list (all cars of the store, whatever the filter). The inventory coefficient divides by the retail
/// sales of the last 30 days (<see cref="CoefficientBasis"/> names them), not by the month so far, which is nearly empty on the 2nd.
/// </summary>
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
    [property: Id(14)] bool NoRetailSalesInBasis);

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
