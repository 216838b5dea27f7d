using Dealership.Contracts.Parts;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Parts;

/// <summary>One stock movement of a part (in, out, correction), with the on-hand it left, kept for good.</summary>
internal sealed record PartsMovementRow(string StoreId, string PartNumber, int Number, PartsMovementRecord Movement, string? Source = null) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO parts_movements (store_id, part_number, number, at, by, quantity, reason, note, on_hand_after, unit_cost, repair_order, source) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING",
        StoreId, PartNumber, Number, Movement.At, Movement.By, Movement.Quantity, Movement.Reason, Movement.Note, Movement.OnHandAfter, Movement.UnitCost,
        Movement.RepairOrder, Source);

    public const string Columns = "number, at, by, quantity, reason, note, on_hand_after, unit_cost, repair_order";

    public static PartsMovementRecord Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetInt32(3), Enum.Parse<PartsMovementReason>(r.GetString(4)),
        r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetDecimal(7), r.IsDBNull(8) ? null : r.GetString(8));
}

/// <summary>A hold for a repair order, an issue against it, or its release (+ held, − let go), kept for good.</summary>
internal sealed record PartsReservationRow(string StoreId, string PartNumber, int Number, string RepairOrder, string Kind, int Quantity, DateTimeOffset At,
    string By) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO parts_reservations (store_id, part_number, number, repair_order, kind, quantity, at, by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) " +
        "ON CONFLICT DO NOTHING",
        StoreId, PartNumber, Number, RepairOrder, Kind, Quantity, At, By);
}

/// <summary>Units asked for of a part on one store-local day (issued or sold; a return takes back), added to that day's row.</summary>
internal sealed record PartsDemandRow(string StoreId, string PartNumber, DateOnly Day, int Quantity) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO parts_demand (store_id, part_number, day, quantity) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (store_id, part_number, day) DO UPDATE SET quantity = parts_demand.quantity + EXCLUDED.quantity",
        StoreId, PartNumber, Day, Quantity);
}

/// <summary>A part's line on the store's parts list, rewritten with every change of the part.</summary>
internal sealed record PartsItemRow(string GroupId, DateTimeOffset UpdatedAt, DateTimeOffset CreatedAt, PartsItemView Item) : Row
{
    public const string Columns =
        "store_id, part_number, description, bin, on_hand, revision, supplier, lead_time_days, pack_size, minimum, price, average_cost, last_movement_at, " +
        "reserved";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO parts_items (group_id, updated_at, created_at, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) " +
        "ON CONFLICT (store_id, part_number) DO UPDATE SET description = EXCLUDED.description, bin = EXCLUDED.bin, on_hand = EXCLUDED.on_hand, " +
        "revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at, supplier = EXCLUDED.supplier, lead_time_days = EXCLUDED.lead_time_days, " +
        "pack_size = EXCLUDED.pack_size, minimum = EXCLUDED.minimum, price = EXCLUDED.price, average_cost = EXCLUDED.average_cost, " +
        "last_movement_at = COALESCE(EXCLUDED.last_movement_at, parts_items.last_movement_at), reserved = EXCLUDED.reserved, created_at = COALESCE(parts_items.created_at, EXCLUDED.created_at) " +
        "WHERE parts_items.revision < EXCLUDED.revision",
        GroupId, UpdatedAt, CreatedAt, Item.StoreId, Item.PartNumber, Item.Description, Item.Bin, Item.OnHand, Item.Revision,
        Item.Planning.Supplier, Item.Planning.LeadTimeDays, Item.Planning.PackSize, Item.Planning.Minimum, Item.Planning.Price, Item.AverageCost,
        Item.LastMovementAt, Item.Reserved);

    public static PartsItemView Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5),
        new PartsPlanningData(r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetDecimal(10)),
        r.GetDecimal(11), r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12), r.GetInt32(13), null);
}

/// <summary>An ask of a part the shelf could not fill (refused for want of stock), kept for the store's fill rate.</summary>
internal sealed record PartsShortfallRow(string StoreId, string PartNumber, DateTimeOffset At, DateOnly Day, int Asked, int Available, string By) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO parts_shortfalls (store_id, part_number, at, day, asked, available, by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        StoreId, PartNumber, At, Day, Asked, Available, By);
}
