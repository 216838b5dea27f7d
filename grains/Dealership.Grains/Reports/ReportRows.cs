using Dealership.Contracts.Reports;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Reports;

/// <summary>A weekly report's line on the store's list of reports, rewritten with the report.</summary>
internal sealed record WeeklyReportRow(string GroupId, string StoreId, WeeklyReportSummary Report) : Row
{
    public const string Columns = "week, deadline, status, late, submitted_at, revision";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO weekly_reports (group_id, store_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) " +
        "ON CONFLICT (store_id, week) DO UPDATE SET deadline = EXCLUDED.deadline, status = EXCLUDED.status, late = EXCLUDED.late, " +
        "submitted_at = EXCLUDED.submitted_at, revision = EXCLUDED.revision WHERE weekly_reports.revision < EXCLUDED.revision",
        GroupId, StoreId, Report.Week, Report.Deadline, Report.Status, Report.Late, Report.SubmittedAt, Report.Revision);

    public static WeeklyReportSummary Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), Enum.Parse<WeeklyReportStatus>(r.GetString(2)), r.GetBoolean(3),
        r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), r.GetInt32(5));
}
