using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;

namespace Dealership.Grains.Ownership;

/// <summary>
/// The store's cars in stock and on their way: the opening balance. A VIN the group does not know is registered through the car
/// itself, as a clerk registers one (its state, list line and, for a car in stock, a Receipt in the stock ledger marked as the
/// opening balance, with its real arrival day as the day its age in stock counts from). A car the store has keeps its cost, status and history, and
/// takes the row's filled details (demo flag, certificate, floor plan). A VIN another store of the group has is a bad row.
/// </summary>
internal sealed class VehicleImporter : Importer<ImportedVehicle>
{
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private DateOnly today;

    public override async Task Prepare(ImportContext context) => (zone, today) = await SalesImport.Day(context);

    public override string? Key(ImportRow row) =>
        ImportCells.Clean(row.Cells.Count > 0 ? row.Cells[0] : null)?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    protected override (ImportedVehicle? Record, IReadOnlyList<ImportProblem> Problems) Read(ImportRow row) => ImportRules.Vehicle(row, today);

    protected override async Task<IReadOnlyList<ImportProblem>> Vet(ImportContext context, IReadOnlyList<(int Row, ImportedVehicle Record)> rows)
    {
        var known = await Cars(context, rows.Select(r => r.Record));
        return [.. rows.Where(r => known.TryGetValue(r.Record.Car.Vin, out var car) && car.StoreId != context.StoreId)
            .Select(r => new ImportProblem(r.Row, "vin", "vin-elsewhere", $"{r.Record.Car.Vin} is a car of store '{known[r.Record.Car.Vin].StoreId}'."))];
    }

    protected override async Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<ImportedVehicle> rows)
    {
        var known = await Cars(context, rows);
        return rows.ToDictionary(r => r.Car.Vin, r => Outcome(known, r), StringComparer.Ordinal);
    }

    protected override async Task<ImportTally> Apply(ImportContext context, IReadOnlyList<ImportedVehicle> rows)
    {
        var known = await Cars(context, rows);
        var done = await ImportChecks.InTurns(rows, async r =>
        {
            var outcome = Outcome(known, r);
            var car = context.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(context.GroupId, r.Car.Vin));
            if (outcome == ImportOutcome.Added)
            {
                var since = r.Car.Status == VehicleStatus.InStock && r.Arrived is { } day ? Arrival(day, context) : (DateTimeOffset?)null;
                ImportChecks.Must(await car.Register(context.StoreId, r.Car with { InStockSince = since }, null));
            }
            else if (outcome == ImportOutcome.Updated)
            {
                var kept = known[r.Car.Vin];
                ImportChecks.Must(await car.UpdateDetails(context.StoreId, r.Demo ?? kept.Demo, r.Certificate ?? kept.Certificate, r.FloorPlan ?? kept.FloorPlan));
            }

            return outcome;
        });
        var (added, updated) = (done.Count(d => d == ImportOutcome.Added), done.Count(d => d == ImportOutcome.Updated));
        return new ImportTally(added, updated, rows.Count - added - updated, 0);
    }

    // Arrived in the store's morning of that day; a car that arrived today arrived no later than now.
    private DateTimeOffset Arrival(DateOnly day, ImportContext context)
    {
        var morning = StoreFacts.StartOf(day, zone).AddHours(9);
        var now = context.Clock.GetUtcNow();
        return morning > now ? now : morning;
    }

    private static ImportOutcome Outcome(IReadOnlyDictionary<string, Kept> known, ImportedVehicle row) =>
        !known.TryGetValue(row.Car.Vin, out var kept) ? ImportOutcome.Added
        : (row.Demo ?? kept.Demo) == kept.Demo && (row.Certificate ?? kept.Certificate) == kept.Certificate
            && (row.FloorPlan ?? kept.FloorPlan) == kept.FloorPlan ? ImportOutcome.Unchanged
        : ImportOutcome.Updated;

    /// <summary>The group's cars with the rows' VINs, by VIN: which store has each, and its details.</summary>
    private static async Task<Dictionary<string, Kept>> Cars(ImportContext context, IEnumerable<ImportedVehicle> rows) =>
        (await context.Database.List(
            "SELECT vin, store_id, demo, certificate, floor_plan_lender, floor_plan_due FROM vehicles WHERE group_id = $1 AND vin = ANY($2)",
            r => new Kept(r.GetString(0), r.GetString(1), r.GetBoolean(2), Enum.Parse<CertificateLocation>(r.GetString(3)),
                r.IsDBNull(4) ? null : new FloorPlan(r.GetString(4), r.GetFieldValue<DateOnly>(5))),
            context.GroupId, rows.Select(r => r.Car.Vin).ToArray())).ToDictionary(k => k.Vin, StringComparer.Ordinal);

    private sealed record Kept(string Vin, string StoreId, bool Demo, CertificateLocation Certificate, FloorPlan? FloorPlan);
}
