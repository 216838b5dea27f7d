using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Vehicles;

/// <summary>The stock list's rules: days in stock, aged cars, the inventory coefficient, what a filter shows.</summary>
public static class StockRules
{
    /// <summary>
    /// Builds the list from the store's vehicle summaries and the number of cars its ledger says are on hand. Days in stock count local calendar days since the
    /// car came into stock; the inventory coefficient is (in stock + in transit, demo cars excluded) ÷ the month's retail
    /// sales — with no retail sales it is null and flagged, never a division by zero.
    /// </summary>
    public static StockReport Report(string storeId, IEnumerable<VehicleSummary> cars, int onHandByLedger,
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
            CoefficientWarning: coefficient > StockReport.CoefficientWarningAbove,
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
