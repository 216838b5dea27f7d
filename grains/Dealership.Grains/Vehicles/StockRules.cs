using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Vehicles;

/// <summary>The stock list's rules: days in stock, aged cars, the inventory coefficient, what a filter shows.</summary>
public static class StockRules
{
    /// <summary>
    /// Builds the list from the store's vehicle summaries and the number of cars its ledger says are on hand. Days in stock count
    /// local calendar days since the car came into this store's stock, days since arrival since it came into the group's (aged
    /// is judged on those); the inventory coefficient is (in stock + in transit, demo cars excluded) ÷ the retail sales of the
    /// last 30 days — with none it is null and flagged, never a division by zero.
    /// </summary>
    public static StockReport Report(string storeId, IEnumerable<VehicleSummary> cars, int onHandByLedger,
        RetailSales sales, DateTimeOffset now, TimeZoneInfo zone, int agedStockDays, StockFilter filter,
        IReadOnlyDictionary<string, TransferLeg>? transfers = null)
    {
        transfers ??= new Dictionary<string, TransferLeg>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var basisFrom = BasisFrom(today);
        var all = cars.ToList();
        var held = all.Where(c => c.Status is VehicleStatus.Ordered or VehicleStatus.InTransit or VehicleStatus.InStock or VehicleStatus.Reserved
                || (c.Status == VehicleStatus.TransferredOut && transfers.ContainsKey(c.Vin)))
            .Select(c => Row(c, today, zone, agedStockDays, transfers.GetValueOrDefault(c.Vin)))
            .OrderBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Trim, StringComparer.Ordinal).ThenBy(r => r.Vin, StringComparer.Ordinal)
            .ToList();
        var physicallyHere = held.Count(r => r.DaysInStock is not null);
        var incoming = held.Count(r => transfers.GetValueOrDefault(r.Vin) is { Incoming: true });
        var pipeline = held.Count(r => !r.Demo && (r.DaysInStock is not null || r.Status is VehicleStatus.InTransit or VehicleStatus.Reserved
            || transfers.GetValueOrDefault(r.Vin) is { Incoming: true }));
        decimal? coefficient = sales.Last30Days == 0 ? null : decimal.Round((decimal)pipeline / sales.Last30Days, 2);
        var figures = new StockFigures(
            InStock: physicallyHere,
            InTransit: held.Count(r => r.Status == VehicleStatus.InTransit || (r.Status == VehicleStatus.Reserved && r.DaysInStock is null)) + incoming,
            Reserved: held.Count(r => r.Status == VehicleStatus.Reserved),
            DemoCars: held.Count(r => r.Demo),
            Aged: held.Count(r => r.Aged),
            OnHandByLedger: onHandByLedger,
            RetailSalesThisMonth: sales.ThisMonth,
            InventoryCoefficient: coefficient,
            CoefficientWarning: coefficient > StockReport.CoefficientWarningAbove,
            NoRetailSalesThisMonth: sales.ThisMonth == 0,
            FloorPlanOverdue: held.Count(r => r.FloorPlanOverdue),
            CertificatesNotReceived: held.Count(r => r.DaysInStock is not null && r.Certificate == CertificateLocation.NotYetReceived),
            RetailSalesLast30Days: sales.Last30Days,
            CoefficientBasis: $"retail sales of the last {StockReport.CoefficientBasisDays} days, {basisFrom:yyyy-MM-dd} to {today:yyyy-MM-dd}",
            NoRetailSalesInBasis: sales.Last30Days == 0,
            SoldAwaitingDelivery: all.Count(c => c.Status == VehicleStatus.Sold));
        return new StockReport(storeId, today, agedStockDays, held.Where(r => Matches(r, filter)).ToArray(), figures);
    }

    /// <summary>The first store-local day of the coefficient's window that ends today.</summary>
    public static DateOnly BasisFrom(DateOnly today) => today.AddDays(1 - StockReport.CoefficientBasisDays);

    private static StockRow Row(VehicleSummary c, DateOnly today, TimeZoneInfo zone, int agedStockDays, TransferLeg? transfer)
    {
        // A car is physically here when it has an in-stock date: in stock, or reserved after it arrived.
        var here = c.InStockSince is not null && c.Status is VehicleStatus.InStock or VehicleStatus.Reserved;
        int? days = here ? DaysSince(c.InStockSince!.Value, today, zone) : null;
        int? sinceArrival = here ? DaysSince(c.ArrivedInGroup ?? c.InStockSince!.Value, today, zone) : null;
        return new StockRow(c.Vin, c.Model, c.Trim, c.Colour, c.Status, c.Demo, days, sinceArrival > agedStockDays, c.Certificate,
            c.FloorPlan?.Lender, c.FloorPlan?.DueDate, c.FloorPlan is { } plan && plan.DueDate < today, sinceArrival,
            transfer is null ? null : transfer.Incoming ? $"incoming from {transfer.OtherStore}" : $"outgoing to {transfer.OtherStore}");
    }

    private static int DaysSince(DateTimeOffset since, DateOnly today, TimeZoneInfo zone) =>
        today.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(since, zone).DateTime).DayNumber;

    private static bool Matches(StockRow r, StockFilter f) =>
        (f.Status is null || r.Status == f.Status)
        && (f.Model is null || string.Equals(r.Model, f.Model, StringComparison.OrdinalIgnoreCase))
        && (f.Trim is null || string.Equals(r.Trim, f.Trim, StringComparison.OrdinalIgnoreCase))
        && (f.Colour is null || string.Equals(r.Colour, f.Colour, StringComparison.OrdinalIgnoreCase))
        && (f.MinDays is null || r.DaysInStock >= f.MinDays)
        && (f.Demo is null || r.Demo == f.Demo)
        && (!f.AgedOnly || r.Aged);
}

/// <summary>The retail sales a stock list's figures read: the month so far, and the last 30 days the coefficient divides by.</summary>
public readonly record struct RetailSales(int ThisMonth, int Last30Days);

/// <summary>A car in transfer as one store sees it: the other store, and whether it is coming here or leaving.</summary>
public sealed record TransferLeg(string OtherStore, bool Incoming);
