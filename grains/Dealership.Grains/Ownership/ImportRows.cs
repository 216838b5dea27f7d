using Dealership.Contracts.Ownership;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Ownership;

/// <summary>An import run's row: written when it begins, and again with its counts as it goes and when it ends.</summary>
internal sealed record ImportRunRow(string GroupId, string StoreId, ImportReport Report) : Row
{
    public const string Columns =
        "import_id, kind, file_name, file_hash, file_bytes, dry_run, all_or_none, status, by, started_at, finished_at, rows_read, rows_bad, " +
        "added, updated, unchanged, skipped";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO imports (group_id, store_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) " +
        "ON CONFLICT (store_id, import_id) DO UPDATE SET status = EXCLUDED.status, finished_at = EXCLUDED.finished_at, rows_read = EXCLUDED.rows_read, " +
        "rows_bad = EXCLUDED.rows_bad, added = EXCLUDED.added, updated = EXCLUDED.updated, unchanged = EXCLUDED.unchanged, skipped = EXCLUDED.skipped",
        GroupId, StoreId, Report.ImportId, Report.Kind, Report.FileName, Report.FileHash, Report.FileBytes, Report.DryRun, Report.AllOrNone,
        Report.Status, Report.StartedBy, Report.StartedAt, Report.FinishedAt, Report.RowsRead, Report.RowsBad, Report.Added, Report.Updated,
        Report.Unchanged, Report.Skipped);

    public static ImportReport Read(NpgsqlDataReader r, IReadOnlyList<ImportProblem> problems) => new(
        r.GetString(0), Enum.Parse<ImportKind>(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetBoolean(5), r.GetBoolean(6),
        Enum.Parse<ImportStatus>(r.GetString(7)), r.GetString(8), r.GetFieldValue<DateTimeOffset>(9),
        r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.GetInt32(11), r.GetInt32(12), r.GetInt32(13), r.GetInt32(14), r.GetInt32(15),
        problems, r.GetInt32(16));
}

/// <summary>One problem of a bad row, kept as the run's report.</summary>
internal sealed record ImportProblemRow(string StoreId, string ImportId, int Seq, ImportProblem Problem) : Row
{
    public const string Columns = "row, column_name, code, message";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO import_problems (store_id, import_id, seq, row, column_name, code, message) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        StoreId, ImportId, Seq, Problem.Row, Problem.Column, Problem.Code, Problem.Message);

    public static ImportProblem Read(NpgsqlDataReader r) => new(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3));
}
