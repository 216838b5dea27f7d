using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Performance;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;
using Dealership.Grains.Sales;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Performance;

/// <summary>
/// A store's scorecards, reviews and headcount plan, all read with SQL from the records. One activation per store takes reviews and
/// acknowledgements one at a time, so a review revised as the consultant acknowledges it leaves exactly one outcome; reads interleave.
/// </summary>
public sealed class ScorecardGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IScorecardGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<StoreScorecards>> Get(string period)
    {
        if (Roles.Refused("read scorecards", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        var store = await StoreFacts.Store(GrainFactory, StoreId);
        if (Begun(period, store) is not { } p)
        {
            return Problem.Invalid("period", "must be a month (yyyy-MM), a quarter (yyyy-Qn) or a week (yyyy-Www) that has begun.");
        }

        var own = StoreFacts.CallingConsultant();
        var cards = await Cards(p, store!, own);
        return new StoreScorecards(StoreId, p.Name, p.From, p.To, Ended(p, store!), cards);
    }

    public async Task<Outcome<Scorecard>> Review(string consultantId, string period, NewPerformanceReview review, string? operationId)
    {
        var errors = review?.Validate() ?? new FieldErrors().Add("rating", "is required.");
        if (string.IsNullOrWhiteSpace(consultantId) || !Ids.IsValid(consultantId))
        {
            errors.Add("consultantId", "is required: the consultant's staff id.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Review), consultantId, period, review);
        if (await operations.Replay<Scorecard>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("review consultants", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var store = await StoreFacts.Store(GrainFactory, StoreId);
        if (Begun(period, store) is not { } p)
        {
            return Problem.Invalid("period", "must be a month (yyyy-MM), a quarter (yyyy-Qn) or a week (yyyy-Www) that has begun.");
        }

        if (p.IsWeek)
        {
            return Problem.Invalid("period", "reviews are of a month (yyyy-MM) or a quarter (yyyy-Qn).");
        }

        if (!Ended(p, store!))
        {
            return Problem.Refused("period-not-ended", $"{p.Name} has not ended: a period is reviewed once it has.");
        }

        if (await Cards(p, store!, consultantId) is not [var card] || card.ConsultantId != consultantId)
        {
            return Problem.NotFound($"Consultant '{consultantId}'");
        }

        if (card.Review is { AcknowledgedAt: not null } acknowledged)
        {
            return Problem.Conflict("review-acknowledged", $"{acknowledged.AcknowledgedBy} acknowledged this review: it is kept as it was.");
        }

        var now = clock.GetUtcNow();
        var kept = card with { Review = new PerformanceReview(review!.Rating, review.Comments.Trim(), card.Figures, now, Audit.Who, null, null, null) };
        var group = await Group();
        return await operations.WriteOrReplay(
            [new ReviewRow(group, StoreId, consultantId, p.Name, kept.Review),
                new AuditRow(group, StoreId, "performance-review", $"{consultantId}/{p.Name}", now, Audit.Who,
                    $"{consultantId} reviewed for {p.Name}: {review.Rating}/5")],
            StoreId, operationId, fingerprint, kept, "Scorecard") ?? kept;
    }

    public async Task<Outcome<Scorecard>> Acknowledge(string period, string? comment, string? operationId)
    {
        if (comment is { Length: > 2000 })
        {
            return Problem.Invalid("comment", "must be at most 2000 characters.");
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Acknowledge), period, comment);
        if (await operations.Replay<Scorecard>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("acknowledge a review", [StaffRole.SalesConsultant]) is { } refused)
        {
            return refused;
        }

        var store = await StoreFacts.Store(GrainFactory, StoreId);
        if (Begun(period, store) is not { } p)
        {
            return Problem.Invalid("period", "must be a month (yyyy-MM), a quarter (yyyy-Qn) or a week (yyyy-Www) that has begun.");
        }

        var me = Caller.Current!.StaffId;
        var card = (await Cards(p, store!, me)).SingleOrDefault(c => c.ConsultantId == me);
        if (card?.Review is not { } review)
        {
            return Problem.Conflict("not-reviewed", $"Your {p.Name} has not been reviewed yet.");
        }

        if (review.AcknowledgedAt is not null)
        {
            return Problem.Conflict("review-acknowledged", $"You acknowledged this review at {review.AcknowledgedAt:yyyy-MM-dd HH:mm}.");
        }

        var now = clock.GetUtcNow();
        var kept = card with { Review = review with { AcknowledgedAt = now, AcknowledgedBy = Audit.Who, ConsultantComment = comment?.Trim() } };
        var group = await Group();
        return await operations.WriteOrReplay(
            [new AcknowledgementRow(StoreId, me, p.Name, now, Audit.Who, comment?.Trim()),
                new AuditRow(group, StoreId, "performance-review", $"{me}/{p.Name}", now, Audit.Who, $"{me} acknowledged the review of {p.Name}")],
            StoreId, operationId, fingerprint, kept, "Scorecard") ?? kept;
    }

    public async Task<Outcome<HeadcountPlan>> Headcount(int year)
    {
        if (Roles.Refused("read the headcount plan", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        if (year is < 2000 or > 2100)
        {
            return Problem.Invalid("year", "must be between 2000 and 2100.");
        }

        var today = StoreFacts.LocalDate(clock.GetUtcNow(), StoreFacts.Zone(await StoreFacts.Store(GrainFactory, StoreId)));
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var (from, to) = (thisMonth.AddMonths(-12), thisMonth.AddDays(-1));
        var f = await database.First(
            "SELECT t.units, t.months, b.units, b.consultant_months, r.roster FROM (SELECT 1) one " +
            "CROSS JOIN LATERAL (SELECT coalesce(sum(units), 0)::int AS units, count(*)::int AS months FROM sales_targets " +
            "  WHERE store_id = $1 AND year = $2 AND consultant_id = '') t " +
            "CROSS JOIN LATERAL (SELECT coalesce(sum(CASE kind WHEN 'RetailSale' THEN 1 WHEN 'RetailSaleUnwound' THEN -1 ELSE 0 END), 0)::int AS units, " +
            "  count(DISTINCT (consultant_id, date_trunc('month', local_date))) FILTER (WHERE consultant_id IS NOT NULL AND consultant_id <> '')::int " +
            "  AS consultant_months FROM sales_facts WHERE store_id = $1 AND local_date BETWEEN $3 AND $4) b " +
            "CROSS JOIN LATERAL (SELECT count(*)::int AS roster FROM staff_members WHERE role = 'SalesConsultant' AND NOT disabled " +
            "  AND $1 = ANY(store_ids)) r",
            r => (Target: r.GetInt32(0), Months: r.GetInt32(1), Units: r.GetInt32(2), ConsultantMonths: r.GetInt32(3), Roster: r.GetInt32(4)),
            StoreId, year, from, to);
        var (pace, needed) = ScorecardRules.Needed(f.Target, f.Months, f.Units, f.ConsultantMonths);
        return new HeadcountPlan(StoreId, year, f.Target, f.Months, from, to, f.Units, f.ConsultantMonths, pace, needed, f.Roster, needed - f.Roster);
    }

    /// <summary>The scorecards of the period: every active consultant of the store and anyone with records in it (or just <paramref name="only"/>).</summary>
    private async Task<List<Scorecard>> Cards(ReviewPeriod p, StoreView store, string? only)
    {
        var zone = StoreFacts.Zone(store);
        var (start, end) = (StoreFacts.StartOf(p.From, zone), StoreFacts.StartOf(p.To.AddDays(1), zone));
        var facts = await database.List(
            "SELECT coalesce(consultant_id, ''), kind, count(*)::int, coalesce(sum(gross_profit), 0), count(*) FILTER (WHERE with_accessories)::int, " +
            "count(*) FILTER (WHERE with_insurance)::int, count(*) FILTER (WHERE with_finance)::int FROM sales_facts " +
            "WHERE store_id = $1 AND local_date BETWEEN $2 AND $3 AND ($4::text IS NULL OR consultant_id = $4) GROUP BY 1, 2",
            r => (Consultant: r.GetString(0), Kind: Enum.Parse<SalesFactKind>(r.GetString(1)), Count: r.GetInt32(2), Profit: r.GetDecimal(3),
                Accessories: r.GetInt32(4), Insurance: r.GetInt32(5), Finance: r.GetInt32(6)),
            StoreId, p.From, p.To, only);
        var targets = (await database.List(
            "SELECT consultant_id, sum(units)::int, sum(gross_profit) FROM sales_targets WHERE store_id = $1 AND consultant_id <> '' " +
            "AND make_date(year, month, 1) BETWEEN $2 AND $3 AND ($4::text IS NULL OR consultant_id = $4) GROUP BY 1",
            r => (Consultant: r.GetString(0), Units: r.GetInt32(1), Profit: r.GetDecimal(2)), StoreId, p.From, p.To, only))
            .ToDictionary(t => t.Consultant, t => (t.Units, t.Profit), StringComparer.Ordinal);
        var policies = store.Policies;
        // A follow-up contact is on time when made by the day the grade set at the contact before it called for.
        var followUps = (await database.List(
            "SELECT c.consultant_id, count(*)::int, count(*) FILTER (WHERE k.at <= k.prev_at + make_interval(days => " +
            "  CASE k.prev_grade WHEN 'H' THEN $5 WHEN 'A' THEN $6 WHEN 'B' THEN $7 ELSE $8 END))::int " +
            "FROM (SELECT store_id, customer_id, at, lag(at) OVER w AS prev_at, lag(grade) OVER w AS prev_grade FROM customer_contacts " +
            "  WHERE store_id = $1 AND customer_id IN (SELECT customer_id FROM customer_contacts WHERE store_id = $1 AND at >= $2 AND at < $3) " +
            "  WINDOW w AS (PARTITION BY customer_id ORDER BY number)) k " +
            "JOIN customers c ON c.store_id = k.store_id AND c.customer_id = k.customer_id " +
            "WHERE k.prev_at IS NOT NULL AND k.at >= $2 AND k.at < $3 AND c.consultant_id IS NOT NULL AND ($4::text IS NULL OR c.consultant_id = $4) GROUP BY 1",
            r => (Consultant: r.GetString(0), Made: r.GetInt32(1), OnTime: r.GetInt32(2)),
            StoreId, start, end, only, policies.FollowUpDaysH, policies.FollowUpDaysA, policies.FollowUpDaysB, policies.FollowUpDaysC))
            .ToDictionary(f => f.Consultant, f => (f.Made, f.OnTime), StringComparer.Ordinal);
        var calls = (await database.List(
            "SELECT d.consultant_id, count(*) FILTER (WHERE f.outcome IN ('Satisfied', 'Unhappy'))::int, count(*) FILTER (WHERE f.outcome = 'Satisfied')::int " +
            "FROM follow_up_calls f JOIN deals d ON d.store_id = f.store_id AND d.deal_id = f.deal_id " +
            "WHERE f.store_id = $1 AND f.at >= $2 AND f.at < $3 AND ($4::text IS NULL OR d.consultant_id = $4) GROUP BY 1",
            r => (Consultant: r.GetString(0), Reached: r.GetInt32(1), Satisfied: r.GetInt32(2)), StoreId, start, end, only))
            .ToDictionary(c => c.Consultant, c => (c.Reached, c.Satisfied), StringComparer.Ordinal);
        var complaints = (await database.List(
            "SELECT consultant_id, count(*)::int FROM complaints WHERE store_id = $1 AND opened_at >= $2 AND opened_at < $3 " +
            "AND ($4::text IS NULL OR consultant_id = $4) GROUP BY 1",
            r => (Consultant: r.GetString(0), Count: r.GetInt32(1)), StoreId, start, end, only))
            .ToDictionary(c => c.Consultant, c => c.Count, StringComparer.Ordinal);
        var reviews = (await database.List(
            "SELECT consultant_id, rating, comments, figures::text, reviewed_at, reviewed_by, acknowledged_at, acknowledged_by, consultant_comment " +
            "FROM performance_reviews WHERE store_id = $1 AND period = $2 AND ($3::text IS NULL OR consultant_id = $3)",
            r => (Consultant: r.GetString(0), Review: new PerformanceReview(r.GetInt32(1), r.GetString(2),
                JsonSerializer.Deserialize<ScorecardFigures>(r.GetString(3), GrainStateStore.Json)!, r.GetFieldValue<DateTimeOffset>(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), Sql.Text(r, 7), Sql.Text(r, 8))),
            StoreId, p.Name, only))
            .ToDictionary(c => c.Consultant, c => c.Review, StringComparer.Ordinal);
        var roster = await database.List(
            "SELECT staff_id FROM staff_members WHERE role = 'SalesConsultant' AND NOT disabled AND $1 = ANY(store_ids) AND ($2::text IS NULL OR staff_id = $2)",
            r => r.GetString(0), StoreId, only);

        return [.. roster.Concat(facts.Select(f => f.Consultant)).Concat(targets.Keys).Concat(reviews.Keys)
            .Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(c =>
            {
                var tally = new Tally();
                foreach (var f in facts.Where(f => f.Consultant == c))
                {
                    tally.Add(f.Kind, f.Count, f.Profit, f.Accessories, f.Insurance, f.Finance);
                }

                return new Scorecard(c, p.Name, ScorecardRules.Figures(tally, targets.TryGetValue(c, out var t) ? t : null,
                    followUps.GetValueOrDefault(c), calls.GetValueOrDefault(c), complaints.GetValueOrDefault(c)), reviews.GetValueOrDefault(c));
            })];
    }

    private ReviewPeriod? Begun(string period, StoreView? store) =>
        ReviewPeriod.Parse(period) is { } p && store is not null && p.From <= StoreFacts.LocalDate(clock.GetUtcNow(), StoreFacts.Zone(store)) ? p : null;

    private bool Ended(ReviewPeriod p, StoreView store) => p.To < StoreFacts.LocalDate(clock.GetUtcNow(), StoreFacts.Zone(store));

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? throw new InvalidOperationException($"Store {StoreId} has no group.");
}

/// <summary>A review, revised whole while the consultant has not acknowledged it.</summary>
internal sealed record ReviewRow(string GroupId, string StoreId, string ConsultantId, string Period, PerformanceReview R) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO performance_reviews (group_id, store_id, consultant_id, period, rating, comments, figures, reviewed_at, reviewed_by) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (store_id, consultant_id, period) DO UPDATE SET rating = EXCLUDED.rating, " +
        "comments = EXCLUDED.comments, figures = EXCLUDED.figures, reviewed_at = EXCLUDED.reviewed_at, reviewed_by = EXCLUDED.reviewed_by " +
        "WHERE performance_reviews.acknowledged_at IS NULL",
        GroupId, StoreId, ConsultantId, Period, R.Rating, R.Comments, Sql.Jsonb(JsonSerializer.Serialize(R.Figures, GrainStateStore.Json)), R.ReviewedAt,
        R.ReviewedBy);
}

internal sealed record AcknowledgementRow(string StoreId, string ConsultantId, string Period, DateTimeOffset At, string By, string? Comment) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "UPDATE performance_reviews SET acknowledged_at = $4, acknowledged_by = $5, consultant_comment = $6 " +
        "WHERE store_id = $1 AND consultant_id = $2 AND period = $3 AND acknowledged_at IS NULL",
        StoreId, ConsultantId, Period, At, By, Comment);
}
