using System.Text.Json;
using Dealership.Contracts.Pay;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Pay;

/// <summary>
/// What a store's commission is worked from, read with SQL: the plan versions, the month's retail sales (a sale unwound before its
/// month was paid is not in it), the consultants' targets, the sales manager's adjustments, the chargebacks of sales unwound after
/// their month was locked, the month's status and, once approved, the statements as kept.
/// </summary>
internal sealed class CommissionBook(Database database, string storeId)
{
    public async Task<List<IncentivePlanVersion>> Versions() =>
        await database.List("SELECT plan::text, set_at, set_by FROM incentive_plans WHERE store_id = $1 ORDER BY effective_from",
            r => new IncentivePlanVersion(JsonSerializer.Deserialize<IncentivePlan>(r.GetString(0), GrainStateStore.Json)!, r.GetFieldValue<DateTimeOffset>(1),
                r.GetString(2)), storeId);

    /// <summary>The month's retail sales of one consultant (or all), as commission sees them.</summary>
    public async Task<List<(string Consultant, CommissionDeal Deal)>> Sales(string? consultantId, DateOnly first) =>
        await database.List(
            "SELECT coalesce(f.consultant_id, ''), f.fact_id, coalesce(split_part(f.spec, '|', 1), ''), f.local_date, f.gross_profit, f.accessory_income, " +
            "f.insurance_income, f.finance_income FROM sales_facts f WHERE f.store_id = $1 AND f.kind = 'RetailSale' AND f.local_date BETWEEN $2 AND $3 " +
            "AND ($4::text IS NULL OR f.consultant_id = $4) " +
            "AND NOT EXISTS (SELECT 1 FROM sales_facts u WHERE u.store_id = f.store_id AND u.kind = 'RetailSaleUnwound' AND u.fact_id = f.fact_id)",
            r => (r.GetString(0), new CommissionDeal(r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.GetDecimal(4), r.GetDecimal(5),
                r.GetDecimal(6), r.GetDecimal(7))),
            storeId, first, first.AddMonths(1).AddDays(-1), consultantId);

    public async Task<Dictionary<string, int>> Targets(DateOnly first) =>
        (await database.List("SELECT consultant_id, units FROM sales_targets WHERE store_id = $1 AND year = $2 AND month = $3 AND consultant_id <> ''",
            r => (r.GetString(0), r.GetInt32(1)), storeId, first.Year, first.Month)).ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal);

    /// <summary>Sales unwound in the month whose line was paid in an earlier, locked month: taken back at what the line paid.</summary>
    public async Task<List<(string Consultant, Chargeback Chargeback)>> Chargebacks(string? consultantId, DateOnly first) =>
        await database.List(
            "SELECT p.consultant_id, u.fact_id, coalesce(split_part(u.spec, '|', 1), ''), p.month, u.local_date, p.paid FROM sales_facts u " +
            "JOIN commission_paid_lines p ON p.store_id = u.store_id AND p.deal_id = u.fact_id " +
            "WHERE u.store_id = $1 AND u.kind = 'RetailSaleUnwound' AND u.local_date BETWEEN $2 AND $3 AND p.month < $2 " +
            "AND ($4::text IS NULL OR p.consultant_id = $4) ORDER BY u.local_date, u.fact_id",
            r => (r.GetString(0), new Chargeback(r.GetString(1), r.GetString(2), $"{r.GetFieldValue<DateOnly>(3):yyyy-MM}", r.GetFieldValue<DateOnly>(4),
                r.GetDecimal(5))),
            storeId, first, first.AddMonths(1).AddDays(-1), consultantId);

    /// <summary>Every adjustment of the month, oldest first.</summary>
    public async Task<List<(string Consultant, CommissionAdjustment Adjustment)>> Adjustments(string? consultantId, DateOnly first) =>
        await database.List(
            "SELECT consultant_id, deal_id, amount, reason, adjusted_at, adjusted_by FROM commission_adjustments " +
            "WHERE store_id = $1 AND month = $2 AND ($3::text IS NULL OR consultant_id = $3) ORDER BY adjusted_at",
            r => (r.GetString(0), new CommissionAdjustment(r.GetString(1), r.GetDecimal(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5))),
            storeId, first, consultantId);

    public async Task<MonthRecord> Month(DateOnly first) =>
        await database.First(
            "SELECT status, submitted_at, submitted_by, approved_at, approved_by, returned_reason FROM commission_months WHERE store_id = $1 AND month = $2",
            r => new MonthRecord(Enum.Parse<StatementStatus>(r.GetString(0)), r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1), Sql.Text(r, 2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), Sql.Text(r, 4), Sql.Text(r, 5)),
            storeId, first) ?? MonthRecord.Open;

    /// <summary>The statements of the month: as kept once approved, else worked now from the records.</summary>
    public async Task<List<ConsultantStatement>> Statements(string? consultantId, DateOnly first, StatementStatus status)
    {
        if (status == StatementStatus.Approved)
        {
            return await database.List(
                "SELECT statement::text FROM commission_statements WHERE store_id = $1 AND month = $2 AND ($3::text IS NULL OR consultant_id = $3) " +
                "ORDER BY consultant_id",
                r => JsonSerializer.Deserialize<ConsultantStatement>(r.GetString(0), GrainStateStore.Json)!, storeId, first, consultantId);
        }

        return await Work(consultantId, first, status);
    }

    /// <summary>The statements of the month worked now from the records (what an approval keeps).</summary>
    public async Task<List<ConsultantStatement>> Work(string? consultantId, DateOnly first, StatementStatus status)
    {
        var plans = (await Versions()).Select(v => v.Plan).ToList();
        var sales = await Sales(consultantId, first);
        var targets = await Targets(first);
        var chargebacks = await Chargebacks(consultantId, first);
        var adjustments = await Adjustments(consultantId, first);
        var consultants = sales.Select(s => s.Consultant).Concat(chargebacks.Select(c => c.Consultant))
            .Concat(consultantId is null ? targets.Keys : targets.Keys.Where(k => k == consultantId))
            .Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var lastDay = first.AddMonths(1).AddDays(-1);
        return [.. consultants.Select(c => CommissionRules.Statement(c,
            CommissionRules.Month(plans, [.. sales.Where(s => s.Consultant == c).Select(s => s.Deal)], targets.GetValueOrDefault(c), lastDay)
                with { Month = $"{first:yyyy-MM}" },
            [.. adjustments.Where(a => a.Consultant == c).Select(a => a.Adjustment)],
            [.. chargebacks.Where(b => b.Consultant == c).Select(b => b.Chargeback)], status))];
    }
}

/// <summary>Where a month of statements stands and who moved it.</summary>
internal sealed record MonthRecord(StatementStatus Status, DateTimeOffset? SubmittedAt, string? SubmittedBy, DateTimeOffset? ApprovedAt, string? ApprovedBy,
    string? ReturnedReason)
{
    public static readonly MonthRecord Open = new(StatementStatus.Open, null, null, null, null, null);
}
