using System.Globalization;
using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Pay;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Pay;

/// <summary>
/// A store's month of commission statements. Its status and every adjustment are rows; one activation per store and month takes
/// the sales manager's and the general manager's steps one at a time, so an adjustment never slips in beside a submission and an
/// approval keeps exactly the statements it approved.
/// </summary>
public sealed class CommissionStatementsGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, ICommissionStatementsGrain, IScopedGrain
{
    private (string StoreId, string Name) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private string MonthName => GrainKeys.CommissionMonthOf(Key.Name);

    private CommissionBook Book => new(database, Key.StoreId);

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<CommissionStatements>> Get()
    {
        if (Roles.Refused("read commission statements", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        if (await First() is not { } first)
        {
            return Problem.Invalid("month", "has not begun.");
        }

        // A consultant sees their own statement and nobody else's.
        var own = Caller.Current is { Role: StaffRole.SalesConsultant } caller ? caller.StaffId : null;
        var month = await Book.Month(first);
        return View(first, month, await Book.Statements(own, first, month.Status));
    }

    public async Task<Outcome<CommissionStatements>> Adjust(NewCommissionAdjustment adjustment, string? operationId)
    {
        var errors = adjustment?.Validate() ?? new FieldErrors().Add("dealId", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Step(nameof(Adjust), [adjustment], RoleSets.Managers, "adjust commission statements", operationId, async (first, month, now) =>
        {
            if (NotOpen(month) is { } closed)
            {
                return closed;
            }

            var statements = await Book.Statements(null, first, month.Status);
            var dealId = adjustment!.DealId.Trim();
            if (statements.FirstOrDefault(s => s.Worked.Lines.Any(l => l.DealId == dealId)) is not { } statement)
            {
                return Problem.Invalid("dealId", $"is not a sale on the {MonthName} statements.");
            }

            var kept = new CommissionAdjustment(dealId, CommissionRules.Fen(adjustment.Amount), adjustment.Reason.Trim(), now, Audit.Who);
            var adjusted = CommissionRules.Statement(statement.ConsultantId, statement.Worked, [.. statement.Adjustments, kept], statement.Chargebacks,
                month.Status);
            return (View(first, month, [.. statements.Select(s => s.ConsultantId == statement.ConsultantId ? adjusted : s)]),
                [new AdjustmentRow(await Group(), Key.StoreId, first, statement.ConsultantId, kept)],
                $"commission line of {dealId} ({statement.ConsultantId}) set to {kept.Amount:0.00}: {kept.Reason}");
        });
    }

    public Task<Outcome<CommissionStatements>> Submit(string? operationId) =>
        Step(nameof(Submit), [], RoleSets.Managers, "submit commission statements", operationId, async (first, month, now) =>
        {
            if (first.AddMonths(1) > await ThisMonth())
            {
                return Problem.Refused("month-not-ended", $"{MonthName} has not ended: its statements are submitted once it has.");
            }

            if (NotOpen(month) is { } closed)
            {
                return closed;
            }

            var submitted = month with { Status = StatementStatus.Submitted, SubmittedAt = now, SubmittedBy = Audit.Who, ReturnedReason = null };
            var answer = View(first, submitted, await Book.Statements(null, first, StatementStatus.Submitted));
            return (answer, [new MonthRow(await Group(), Key.StoreId, first, submitted, null)],
                $"commission statements of {MonthName} submitted: {answer.Total:0.00}");
        });

    public Task<Outcome<CommissionStatements>> Approve(string? operationId) =>
        Step(nameof(Approve), [], RoleSets.Unwinders, "approve commission statements", operationId, async (first, month, now) =>
        {
            if (NotSubmitted(month) is { } notSubmitted)
            {
                return notSubmitted;
            }

            var approved = month with { Status = StatementStatus.Approved, ApprovedAt = now, ApprovedBy = Audit.Who };
            var statements = await Book.Work(null, first, StatementStatus.Approved);
            var group = await Group();
            List<Row> rows = [new MonthRow(group, Key.StoreId, first, approved, null)];
            foreach (var statement in statements)
            {
                rows.Add(new KeptStatementRow(group, Key.StoreId, first, statement));
                rows.AddRange(CommissionRules.PaidLines(statement)
                    .Select(l => new PaidLineRow(group, Key.StoreId, first, statement.ConsultantId, l.DealId, l.Paid)));
            }

            var answer = View(first, approved, statements);
            return (answer, rows, $"commission statements of {MonthName} approved and locked: {answer.Total:0.00} for {statements.Count} consultants");
        });

    public async Task<Outcome<CommissionStatements>> Return(string reason, string? operationId)
    {
        var errors = new FieldErrors().Required("reason", reason, 500);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Step(nameof(Return), [reason], RoleSets.Unwinders, "return commission statements", operationId, async (first, month, now) =>
        {
            if (NotSubmitted(month) is { } notSubmitted)
            {
                return notSubmitted;
            }

            var returned = month with { Status = StatementStatus.Open, ReturnedReason = reason.Trim() };
            return (View(first, returned, await Book.Statements(null, first, StatementStatus.Open)),
                [new MonthRow(await Group(), Key.StoreId, first, returned, (now, Audit.Who))], $"commission statements of {MonthName} returned: {reason.Trim()}");
        });
    }

    /// <summary>
    /// A step on the month: a retried key answers as before; the caller's role, then the month (begun) are checked; the step's rows are
    /// written with its audit line and its key in one transaction.
    /// </summary>
    private async Task<Outcome<CommissionStatements>> Step(string name, object?[] arguments, StaffRole[] roles, string what, string? operationId,
        Func<DateOnly, MonthRecord, DateTimeOffset, Task<Outcome<(CommissionStatements Answer, List<Row> Rows, string Audit)>>> step)
    {
        var fingerprint = OperationLog.Fingerprint(name, [Key.Name, .. arguments]);
        if (await operations.Replay<CommissionStatements>(Key.StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused(what, roles) is { } refused)
        {
            return refused;
        }

        if (await First() is not { } first)
        {
            return Problem.Invalid("month", "has not begun.");
        }

        var now = clock.GetUtcNow();
        var done = await step(first, await Book.Month(first), now);
        if (!done.IsOk)
        {
            return done.Problem!;
        }

        var (answer, rows, audit) = done.Value;

        rows.Add(new AuditRow(await Group(), Key.StoreId, "commission", MonthName, now, Audit.Who, audit));
        return await operations.WriteOrReplay(rows, Key.StoreId, operationId, fingerprint, answer, "CommissionStatements") ?? answer;
    }

    private CommissionStatements View(DateOnly first, MonthRecord month, IReadOnlyList<ConsultantStatement> statements) =>
        new(Key.StoreId, $"{first:yyyy-MM}", month.Status, month.SubmittedAt, month.SubmittedBy, month.ApprovedAt, month.ApprovedBy, month.ReturnedReason,
            [.. statements.Select(s => s with { Status = month.Status })], statements.Sum(s => s.Total));

    private Problem? NotOpen(MonthRecord month) => month.Status switch
    {
        StatementStatus.Approved => Problem.Conflict("month-locked", $"{MonthName} was approved by {month.ApprovedBy}: a locked month never changes."),
        StatementStatus.Submitted => Problem.Conflict("statement-submitted",
            $"{MonthName} is submitted to the general manager: it changes only if they return it."),
        _ => null,
    };

    private Problem? NotSubmitted(MonthRecord month) => month.Status switch
    {
        StatementStatus.Approved => Problem.Conflict("month-locked", $"{MonthName} was approved by {month.ApprovedBy}: a locked month never changes."),
        StatementStatus.Open => Problem.Conflict("not-submitted", $"The sales manager has not submitted {MonthName} yet."),
        _ => null,
    };

    /// <summary>The month's first day, or null when the month is malformed or has not begun.</summary>
    private async Task<DateOnly?> First() =>
        DateOnly.TryParseExact($"{MonthName}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && first <= await ThisMonth()
            ? first
            : null;

    private async Task<DateOnly> ThisMonth()
    {
        var today = StoreFacts.LocalDate(clock.GetUtcNow(), StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId)));
        return new DateOnly(today.Year, today.Month, 1);
    }

    private async Task<string> Group() => await storeGroups.GroupOf(Key.StoreId) ?? throw new InvalidOperationException($"Store {Key.StoreId} has no group.");
}

internal sealed record AdjustmentRow(string GroupId, string StoreId, DateOnly Month, string ConsultantId, CommissionAdjustment A) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO commission_adjustments (group_id, store_id, month, deal_id, consultant_id, amount, reason, adjusted_at, adjusted_by) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        GroupId, StoreId, Month, A.DealId, ConsultantId, A.Amount, A.Reason, A.AdjustedAt, A.AdjustedBy);
}

/// <summary>The month's status with who moved it; <see cref="ReturnedBy"/> when the general manager sends it back.</summary>
internal sealed record MonthRow(string GroupId, string StoreId, DateOnly Month, MonthRecord M, (DateTimeOffset At, string By)? ReturnedBy) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO commission_months (group_id, store_id, month, status, submitted_at, submitted_by, approved_at, approved_by, returned_at, returned_by, " +
        "returned_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (store_id, month) DO UPDATE SET status = EXCLUDED.status, " +
        "submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by, approved_at = EXCLUDED.approved_at, approved_by = EXCLUDED.approved_by, " +
        "returned_at = coalesce(EXCLUDED.returned_at, commission_months.returned_at), " +
        "returned_by = coalesce(EXCLUDED.returned_by, commission_months.returned_by), returned_reason = EXCLUDED.returned_reason",
        GroupId, StoreId, Month, M.Status.ToString(), M.SubmittedAt, M.SubmittedBy, M.ApprovedAt, M.ApprovedBy, ReturnedBy?.At, ReturnedBy?.By,
        M.ReturnedReason);
}

internal sealed record KeptStatementRow(string GroupId, string StoreId, DateOnly Month, ConsultantStatement S) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO commission_statements (group_id, store_id, month, consultant_id, total, statement) VALUES ($1, $2, $3, $4, $5, $6)",
        GroupId, StoreId, Month, S.ConsultantId, S.Total, Sql.Jsonb(JsonSerializer.Serialize(S, GrainStateStore.Json)));
}

internal sealed record PaidLineRow(string GroupId, string StoreId, DateOnly Month, string ConsultantId, string DealId, decimal Paid) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO commission_paid_lines (group_id, store_id, deal_id, month, consultant_id, paid) VALUES ($1, $2, $3, $4, $5, $6)",
        GroupId, StoreId, DealId, Month, ConsultantId, Paid);
}
