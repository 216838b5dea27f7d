using Dealership.Contracts.Staff;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Staff;

/// <summary>A member's line on the group's staff list (never the password), rewritten with every change of the member.</summary>
internal sealed record StaffRow(DateTimeOffset? LockedUntil, StaffView Staff) : Row
{
    public const string Columns = "staff_id, group_id, display_name, role, store_ids, whole_group, disabled, locked_until, created_at, created_by, revision, awaiting_password";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO staff_members ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) " +
        "ON CONFLICT (group_id, staff_id) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role, store_ids = EXCLUDED.store_ids, " +
        "whole_group = EXCLUDED.whole_group, disabled = EXCLUDED.disabled, locked_until = EXCLUDED.locked_until, revision = EXCLUDED.revision, " +
        "awaiting_password = EXCLUDED.awaiting_password " +
        "WHERE staff_members.revision <= EXCLUDED.revision",
        Staff.StaffId, Staff.GroupId, Staff.DisplayName, Staff.Role, Staff.StoreIds.ToArray(), Staff.WholeGroup, Staff.Disabled, LockedUntil,
        Staff.CreatedAt, Staff.CreatedBy, Staff.Revision, Staff.AwaitingFirstSignIn);

    /// <summary>Reads a row; a lock that has run out by <paramref name="now"/> is no lock.</summary>
    public static StaffView Read(NpgsqlDataReader r, DateTimeOffset now)
    {
        DateTimeOffset? locked = r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7);
        return new StaffView(r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<StaffRole>(r.GetString(3)), r.GetFieldValue<string[]>(4),
            r.GetBoolean(5), r.GetBoolean(6), locked > now ? locked : null, r.GetFieldValue<DateTimeOffset>(8), r.GetString(9), r.GetInt32(10),
            r.GetBoolean(11));
    }
}
