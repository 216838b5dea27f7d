using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Service;

/// <summary>
/// Every car's next service, in one SQL statement over the group's deliveries, repair orders, cluster replacements and the
/// reminding store's plans: nothing is kept per car, and the store's whole book is one query, not a grain call per car.
/// </summary>
internal static class MaintenanceDueSql
{
    /// <summary>
    /// The cars a store reminds ($1 group, $2 store, $3 the store's default km a day, $4 one VIN or null for all, $5 the store's time
    /// zone), one row each: vin, model, reminding store, delivered_at, last_at, last_km, readings, km_per_day, first_service,
    /// plan_model, operations, due_on, due_km, basis, customer_id, customer_store, customer_name, mobile, plate, and the basic
    /// warranty's end: warranty_ends_on, warranty_ends_km, warranty_basis (null when the group never delivered the car).
    /// </summary>
    public const string Cars = $"""
        {AllCars}
         WHERE reminding = $2
        """;

    /// <summary>
    /// <see cref="Cars"/> whichever store of the group reminds them (the car's record at a store that sold or serviced it, where
    /// another store serviced it since).
    /// </summary>
    public const string AllCars = """
        WITH mine AS (
            -- A car this store reminds was sold or serviced here: the group's other cars are never read.
            SELECT vin FROM repair_orders WHERE store_id = $2 AND vin IS NOT NULL AND ($4::text IS NULL OR vin = $4)
            UNION
            SELECT vin FROM vehicle_history WHERE store_id = $2 AND to_status = 'Delivered' AND ($4::text IS NULL OR vin = $4)
        ), delivered AS (
            SELECT DISTINCT ON (h.vin) h.vin, h.store_id AS sold_by, h.at AS delivered_at, d.customer_id, d.customer_name
              FROM vehicle_history h
              LEFT JOIN LATERAL (SELECT customer_id, customer_name FROM deals
                                  WHERE store_id = h.store_id AND vin = h.vin AND status = 'Delivered' ORDER BY updated_at DESC LIMIT 1) d ON true
             WHERE h.group_id = $1 AND h.to_status = 'Delivered' AND h.vin IN (SELECT vin FROM mine)
             ORDER BY h.vin, h.at DESC
        ), visits AS (
            SELECT vin, store_id, opened_at AS at, odometer, next_visit, customer_id, customer_name, mobile, plate
              FROM repair_orders
             WHERE group_id = $1 AND vin IN (SELECT vin FROM mine) AND status <> 'Cancelled'
        ), last_visit AS (
            SELECT DISTINCT ON (vin) * FROM visits ORDER BY vin, at DESC
        ), resets AS (
            SELECT vin, max(at) AS at FROM odometer_resets WHERE group_id = $1 AND vin IN (SELECT vin FROM mine) GROUP BY vin
        ), readings AS (
            SELECT vin, at, odometer FROM visits
            UNION ALL
            SELECT vin, delivered_at, 0 FROM delivered
        ), pace AS (
            SELECT r.vin, count(*)::integer AS n, min(r.at) AS first_at, max(r.at) AS last_at,
                   (array_agg(r.odometer ORDER BY r.at))[1] AS first_km, (array_agg(r.odometer ORDER BY r.at DESC))[1] AS last_km
              FROM readings r LEFT JOIN resets x ON x.vin = r.vin
             WHERE x.at IS NULL OR r.at >= x.at
             GROUP BY r.vin
        ), cars AS (
            SELECT coalesce(l.vin, d.vin) AS vin, coalesce(l.store_id, d.sold_by) AS reminding, d.delivered_at, l.at AS last_at,
                   coalesce(l.odometer, 0) AS last_km, l.next_visit, coalesce(p.n, 0) AS n,
                   CASE WHEN p.n >= 2 AND p.last_at - p.first_at >= interval '1 day' AND p.last_km > p.first_km
                        THEN round((p.last_km - p.first_km) / (extract(epoch FROM p.last_at - p.first_at) / 86400.0), 1)
                        ELSE $3::numeric END AS km_per_day,
                   coalesce(l.customer_id, d.customer_id) AS customer_id, coalesce(l.store_id, d.sold_by) AS customer_store,
                   coalesce(l.customer_name, d.customer_name, '') AS customer_name, l.mobile, l.plate
              FROM last_visit l
              FULL JOIN delivered d ON d.vin = l.vin
              LEFT JOIN pace p ON p.vin = coalesce(l.vin, d.vin)
        ), planned AS (
            SELECT c.*, v.model, pl.model AS plan_model, pl.operations, pl.warranty_years, pl.warranty_km, c.last_at IS NULL AS first_service,
                   coalesce(c.last_at, c.delivered_at) AS base_at,
                   CASE WHEN c.last_at IS NULL THEN pl.first_km ELSE pl.interval_km END AS step_km,
                   CASE WHEN c.last_at IS NULL THEN pl.first_months ELSE pl.interval_months END AS step_months
              FROM cars c
              LEFT JOIN vehicles v ON v.group_id = $1 AND v.vin = c.vin
              JOIN LATERAL (SELECT * FROM maintenance_plans m WHERE m.store_id = c.reminding AND m.model IN (v.model, '*')
                             ORDER BY m.model = '*' LIMIT 1) pl ON true
        ), timed AS (
            -- The warranty runs out by time from delivery, or by distance at the car's pace from its last reading.
            SELECT p.*, base_at + make_interval(months => step_months) AS by_time,
                   base_at + make_interval(secs => (step_km / km_per_day * 86400)::double precision) AS by_distance,
                   delivered_at + make_interval(years => warranty_years) AS warranty_by_time,
                   base_at + make_interval(secs => ((warranty_km - last_km) / km_per_day * 86400)::double precision) AS warranty_by_distance
              FROM planned p
        )
        SELECT vin, model, reminding, delivered_at, last_at, last_km, n, km_per_day, first_service, plan_model, operations,
               coalesce(next_visit, (least(by_time, by_distance) AT TIME ZONE $5)::date) AS due_on,
               last_km + step_km AS due_km,
               CASE WHEN next_visit IS NOT NULL THEN 'Agreed' WHEN by_time <= by_distance THEN 'Time' ELSE 'Distance' END AS basis,
               customer_id, customer_store, customer_name, mobile, plate,
               CASE WHEN delivered_at IS NOT NULL THEN (least(warranty_by_time, warranty_by_distance) AT TIME ZONE $5)::date END AS warranty_ends_on,
               CASE WHEN delivered_at IS NOT NULL THEN warranty_km END AS warranty_ends_km,
               CASE WHEN delivered_at IS NULL THEN NULL WHEN warranty_by_time <= warranty_by_distance THEN 'Time' ELSE 'Distance' END AS warranty_basis
          FROM timed
        """;

