namespace Dealership.Grains.AfterSale;

/// <summary>
/// The retention numbers of a store-local month, each one SQL statement over the records ($1 store, $2 the month's first day, $3 its
/// last day or today while it runs, $4 the store's time zone).
/// </summary>
internal static class RetentionSql
{
    /// <summary>Due, contacted (reached about that service), booked, arrived (serviced from the day listed to 30 days after due).</summary>
    public const string Funnel = """
        WITH cohort AS (SELECT vin, due_on, listed_on FROM service_due_log WHERE store_id = $1 AND due_on BETWEEN $2 AND $3),
             reached AS (SELECT c.vin, c.outcome FROM service_reminder_contacts c
                           JOIN cohort k ON k.vin = c.vin AND k.due_on = c.due_on
                          WHERE c.store_id = $1 AND c.outcome <> 'Unreachable'),
             arrived AS (SELECT DISTINCT k.vin FROM cohort k
                           JOIN repair_orders r ON r.store_id = $1 AND r.vin = k.vin AND r.status <> 'Cancelled'
                          WHERE (r.opened_at AT TIME ZONE $4)::date BETWEEN k.listed_on AND k.due_on + 30)
        SELECT (SELECT count(DISTINCT vin) FROM cohort)::int, (SELECT count(DISTINCT vin) FROM reached)::int,
               (SELECT count(DISTINCT vin) FROM reached WHERE outcome = 'Booked')::int, (SELECT count(*) FROM arrived)::int
        """;

    /// <summary>Cars on the books at the end of $3 (sold or serviced here in the five years before the last twelve months) and those back since.</summary>
    public const string Retention = """
        WITH t AS (SELECT (($3::date + 1)::timestamp AT TIME ZONE $4) AS end_at),
             books AS (
                SELECT h.vin FROM vehicle_history h, t
                 WHERE h.store_id = $1 AND h.to_status = 'Delivered'
                   AND h.at >= t.end_at - interval '6 years' AND h.at < t.end_at - interval '12 months'
                UNION
                SELECT r.vin FROM repair_orders r, t
                 WHERE r.store_id = $1 AND r.vin IS NOT NULL AND r.status <> 'Cancelled'
                   AND r.opened_at >= t.end_at - interval '6 years' AND r.opened_at < t.end_at - interval '12 months')
        SELECT (SELECT count(*) FROM books)::int,
               (SELECT count(DISTINCT r.vin) FROM repair_orders r, t
                 WHERE r.store_id = $1 AND r.status <> 'Cancelled' AND r.opened_at >= t.end_at - interval '12 months' AND r.opened_at < t.end_at
                   AND r.vin IN (SELECT vin FROM books))::int
        """;

    /// <summary>Cars called about their warranty in the month; extended warranties sold, their revenue and margin.</summary>
    public const string Warranty = """
        SELECT (SELECT count(DISTINCT vin) FROM warranty_calls WHERE store_id = $1 AND (at AT TIME ZONE $4)::date BETWEEN $2 AND $3)::int,
               count(*)::int, coalesce(sum(price), 0), coalesce(sum(price - cost), 0)
          FROM extended_warranties WHERE store_id = $1 AND (sold_at AT TIME ZONE $4)::date BETWEEN $2 AND $3
        """;

    /// <summary>The events that began in the month.</summary>
    public const string Events = "SELECT event_id FROM customer_events WHERE store_id = $1 AND (starts_at AT TIME ZONE $4)::date BETWEEN $2 AND $3";
}
