namespace Dealership.Grains.Sales;

/// <summary>The customer events' queries: the invitation run, the lists and the results.</summary>
internal static class CustomerEventsSql
{
    public const string EventColumns =
        "e.event_id, e.kind, e.name, e.starts_at, e.ends_at, e.budget, e.target_models, e.created_at, e.created_by, " +
        "(SELECT count(*) FROM event_invitations i WHERE i.store_id = e.store_id AND i.event_id = e.event_id)::int, " +
        "(SELECT count(*) FROM event_invitations i WHERE i.store_id = e.store_id AND i.event_id = e.event_id AND i.outcome = 'Accepted')::int, " +
        "(SELECT count(*) FROM event_invitations i WHERE i.store_id = e.store_id AND i.event_id = e.event_id AND i.checked_in_at IS NOT NULL)::int";

    public const string InvitationColumns =
        "customer_id, customer_name, masked_mobile, invited_at, invited_by, outcome, outcome_at, outcome_by, checked_in_at, checked_in_by, entry_id";

    /// <summary>
    /// Adds the customers the filter picks ($4..$6 prospects, $11..$14 owners, $15 not seen since), who have not opted out, up to
    /// $10; answers how many were added, how many matched but were already invited, and how many matched and were not invited.
    /// $1 group, $2 store, $3 event, $7 zone, $8 now, $9 who.
    /// </summary>
    public const string Invite = """
        WITH matched AS (
            SELECT c.customer_id, c.name, c.masked_mobile,
                   EXISTS (SELECT 1 FROM event_invitations i WHERE i.store_id = c.store_id AND i.event_id = $3 AND i.customer_id = c.customer_id) AS invited
              FROM customers c
             WHERE c.store_id = $2
               AND (NOT $4::boolean OR (c.prospect_status = 'Active'
                    AND ($5::text[] IS NULL OR c.grade = ANY($5::text[]))
                    AND ($6::text IS NULL OR lower(c.model_of_interest) = lower($6::text))))
               AND (NOT $11::boolean OR EXISTS (
                    SELECT 1 FROM deals d
                     WHERE d.store_id = c.store_id AND d.customer_id = c.customer_id AND d.status = 'Delivered'
                       AND ($12::text IS NULL OR lower(d.model) = lower($12::text))
                       AND (($13::date IS NULL AND $14::date IS NULL) OR EXISTS (
                            SELECT 1 FROM vehicle_history h
                             WHERE h.group_id = d.group_id AND h.vin = d.vin AND h.to_status = 'Delivered'
                               AND ($13::date IS NULL OR (h.at AT TIME ZONE $7)::date >= $13::date)
                               AND ($14::date IS NULL OR (h.at AT TIME ZONE $7)::date <= $14::date)))))
               AND ($15::date IS NULL OR (
                    NOT EXISTS (SELECT 1 FROM register_entries r WHERE r.store_id = c.store_id AND r.customer_id = c.customer_id
                                  AND (r.at AT TIME ZONE $7)::date >= $15::date)
                    AND NOT EXISTS (SELECT 1 FROM repair_orders o WHERE o.store_id = c.store_id AND o.customer_id = c.customer_id
                                  AND (o.opened_at AT TIME ZONE $7)::date >= $15::date)))
               AND COALESCE((SELECT k.marketing FROM customer_consents k WHERE k.store_id = c.store_id AND k.customer_id = c.customer_id
                              ORDER BY k.at DESC LIMIT 1), true)),
        added AS (
            INSERT INTO event_invitations (group_id, store_id, event_id, customer_id, customer_name, masked_mobile, invited_at, invited_by)
            SELECT $1, $2, $3, m.customer_id, m.name, m.masked_mobile, $8, $9
              FROM (SELECT * FROM matched WHERE NOT invited ORDER BY customer_id LIMIT $10) m
            ON CONFLICT DO NOTHING
            RETURNING 1)
        SELECT (SELECT count(*) FROM added)::int, (SELECT count(*) FROM matched WHERE invited)::int, (SELECT count(*) FROM matched WHERE NOT invited)::int
        """;

    /// <summary>
    /// The event's results ($1 store, $2 event): its invitations, and of the customers who checked in, their test drives, orders
    /// (contracts signed) and retail sales (invoiced) opened within 30 days of its start, with those sales' gross profit.
    /// </summary>
    public const string Results = """
        WITH ev AS (SELECT starts_at, budget FROM customer_events WHERE store_id = $1 AND event_id = $2),
             inv AS (SELECT * FROM event_invitations WHERE store_id = $1 AND event_id = $2),
             came AS (SELECT DISTINCT customer_id FROM inv WHERE checked_in_at IS NOT NULL),
             won AS (SELECT d.status, d.gross_profit FROM deals d, ev
                      WHERE d.store_id = $1 AND d.customer_id IN (SELECT customer_id FROM came)
                        AND d.opened_at >= ev.starts_at - interval '1 day' AND d.opened_at < ev.starts_at + interval '30 days'
                        AND d.status IN ('Signed', 'Invoiced', 'Delivered'))
        SELECT (SELECT count(*) FROM inv)::int,
               (SELECT count(*) FROM inv WHERE outcome = 'Accepted')::int,
               (SELECT count(*) FROM inv WHERE outcome = 'Declined')::int,
               (SELECT count(*) FROM inv WHERE outcome = 'NoAnswer')::int,
               (SELECT count(*) FROM came)::int,
               (SELECT count(*) FROM test_drive_bookings t, ev
                 WHERE t.store_id = $1 AND t.customer_id IN (SELECT customer_id FROM came) AND t.cancelled_at IS NULL
                   AND t.starts_at >= ev.starts_at - interval '1 day' AND t.starts_at < ev.starts_at + interval '30 days')::int,
               (SELECT count(*) FROM won)::int,
               (SELECT count(*) FROM won WHERE status IN ('Invoiced', 'Delivered'))::int,
               (SELECT COALESCE(sum(gross_profit), 0) FROM won WHERE status IN ('Invoiced', 'Delivered')),
               (SELECT budget FROM ev)
        """;
}