    /// <summary>
    /// The day's computation of every car the store reminds, kept in service_due once a day: under the store's lock, and only if
    /// no other reader computed it for the day meanwhile. One transaction.
    /// </summary>
    public static IReadOnlyList<Row> Refresh(string group, string store, decimal defaultKmPerDay, string zone, DateOnly today, DateTimeOffset now,
        int reminderDays) =>
    [
        new Statement("SELECT pg_advisory_xact_lock(hashtext('service_due:' || $1))", store),
        new Statement("DELETE FROM service_due WHERE store_id = $1 AND NOT EXISTS (SELECT 1 FROM service_due_runs WHERE store_id = $1 AND day = $2)",
            store, today),
        new Statement($"""
            INSERT INTO service_due (vin, model, store_id, delivered_at, last_at, last_km, readings, km_per_day, first_service, plan_model,
                                     operations, due_on, due_km, basis, customer_id, customer_store, customer_name, mobile, plate,
                                     warranty_ends_on, warranty_ends_km, warranty_basis)
            SELECT * FROM ({Cars}) cars
             WHERE NOT EXISTS (SELECT 1 FROM service_due_runs WHERE store_id = $2 AND day = $6)
            """, group, store, defaultKmPerDay, null, zone, today),
        // Each car due within the window, as first listed: the month's reminder funnel counts from these.
        new Statement(
            "INSERT INTO service_due_log (store_id, vin, due_on, listed_on) SELECT store_id, vin, due_on, $2 FROM service_due " +
            "WHERE store_id = $1 AND due_on <= $2::date + $3::integer " +
            "AND NOT EXISTS (SELECT 1 FROM service_due_runs WHERE store_id = $1 AND day = $2) ON CONFLICT DO NOTHING",
            store, today, reminderDays),
        new Statement(
            "INSERT INTO service_due_runs (store_id, day, computed_at, cars) " +
            "SELECT $1, $2, $3, (SELECT count(*) FROM service_due WHERE store_id = $1) " +
            "WHERE NOT EXISTS (SELECT 1 FROM service_due_runs WHERE store_id = $1 AND day = $2) " +
            "ON CONFLICT (store_id) DO UPDATE SET day = EXCLUDED.day, computed_at = EXCLUDED.computed_at, cars = EXCLUDED.cars",
            store, today, now),
    ];

    /// <summary>Whether the store's cars were computed for <paramref name="today"/> ($1 store, $2 today).</summary>
    public const string Computed = "SELECT EXISTS (SELECT 1 FROM service_due_runs WHERE store_id = $1 AND day = $2)";

