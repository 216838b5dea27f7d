using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Grains.AfterSale;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Service;

/// <summary>A store's repair orders, car histories and service numbers: SQL over the rows the orders, days and calls write.</summary>
[StatelessWorker]
public sealed class ServiceListGrain(Database database, StoreGroups storeGroups) : Grain, IServiceListGrain, IScopedGrain
{
    /// <summary>The longest period the numbers cover at once.</summary>
    public const int MaxDays = 92;

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<RepairOrderSummary>>> RepairOrders(RepairOrderStatus? status, PageRequest page)
    {
        if (Roles.Refused("read repair orders", RoleSets.ServiceReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (at, id))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {RepairOrderRow.Columns} FROM repair_orders WHERE store_id = $1 AND ($2::text IS NULL OR status = $2) " +
            "AND (opened_at, repair_order_id) < ($3::timestamptz, $4::text) ORDER BY opened_at DESC, repair_order_id DESC",
            RepairOrderRow.Read, o => Cursor.FromInstant(o.OpenedAt, o.RepairOrderId), page, StoreId, status?.ToString(), at, id);
    }

    public async Task<IReadOnlyList<CarInWorkshop>> InWorkshop() =>
        await database.List(
            "SELECT repair_order_id, plate, status, opened_at, promised_at FROM repair_orders WHERE store_id = $1 " +
            "AND status NOT IN ('Delivered', 'Closed', 'Cancelled') ORDER BY promised_at NULLS LAST, opened_at, repair_order_id LIMIT $2",
            r => new CarInWorkshop(r.GetString(0), CarInWorkshop.MaskPlate(r.IsDBNull(1) ? null : r.GetString(1)),
                Enum.Parse<RepairOrderStatus>(r.GetString(2)), r.GetFieldValue<DateTimeOffset>(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4)),
            StoreId, CarInWorkshop.MaxOnBoard);

