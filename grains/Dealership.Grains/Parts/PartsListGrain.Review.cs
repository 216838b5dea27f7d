using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;

namespace Dealership.Grains.Parts;

/// <summary>The parts review: every part of the store and its last year of daily demand, read in one query.</summary>
public sealed partial class PartsListGrain
{
    private const int HistoryWindowDays = 365;

    public async Task<Outcome<PartsPlanningReview>> Review(bool toOrderOnly, PageRequest page)
    {
        if (Roles.Refused("review the parts", RoleSets.PartsReaders) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Keys(page.After) is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this review.");
        }

        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var policies = store?.Policies ?? StorePolicies.Default;
        var zone = StoreFacts.Zone(store);
        var today = StoreFacts.LocalDate(clock.GetUtcNow(), zone);
        var planning = new PlanningPolicy(policies.PartsServiceLevel, policies.PartsReviewDays);
        var movement = new MovementPolicy(policies.PartsDeadAfterMonths);
        var z = PlanningRules.Z(policies.PartsServiceLevel);

        // Sums of each part's daily demand over the window: σ needs only the count of days, the total and the sum of squares.
        var rows = await database.List(
            "WITH d AS (SELECT part_number, sum(GREATEST(quantity, 0))::bigint AS total, " +
            "sum(GREATEST(quantity, 0)::bigint * GREATEST(quantity, 0))::bigint AS squares, " +
            "count(DISTINCT date_trunc('month', day)) FILTER (WHERE quantity > 0)::integer AS months, min(day) AS first_day " +
            "FROM parts_demand WHERE store_id = $2 AND day > $3::date - $4::integer AND day <= $3::date GROUP BY part_number), " +
            "o AS (SELECT part_number, sum(outstanding)::integer AS on_order FROM purchase_order_lines WHERE store_id = $2 AND outstanding > 0 " +
            "GROUP BY part_number) " +
            "SELECT p.part_number, p.description, p.supplier, p.on_hand - p.reserved, p.lead_time_days, p.pack_size, p.minimum, p.average_cost, " +
            "COALESCE(p.last_movement_at, p.created_at, p.updated_at), COALESCE(p.created_at, p.updated_at), " +
            "COALESCE(d.total, 0), COALESCE(d.squares, 0), COALESCE(d.months, 0), d.first_day, p.reserved, COALESCE(o.on_order, 0) " +
            "FROM parts_items p LEFT JOIN d USING (part_number) LEFT JOIN o USING (part_number) WHERE p.group_id = $1 AND p.store_id = $2 ORDER BY p.part_number",
            r => new ReviewRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
                r.GetInt32(6), r.GetDecimal(7), r.GetFieldValue<DateTimeOffset>(8), r.GetFieldValue<DateTimeOffset>(9), r.GetInt64(10), r.GetInt64(11),
                r.GetInt32(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateOnly>(13), r.GetInt32(14), r.GetInt32(15)),
            await storeGroups.GroupOf(StoreId) ?? "", StoreId, today, HistoryWindowDays);

        var lines = rows.Select(row => Line(row, today, zone, planning, movement, z)).ToList();
        var shown = toOrderOnly ? lines.Where(l => l.SuggestedQuantity > 0 || l.BelowReorderPoint).ToList() : lines;
        var after = Cursor.Keys(page.After)?[0];
        var rest = shown.Where(l => after is null || string.CompareOrdinal(l.PartNumber, after) > 0).ToList();
        var items = rest.Take(page.Limit).ToList();
        var next = rest.Count > items.Count ? Cursor.From(items[^1].PartNumber) : null;
        return new PartsPlanningReview(today, policies.PartsServiceLevel, Math.Round(z, 4), policies.PartsReviewDays, lines.Count,
            lines.Count(l => l.SuggestedQuantity > 0), lines.Sum(l => l.SuggestedValue), items, next);
    }

    private static PartsPlanningLine Line(ReviewRow row, DateOnly today, TimeZoneInfo zone, PlanningPolicy planning, MovementPolicy movement, double z)
    {
        // History runs from the part's first day here (or its first recorded demand, for history brought from another system).
        var since = StoreFacts.LocalDate(row.CreatedAt, zone);
        if (row.FirstDemand is { } first && first < since)
        {
            since = first;
        }

        var days = Math.Clamp(today.DayNumber - since.DayNumber + 1, 1, HistoryWindowDays);
        // Units held for repair orders are spoken for: the position is what is on hand less them, plus what is on order.
        var part = new PlanningPart(row.PartNumber, row.Available, row.OnOrder, row.LeadTimeDays, row.PackSize, row.Minimum,
            new DemandHistory(days, row.Total, row.Squares));
        var plan = PlanningRules.Plan(part, planning, z);
        var lastMoved = StoreFacts.LocalDate(row.LastMovement, zone);
        var months = Math.Min(12, row.MonthsWithDemand);
        return new PartsPlanningLine(row.PartNumber, row.Description, row.Supplier, row.Available + row.Reserved, row.OnOrder, row.LeadTimeDays, row.PackSize, plan.Basis, days,
            Math.Round(plan.MeanDailyDemand, 4), Math.Round(plan.DailyDeviation, 4), plan.SafetyStock, plan.ReorderPoint, plan.SuggestedQuantity,
            decimal.Round(plan.SuggestedQuantity * row.AverageCost, 2), plan.BelowReorderPoint,
            MovementClassRules.Classify(lastMoved, months, today, movement), months, row.Reserved, Money.Exact(row.AverageCost),
            lastMoved);
    }

    private sealed record ReviewRow(
        string PartNumber,
        string Description,
        string? Supplier,
        int Available,
        int LeadTimeDays,
        int PackSize,
        int Minimum,
        decimal AverageCost,
        DateTimeOffset LastMovement,
        DateTimeOffset CreatedAt,
        long Total,
        long Squares,
        int MonthsWithDemand,
        DateOnly? FirstDemand,
        int Reserved,
        int OnOrder);
}
