using Dealership.Contracts.AfterSale;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.AfterSale;

/// <summary>The outcome of one follow-up call, once per call task.</summary>
internal sealed record FollowUpCallRow(string StoreId, string DealId, string CustomerId, CallAttempt Call) : Row
{
    public const string Columns = "task_id, attempt, at, by, outcome, reason, note, complaint_id";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO follow_up_calls (store_id, deal_id, customer_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        StoreId, DealId, CustomerId, Call.TaskId, Call.Attempt, Call.At, Call.By, Call.Outcome, Call.Reason, Call.Note, Call.ComplaintId);

    public static CallAttempt Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), Enum.Parse<CallOutcome>(r.GetString(4)),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7));
}

/// <summary>The call's task, done with the outcome as its result, in the same write as the outcome.</summary>
internal sealed record CallTaskDoneRow(string StoreId, string TaskId, DateTimeOffset At, string By, string Result) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "UPDATE tasks SET status = 'Done', done_at = $3, done_by = $4, result = $5 WHERE store_id = $1 AND task_id = $2 AND status = 'Open'",
        StoreId, TaskId, At, By, Result);
}

/// <summary>A complaint's line on the store's complaint list, rewritten with every step.</summary>
internal sealed record ComplaintRow(string GroupId, ComplaintView Complaint) : Row
{
    public const string Columns =
        "complaint_id, store_id, deal_id, customer_id, customer_name, vin, consultant_id, reason, source, status, opened_at, opened_by, " +
        "resolution, closed_at, closed_by, revision, repair_order_id";

    public override NpgsqlBatchCommand ToCommand()
    {
        var c = Complaint;
        return Sql.Command(
            $"INSERT INTO complaints (group_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) " +
            "ON CONFLICT (store_id, complaint_id) DO UPDATE SET status = EXCLUDED.status, resolution = EXCLUDED.resolution, " +
            "closed_at = EXCLUDED.closed_at, closed_by = EXCLUDED.closed_by, revision = EXCLUDED.revision WHERE complaints.revision < EXCLUDED.revision",
            GroupId, c.ComplaintId, c.StoreId, c.Subject.DealId, c.Subject.CustomerId, c.Subject.CustomerName, c.Subject.Vin, c.Subject.ConsultantId,
            c.Subject.Reason, c.Subject.Source, c.Status, c.OpenedAt, c.OpenedBy, c.Resolution, c.ClosedAt, c.ClosedBy, c.Revision,
            c.Subject.RepairOrderId);
    }

    /// <summary>A list line: the complaint without its steps (GET /complaints/{id} has them).</summary>
    public static ComplaintView Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1),
        new ComplaintDraft(r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8),
            r.IsDBNull(16) ? null : r.GetString(16)),
        Enum.Parse<ComplaintStatus>(r.GetString(9)), r.GetFieldValue<DateTimeOffset>(10), r.GetString(11), [],
        r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetString(14),
        r.GetInt32(15));
}
