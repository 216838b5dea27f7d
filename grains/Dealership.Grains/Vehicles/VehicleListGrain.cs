using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Vehicles;

/// <summary>A store's cars and its stock list: SQL over the cars' rows and the store's ledger, filtered by group and store.</summary>
[StatelessWorker]
public sealed class VehicleListGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IVehicleListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<VehicleSummary>>> List(VehicleStatus? status, PageRequest page)
    {
        if (Roles.Refused("read the store's cars", RoleSets.VehicleReaders) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Keys(page.After) is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {VehicleRow.Columns} FROM vehicles WHERE group_id = $1 AND store_id = $2 AND ($3::text IS NULL OR status = $3) AND vin > $4 " +
            "ORDER BY vin",
            VehicleRow.Read, v => Cursor.From(v.Vin), page, await Group(), StoreId, status?.ToString(), Cursor.Keys(page.After)?[0] ?? "");
    }

    public async Task<Outcome<StockReport>> Stock(StockFilter filter, PageRequest page)
    {
        if (Roles.Refused("read the stock list", RoleSets.StockListReaders) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? null : Cursor.Keys(page.After);
        if (page.After is not null && after is not [_, _, _])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        var report = await Report(filter);
        var rows = report.Rows.Where(r => after is null || Order(r, after) > 0).ToList();
        if (page.Limit == int.MaxValue || rows.Count <= page.Limit)
        {
            return report with { Rows = rows };
        }

        rows = rows[..page.Limit];
        return report with { Rows = rows, Next = Cursor.From(rows[^1].Model, rows[^1].Trim, rows[^1].Vin) };
    }

    public async Task<Outcome<Page<TestDriveBooking>>> Bookings(DateOnly day, string? vin, bool withCancelled, PageRequest page)
    {
        if (Roles.Refused("read test-drive bookings", RoleSets.SalesFloorReaders) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? null : Cursor.Keys(page.After);
        if (page.After is not null && (after is not [var ticks, _] || !long.TryParse(ticks, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        var zone = StoreFacts.Zone(await StoreFacts.Store(GrainFactory, StoreId));
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
        var to = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var afterStart = after is null ? DateTimeOffset.MinValue.AddDays(1) : new DateTimeOffset(long.Parse(after[0], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
        return await database.Page(
            $"SELECT {TestDriveBookingRow.Columns} FROM test_drive_bookings WHERE store_id = $1 AND starts_at >= $2 AND starts_at < $3 " +
            "AND ($4::text IS NULL OR vin = $4) AND ($5 OR cancelled_at IS NULL) AND (starts_at, booking_id) > ($6, $7) ORDER BY starts_at, booking_id",
            TestDriveBookingRow.Read, b => Cursor.From(b.Start.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), b.BookingId), page,
            StoreId, from, to, vin, withCancelled, afterStart, after?[1] ?? "");
    }

    public async Task<IReadOnlyDictionary<VehicleStatus, int>> CountByStatus() =>
        (await database.List("SELECT status, count(*)::int FROM vehicles WHERE group_id = $1 AND store_id = $2 GROUP BY status",
            r => (Status: Enum.Parse<VehicleStatus>(r.GetString(0)), Count: r.GetInt32(1)), await Group(), StoreId))
            .ToDictionary(c => c.Status, c => c.Count);

    /// <summary>The whole stock list: the cars the store holds or awaits (bounded by its lot, not by its history).</summary>
    private async Task<StockReport> Report(StockFilter filter)
    {
        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var zone = StoreFacts.Zone(store);
        var now = clock.GetUtcNow();
        var today = StoreFacts.LocalDate(now, zone.Id);
        var group = await Group();
        var cars = await database.List(
            $"SELECT {VehicleRow.Columns} FROM vehicles WHERE group_id = $1 AND store_id = $2 " +
            "AND status IN ('Ordered', 'InTransit', 'InStock', 'Reserved', 'Sold')", VehicleRow.Read, group, StoreId);

        // Cars in transfer, leaving this store or coming to it: on both stores' lists until the receiving store takes them in.
        var moving = await database.List(
            $"SELECT {VehicleRow.Columns}, store_id, transfer_to FROM vehicles WHERE group_id = $1 AND status = 'TransferredOut' " +
            "AND (store_id = $2 OR transfer_to = $2)",
            r => (Car: VehicleRow.Read(r), From: r.GetString(12), To: r.IsDBNull(13) ? "" : r.GetString(13)), group, StoreId);
        cars.AddRange(moving.Select(m => m.Car));
        var transfers = moving.ToDictionary(m => m.Car.Vin, m => m.From == StoreId ? new TransferLeg(m.To, false) : new TransferLeg(m.From, true),
            StringComparer.Ordinal);
        var onHand = await database.Scalar<long?>(
            "SELECT sum(balance)::bigint FROM (SELECT sum(quantity) AS balance FROM stock_ledger WHERE group_id = $1 AND store_id = $2 GROUP BY vin " +
            "HAVING sum(quantity) > 0) AS cars", group, StoreId) ?? 0;
        var numbers = GrainFactory.GetGrain<ISalesNumbersGrain>(GrainKeys.Store(StoreId));
        var month = await numbers.Range(new DateOnly(today.Year, today.Month, 1), today);
        var last30Days = await numbers.Range(StockRules.BasisFrom(today), today);
        return StockRules.Report(StoreId, cars, (int)onHand, new RetailSales(month.RetailSales, last30Days.RetailSales), now, zone,
            store?.Policies.AgedStockDays ?? StorePolicies.Default.AgedStockDays, filter, transfers);
    }

    /// <summary>Where a row stands against a cursor in the list's order (model, trim, VIN).</summary>
    private static int Order(StockRow row, string[] cursor)
    {
        var byModel = string.CompareOrdinal(row.Model, cursor[0]);
        if (byModel != 0)
        {
            return byModel;
        }

        var byTrim = string.CompareOrdinal(row.Trim, cursor[1]);
        return byTrim != 0 ? byTrim : string.CompareOrdinal(row.Vin, cursor[2]);
    }

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? "";
}
