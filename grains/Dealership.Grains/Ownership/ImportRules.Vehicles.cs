using Dealership.Contracts.Ownership;
using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Ownership;

/// <summary>
/// A car as its import row gives it: registered as the row says (an in-stock car from its arrival day), and the details cells
/// the row filled (a car the store has takes only those).
/// </summary>
public sealed record ImportedVehicle(NewVehicle Car, DateOnly? Arrived, bool? Demo, CertificateLocation? Certificate, FloorPlan? FloorPlan);

public static partial class ImportRules
{
    private static readonly Dictionary<string, VehicleStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["在库"] = VehicleStatus.InStock,
        ["instock"] = VehicleStatus.InStock,
        ["在途"] = VehicleStatus.InTransit,
        ["intransit"] = VehicleStatus.InTransit,
        ["已订购"] = VehicleStatus.Ordered,
        ["订购"] = VehicleStatus.Ordered,
        ["ordered"] = VehicleStatus.Ordered,
    };

    private static readonly Dictionary<string, CertificateLocation> Certificates = new(StringComparer.Ordinal)
    {
        ["未收到"] = CertificateLocation.NotYetReceived,
        ["notyetreceived"] = CertificateLocation.NotYetReceived,
        ["保险柜"] = CertificateLocation.InSafe,
        ["insafe"] = CertificateLocation.InSafe,
        ["融资银行"] = CertificateLocation.WithFloorPlanBank,
        ["withfloorplanbank"] = CertificateLocation.WithFloorPlanBank,
    };

    /// <param name="today">The store's day: an in-stock car arrived on it or before, at most ten years back.</param>
    public static (ImportedVehicle? Vehicle, IReadOnlyList<ImportProblem> Problems) Vehicle(ImportRow row, DateOnly today)
    {
        var cells = new ImportCells(row, ImportTemplates.Vehicles);
        var vin = cells.Text("vin", 17 + 10, required: true)?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (vin is not null && Vin.Problem(vin) is { } problem)
        {
            cells.Problem("vin", "bad-vin", problem);
        }

        var model = cells.Text("model", 60, required: true);
        var trim = cells.Text("trim", 60, required: true);
        var colour = cells.Text("colour", 40, required: true);
        var cost = cells.Money("cost", 100_000_000m, required: true);
        if (cost == 0m)
        {
            cells.Problem("cost", "out-of-range", "must be more than 0.");
        }

        var status = cells.Choice("status", Statuses, "在库/在途/已订购, In stock/In transit/Ordered", required: true);
        var arrived = cells.Date("arrived", today.AddDays(-NewVehicle.OpeningBalanceMaxDays), today);
        if (arrived is not null && status is not null and not VehicleStatus.InStock)
        {
            cells.Problem("arrived", "arrival-not-in-stock", "is given only for a car in stock.");
        }

        var demo = cells.Choice("demo", YesNo, "是/否, yes/no");
        var certificate = cells.Choice("certificate", Certificates, "未收到/保险柜/融资银行, Not yet received/In safe/With floor-plan bank");
        // A floor plan is both cells or neither; a cell already reported as bad is not reported again as missing.
        var before = cells.Problems.Count;
        var lender = cells.Text("floorPlanLender", 80);
        var due = cells.Date("floorPlanDue", today.AddYears(-10), today.AddYears(10));
        if ((lender is null) != (due is null) && cells.Problems.Count == before)
        {
            cells.Problem(lender is null ? "floorPlanLender" : "floorPlanDue", "floor-plan-incomplete", "a floor plan needs both its lender and its due day.");
        }

        if (cells.Bad)
        {
            return (null, cells.Problems);
        }

        var floorPlan = lender is null ? null : new FloorPlan(lender, due!.Value);
        var car = new NewVehicle(vin!, model!, trim!, colour!, cost!.Value, status!.Value, demo ?? false, certificate ?? CertificateLocation.NotYetReceived,
            floorPlan);
        return (new ImportedVehicle(car, arrived, demo, certificate, floorPlan), []);
    }
}
