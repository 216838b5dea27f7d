namespace Dealership.Grains.Targets;

/// <summary>The day's deliveries, test drives, follow-ups and approvals of a store ($1 store, $2 and $3 the day's start and end).</summary>
internal static class ManagersDaySql
{
    /// <summary>Handovers booked in the day (deals not cancelled): deal, consultant, customer, model, slot.</summary>
    public const string Deliveries = """
        SELECT deal_id, coalesce(consultant_id, ''), customer_name, model, handover_slot FROM deals
         WHERE store_id = $1 AND handover_slot >= $2 AND handover_slot < $3 AND status <> 'Cancelled'
        """;

    /// <summary>Test drives booked in the day, not cancelled: booking, consultant, customer, model, start, end.</summary>
    public const string TestDrives = """
        SELECT t.booking_id, coalesce(t.consultant_id, ''), coalesce(c.name, ''), v.model, t.starts_at, t.ends_at
          FROM test_drive_bookings t
          LEFT JOIN customers c ON c.store_id = t.store_id AND c.customer_id = t.customer_id
          LEFT JOIN vehicles v ON v.group_id = t.group_id AND v.vin = t.vin
         WHERE t.store_id = $1 AND t.cancelled_at IS NULL AND t.starts_at < $3 AND t.ends_at > $2
        """;

    /// <summary>Prospects whose next follow-up falls in the day: customer, consultant, name, model of interest, when due.</summary>
    public const string FollowUps = """
        SELECT customer_id, coalesce(consultant_id, ''), name, model_of_interest, next_follow_up_due FROM customers
         WHERE store_id = $1 AND prospect_status = 'Active' AND next_follow_up_due >= $2 AND next_follow_up_due < $3
        """;

    /// <summary>Each consultant's prospects whose follow-up was due before the day began.</summary>
    public const string Overdue = """
        SELECT coalesce(consultant_id, ''), count(*)::int FROM customers
         WHERE store_id = $1 AND prospect_status = 'Active' AND next_follow_up_due < $2
         GROUP BY 1
        """;

    /// <summary>Deals waiting for approval, oldest first (at most 50 on the sheet).</summary>
    public const string Approvals = """
        SELECT deal_id, consultant_id, customer_name, model, updated_at FROM deals
         WHERE store_id = $1 AND status = 'PendingApproval' ORDER BY updated_at LIMIT 50
        """;

    /// <summary>What is booked from $2 to $3: handovers of deals not cancelled, and test drives not cancelled.</summary>
    public const string Ahead = """
        SELECT (SELECT count(*)::int FROM deals WHERE store_id = $1 AND handover_slot >= $2 AND handover_slot < $3 AND status <> 'Cancelled'),
               (SELECT count(*)::int FROM test_drive_bookings WHERE store_id = $1 AND cancelled_at IS NULL AND starts_at >= $2 AND starts_at < $3)
        """;
}