    public async Task<Outcome<VehicleServiceHistory>> History(string? vin, string? plate, PageRequest page)
    {
        if (Roles.Refused("read car histories", RoleSets.ServiceReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "infinity", "~") is not var (at, id))
        {
            return Problem.Invalid("after", "is not a cursor of this history.");
        }

        // The VIN is the car. Given a VIN, its visits are those with the VIN and those written with its latest plate alone; given
        // a plate alone, every visit under that plate (a plate can move between cars over the years).
        plate = CarOf.Plate(plate);
        if (vin is not null && plate is null)
        {
            plate = await database.First("SELECT plate FROM repair_orders WHERE store_id = $1 AND vin = $2 AND plate IS NOT NULL " +
                "ORDER BY opened_at DESC LIMIT 1", r => r.GetString(0), StoreId, vin);
        }

        const string TheCar = "(CASE WHEN $2::text IS NOT NULL THEN (vin = $2 OR (vin IS NULL AND plate = $3)) ELSE plate = $3 END)";
        var visits = await database.Page(
            $"SELECT {RepairOrderRow.Columns} FROM repair_orders WHERE store_id = $1 AND {TheCar} " +
            "AND (opened_at, repair_order_id) < ($4::timestamptz, $5::text) ORDER BY opened_at DESC, repair_order_id DESC",
            RepairOrderRow.Read, o => Cursor.FromInstant(o.OpenedAt, o.RepairOrderId), page, StoreId, vin, plate, at, id);
        var lastOdometer = await database.First(
            $"SELECT odometer FROM repair_orders WHERE store_id = $1 AND {TheCar} AND status <> 'Cancelled' " +
            "ORDER BY opened_at DESC, repair_order_id DESC LIMIT 1", r => (int?)r.GetInt32(0), StoreId, vin, plate);
        vin ??= visits.Items.Select(v => v.Vin).FirstOrDefault(v => v is not null);
        plate ??= visits.Items.Select(v => v.Plate).FirstOrDefault(p => p is not null);
        var sale = vin is null ? null : await database.First(
            "SELECT deal_id, customer_name, consultant_id, handover_slot FROM deals WHERE store_id = $1 AND vin = $2 AND status = 'Delivered' " +
            "ORDER BY opened_at DESC LIMIT 1",
            r => new VehicleSale(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3)), StoreId, vin);
        var complaints = await database.List(
            $"SELECT {ComplaintRow.Columns} FROM complaints WHERE store_id = $1 AND status <> 'Closed' AND (vin = $2 OR vin = $3) " +
            "ORDER BY opened_at DESC LIMIT 20", ComplaintRow.Read, StoreId, vin ?? "", plate ?? "");
        return new VehicleServiceHistory(vin, plate, sale, lastOdometer, visits.Items, complaints, visits.Next);
    }

    public async Task<Outcome<ServiceNumbers>> Numbers(DateOnly from, DateOnly to)
    {
        if (Roles.Refused("read the service numbers", RoleSets.ServiceNumbersReaders) is { } refused)
        {
            return refused;
        }

        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            return Problem.Invalid("to", $"must be on or after from, at most {MaxDays} days in all.");
        }

        var settings = (await GrainFactory.GetGrain<IWorkshopGrain>(GrainKeys.Store(StoreId)).Get()).Value?.Settings;
        if (settings is null)
        {
            return Problem.Refused("workshop-not-set-up", "The workshop is not set up yet (PUT /workshop).");
        }

        var zone = StoreFacts.Zone(await StoreFacts.Store(GrainFactory, StoreId));
        var start = StoreFacts.StartOf(from, zone);
        var end = StoreFacts.StartOf(to.AddDays(1), zone);
        var booked = (await database.List(
                "SELECT day, sum(hours), count(*)::integer FROM service_appointments WHERE store_id = $1 AND day BETWEEN $2 AND $3 AND status <> 'Cancelled' " +
                "GROUP BY day", r => (Day: r.GetFieldValue<DateOnly>(0), Hours: r.GetDecimal(1), Count: r.GetInt32(2)), StoreId, from, to))
            .ToDictionary(d => d.Day);
        var days = new List<WorkshopDayLoad>();
        var openDays = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var planner = SlotPlanner.For(settings, day, zone);
            openDays += planner.Open ? 1 : 0;
            var b = booked.GetValueOrDefault(day);
            days.Add(new WorkshopDayLoad(day, planner.TotalCapacity, Parts.Money.Exact(b.Hours), b.Count));
        }

        var worked = (await database.List(
                "SELECT technician_id, sum(minutes)::integer FROM repair_order_clock WHERE store_id = $1 AND off_at >= $2 AND off_at < $3 GROUP BY technician_id",
                r => (Id: r.GetString(0), Minutes: r.GetInt32(1)), StoreId, start, end))
            .ToDictionary(w => w.Id, w => w.Minutes);
        var flatRate = (await database.List(
                "SELECT technician_id, sum(quantity) FROM repair_order_lines WHERE store_id = $1 AND kind = 'Labour' AND status = 'Approved' " +
                "AND done_at >= $2 AND done_at < $3 AND technician_id IS NOT NULL GROUP BY technician_id",
                r => (Id: r.GetString(0), Hours: r.GetDecimal(1)), StoreId, start, end))
            .ToDictionary(w => w.Id, w => w.Hours);
        var technicians = settings.Technicians.Select(t => t.StaffId).Union(worked.Keys).Union(flatRate.Keys).Order(StringComparer.Ordinal)
            .Select(staffId =>
            {
                var rostered = settings.Technicians.FirstOrDefault(t => t.StaffId == staffId);
                var available = rostered is null ? 0m : decimal.Round((decimal)(rostered.Ends - rostered.Starts).TotalHours * openDays, 2);
                var hours = decimal.Round(worked.GetValueOrDefault(staffId) / 60m, 2);
                var flat = Parts.Money.Exact(flatRate.GetValueOrDefault(staffId));
                return new TechnicianNumbers(staffId, available, hours, flat,
                    available == 0 ? null : decimal.Round(hours / available, 3), hours == 0 ? null : decimal.Round(flat / hours, 3));
            }).ToList();
        var delivered = await database.First(
            "SELECT count(*)::integer, count(*) FILTER (WHERE promised_at IS NOT NULL AND delivered_at <= promised_at)::integer FROM repair_orders " +
            "WHERE store_id = $1 AND delivered_at >= $2 AND delivered_at < $3",
            r => (All: r.GetInt32(0), OnTime: r.GetInt32(1)), StoreId, start, end);
        var calls = await database.First(
            "SELECT count(*)::integer, count(*) FILTER (WHERE status = 'Done' AND done_at <= due)::integer FROM tasks " +
            "WHERE store_id = $1 AND kind = $2 AND due >= $3 AND due < $4",
            r => (Due: r.GetInt32(0), OnTime: r.GetInt32(1)), StoreId, RepairOrderGrain.FollowUpTaskKind, start, end);
        var complaints = await database.Scalar<long>(
            "SELECT count(*) FROM complaints WHERE store_id = $1 AND repair_order_id IS NOT NULL AND status <> 'Closed'", StoreId);
        return new ServiceNumbers(StoreId, from, to, days, technicians, delivered.All, delivered.OnTime, calls.Due, calls.OnTime, (int)complaints);
    }
}
