using Npgsql;

namespace Dealership.Grains.Storage;

/// <summary>
/// One line of the audit trail: a change that matters to an auditor (a policy, a role, an approval, a board token), with who
/// and when, written in the same transaction as the change. <see cref="Subject"/> names what changed ("store", "staff"...).
/// </summary>
public sealed record AuditRow(string GroupId, string? StoreId, string Subject, string SubjectId, DateTimeOffset At, string By, string What) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO audit_trail (group_id, store_id, subject, subject_id, at, by, what) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        GroupId, StoreId, Subject, SubjectId, At, By, What);
}