    /// <summary>The first read of the store's day (reminders or warranties) computes every car once; the day's pages read those rows.</summary>
    public static async Task EnsureDay(Database database, string group, string store, WorkshopSettings settings, string zone, DateOnly today,
        DateTimeOffset now)
    {
        if (!await database.Scalar<bool>(Computed, store, today))
        {
            await database.Write(Refresh(group, store, settings.DefaultKmPerDay, zone, today, now, settings.ReminderDays));
        }
    }

    /// <summary>The store's workshop settings (a store that has not set its workshop up still has cars to remind: the defaults apply).</summary>
    public static async Task<WorkshopSettings> Settings(IGrainFactory grains, string store) =>
        (await grains.GetGrain<IWorkshopGrain>(GrainKeys.Store(store)).Get()).Value?.Settings ?? DefaultSettings;

    private static readonly WorkshopSettings DefaultSettings = new(1, 60, new TimeOnly(8, 30), new TimeOnly(17, 30), [], 1m);

    private sealed record Statement(string Text, params object?[] Values) : Row
    {
        public override NpgsqlBatchCommand ToCommand() => Sql.Command(Text, Values);
    }

    /// <summary>
    /// The reminder list over the day's <see cref="Refresh"/> ($1 group, $2 store, $3 the store's time zone, $4 its today, $5 its
    /// reminder window in days, $6 now, $7 its contact limit in days, $8 and $9 the cursor's due date and VIN): due within the
    /// window or overdue; not serviced since the day's computation; not with an appointment booked; the customer not opted out of
    /// marketing contact; not reached within the contact limit; not sold or moved away since the car's last visit; not tried today;
    /// fewer than three unreachable tries within the limit. Soonest due first. Adds the customer's masked mobile (from the store's
    /// customers when the car never came back) and the unreachable tries.
    /// </summary>
    public const string Reminders = """
        SELECT d.vin, d.model, d.store_id, d.delivered_at, d.last_at, d.last_km, d.readings, d.km_per_day, d.first_service, d.plan_model,
               d.operations, d.due_on, d.due_km, d.basis, d.customer_id, d.customer_store, d.customer_name, d.mobile, d.plate,
               coalesce(cu.masked_mobile, '') AS masked_mobile, tries.n AS unreachable
          FROM service_due d
          JOIN service_due_runs run ON run.store_id = d.store_id
          LEFT JOIN customers cu ON cu.store_id = d.customer_store AND cu.customer_id = d.customer_id
          CROSS JOIN LATERAL (SELECT count(*)::integer AS n FROM service_reminder_contacts c
                               WHERE c.group_id = $1 AND c.vin = d.vin AND c.outcome = 'Unreachable'
                                 AND c.at > $6 - make_interval(days => $7)) tries
         WHERE d.store_id = $2 AND d.due_on <= $4::date + $5::integer
           AND (d.due_on, d.vin) > ($8::date, $9::text)
           AND tries.n < 3
           AND NOT EXISTS (SELECT 1 FROM repair_orders r WHERE r.group_id = $1 AND r.vin = d.vin AND r.opened_at >= run.computed_at)
           AND NOT EXISTS (SELECT 1 FROM service_appointments a
                            WHERE a.group_id = $1 AND a.vin = d.vin AND a.status = 'Booked' AND a.day >= $4::date)
           AND coalesce((SELECT k.marketing FROM customer_consents k WHERE k.store_id = d.customer_store AND k.customer_id = d.customer_id
                          ORDER BY k.at DESC LIMIT 1), true)
           AND NOT EXISTS (SELECT 1 FROM service_reminder_contacts c WHERE c.group_id = $1 AND c.vin = d.vin
                              AND ((c.outcome IN ('Booked', 'Declined') AND c.at > $6 - make_interval(days => $7))
                                OR (c.outcome = 'SoldOrMoved' AND c.at > coalesce(d.last_at, d.delivered_at))
                                OR (c.outcome = 'Unreachable' AND (c.at AT TIME ZONE $3)::date = $4::date)))
         ORDER BY d.due_on, d.vin
        """;

    public static NextServiceDue Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2),
        r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
        r.GetInt32(5), r.GetInt32(6), r.GetDecimal(7), r.GetBoolean(8), r.GetFieldValue<DateOnly>(11), r.GetInt32(12),
        Enum.Parse<DueBasis>(r.GetString(13)), r.GetString(9), r.GetFieldValue<string[]>(10));

    /// <summary>The car's customer as the due row names them: id, the store that knows them, name, mobile (null if never serviced), plate.</summary>
    public static (string? CustomerId, string CustomerStore, string Name, string? Mobile, string? Plate) Customer(NpgsqlDataReader r) =>
        (r.IsDBNull(14) ? null : r.GetString(14), r.GetString(15), r.GetString(16), r.IsDBNull(17) ? null : r.GetString(17),
            r.IsDBNull(18) ? null : r.GetString(18));
}
