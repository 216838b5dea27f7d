using Dealership.Contracts.Parts;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Parts;

/// <summary>One stock movement of a part (in, out, correction), with the on-hand it left, kept for good.</summary>
internal sealed record PartsMovementRow(string StoreId, string PartNumber, int Number, PartsMovementRecord Movement) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO parts_movements (store_id, part_number, number, at, by, quantity, reason, note, on_hand_after) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
        StoreId, PartNumber, Number, Movement.At, Movement.By, Movement.Quantity, Movement.Reason, Movement.Note, Movement.OnHandAfter);

    public static PartsMovementRecord Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetInt32(3), Enum.Parse<PartsMovementReason>(r.GetString(4)),
        r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6));
}

/// <summary>A part's line on the store's parts list, rewritten with every change of the part.</summary>
internal sealed record PartsItemRow(string GroupId, DateTimeOffset UpdatedAt, PartsItemView Item) : Row
{
    public const string Columns = "store_id, part_number, description, bin, on_hand, revision";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO parts_items (group_id, updated_at, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) " +
        "ON CONFLICT (store_id, part_number) DO UPDATE SET description = EXCLUDED.description, bin = EXCLUDED.bin, on_hand = EXCLUDED.on_hand, " +
        "revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at WHERE parts_items.revision < EXCLUDED.revision",
        GroupId, UpdatedAt, Item.StoreId, Item.PartNumber, Item.Description, Item.Bin, Item.OnHand, Item.Revision);

    public static PartsItemView Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5));
}
