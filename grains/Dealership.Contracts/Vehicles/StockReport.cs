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

/// <summary>One car on the stock list.</summary>
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
    [property: Id(11)] bool FloorPlanOverdue);

/// <summary>The figures under a stock list (all cars of the store, whatever the filter).</summary>
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
    [property: Id(11)] int CertificatesNotReceived);

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

    /// <summary>
    /// Builds the list from the store's vehicle summaries and the number of cars its ledger says are on hand. Days in stock count local calendar days since the
    /// car came into stock; the inventory coefficient is (in stock + in transit, demo cars excluded) ÷ the month's retail
    /// sales — with no retail sales it is null and flagged, never a division by zero.
    /// </summary>
    public static StockReport Build(string storeId, IEnumerable<VehicleSummary> cars, int onHandByLedger,
        int retailSalesThisMonth, DateTimeOffset now, TimeZoneInfo zone, int agedStockDays, StockFilter filter)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var held = cars.Where(c => c.Status is VehicleStatus.Ordered or VehicleStatus.InTransit or VehicleStatus.InStock or VehicleStatus.Reserved)
            .Select(c => Row(c, today, zone, agedStockDays))
            .OrderBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Trim, StringComparer.Ordinal).ThenBy(r => r.Vin, StringComparer.Ordinal)
            .ToList();
        var physicallyHere = held.Count(r => r.DaysInStock is not null);
        var pipeline = held.Count(r => !r.Demo && (r.DaysInStock is not null || r.Status is VehicleStatus.InTransit or VehicleStatus.Reserved));
        decimal? coefficient = retailSalesThisMonth == 0 ? null : decimal.Round((decimal)pipeline / retailSalesThisMonth, 2);
        var figures = new StockFigures(
            InStock: physicallyHere,
            InTransit: held.Count(r => r.Status == VehicleStatus.InTransit || (r.Status == VehicleStatus.Reserved && r.DaysInStock is null)),
            Reserved: held.Count(r => r.Status == VehicleStatus.Reserved),
            DemoCars: held.Count(r => r.Demo),
            Aged: held.Count(r => r.Aged),
            OnHandByLedger: onHandByLedger,
            RetailSalesThisMonth: retailSalesThisMonth,
            InventoryCoefficient: coefficient,
            CoefficientWarning: coefficient > CoefficientWarningAbove,
            NoRetailSalesThisMonth: retailSalesThisMonth == 0,
            FloorPlanOverdue: held.Count(r => r.FloorPlanOverdue),
            CertificatesNotReceived: held.Count(r => r.DaysInStock is not null && r.Certificate == CertificateLocation.NotYetReceived));
        return new StockReport(storeId, today, agedStockDays, held.Where(r => Matches(r, filter)).ToArray(), figures);
    }

    private static StockRow Row(VehicleSummary c, DateOnly today, TimeZoneInfo zone, int agedStockDays)
    {
        // A car is physically here when it has an in-stock date: in stock, or reserved after it arrived.
        int? days = c.InStockSince is { } since && c.Status is VehicleStatus.InStock or VehicleStatus.Reserved
            ? today.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(since, zone).DateTime).DayNumber
            : null;
        return new StockRow(c.Vin, c.Model, c.Trim, c.Colour, c.Status, c.Demo, days, days > agedStockDays, c.Certificate,
            c.FloorPlan?.Lender, c.FloorPlan?.DueDate, c.FloorPlan is { } plan && plan.DueDate < today);
    }

    private static bool Matches(StockRow r, StockFilter f) =>
        (f.Status is null || r.Status == f.Status)
        && (f.Model is null || string.Equals(r.Model, f.Model, StringComparison.OrdinalIgnoreCase))
        && (f.Trim is null || string.Equals(r.Trim, f.Trim, StringComparison.OrdinalIgnoreCase))
        && (f.Colour is null || string.Equals(r.Colour, f.Colour, StringComparison.OrdinalIgnoreCase))
        && (f.MinDays is null || r.DaysInStock >= f.MinDays)
        && (f.Demo is null || r.Demo == f.Demo)
        && (!f.AgedOnly || r.Aged);
}
