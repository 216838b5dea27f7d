using Dealership.Contracts.Consultants;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Consultants;

/// <summary>One status change of a consultant (the board's history), kept for good.</summary>
internal sealed record ConsultantStatusChangeRow(string StoreId, string StaffId, int Revision, ConsultantStatusChange Change) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO consultant_status_changes (store_id, staff_id, revision, at, by, from_status, to_status, note) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
        StoreId, StaffId, Revision, Change.At, Change.By, Change.From, Change.To, Change.Note);

    public static ConsultantStatusChange Read(NpgsqlDataReader r) => new(
        Enum.Parse<ConsultantStatus>(r.GetString(r.GetOrdinal("from_status"))), Enum.Parse<ConsultantStatus>(r.GetString(r.GetOrdinal("to_status"))),
        r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("at")), r.GetString(r.GetOrdinal("by")), r.IsDBNull(r.GetOrdinal("note")) ? null : r.GetString(r.GetOrdinal("note")));
}

/// <summary>A consultant's line on the store's floor list, written with every change of the consultant.</summary>
internal sealed record ConsultantRow(string GroupId, ConsultantView View) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO consultants (store_id, staff_id, group_id, display_name, status, status_since, active, revision) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (store_id, staff_id) DO UPDATE SET group_id = EXCLUDED.group_id, " +
        "display_name = EXCLUDED.display_name, status = EXCLUDED.status, status_since = EXCLUDED.status_since, active = EXCLUDED.active, " +
        "revision = EXCLUDED.revision WHERE consultants.revision < EXCLUDED.revision",
        View.StoreId, View.StaffId, GroupId, View.DisplayName, View.Status, View.StatusSince, View.Active, View.Revision);

    public const string Columns = "store_id, staff_id, display_name, status, status_since, active, revision";

    public static ConsultantView Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<ConsultantStatus>(r.GetString(3)), r.GetFieldValue<DateTimeOffset>(4),
        r.GetBoolean(5), r.GetInt32(6));
}
