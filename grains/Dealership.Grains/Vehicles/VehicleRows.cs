using Dealership.Contracts.Vehicles;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Vehicles;

/// <summary>One entry of a car's history (a state change or a stock movement, with who and when), kept for good.</summary>
internal sealed record VehicleHistoryRow(string GroupId, string Vin, int Revision, VehicleEvent Event) : Row
{
    public const string Columns = "at, by, what, from_status, to_status, ledger, store_id";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO vehicle_history (group_id, vin, revision, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
        GroupId, Vin, Revision, Event.At, Event.By, Event.What, Event.From, Event.To, Event.Ledger, Event.StoreId);

    /// <summary>Reads the columns of <see cref="Columns"/>, starting at the reader's second column.</summary>
    public static VehicleEvent Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), Status(r, 4), Status(r, 5),
        r.IsDBNull(6) ? null : Enum.Parse<LedgerEntryType>(r.GetString(6)), r.GetString(7));

    private static VehicleStatus? Status(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Enum.Parse<VehicleStatus>(r.GetString(i));
}

/// <summary>
/// A line of a store's stock ledger, numbered by the store's own counter as it is written (the counter's row lock keeps the
/// numbers gapless and in commit order). <see cref="SourceKey"/> (the car's VIN and revision) makes a line once only.
/// </summary>
internal sealed record StockLedgerRow(string GroupId, string StoreId, StockLedgerEntry Entry, string SourceKey) : Row
{
    public const string Columns = "number, at, by, vin, type, quantity, model, trim, colour, demo, reason";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "WITH n AS (INSERT INTO store_counters (store_id, name, value) VALUES ($2, 'stock-ledger', 1) " +
        "ON CONFLICT (store_id, name) DO UPDATE SET value = store_counters.value + 1 RETURNING value) " +
        "INSERT INTO stock_ledger (group_id, store_id, number, at, by, vin, type, quantity, model, trim, colour, demo, reason, source_key) " +
        "SELECT $1, $2, n.value, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM n RETURNING number",
        GroupId, StoreId, Entry.At, Entry.By, Entry.Vin, Entry.Type, Entry.Quantity, Entry.Model, Entry.Trim, Entry.Colour, Entry.Demo,
        Entry.Reason, SourceKey);

    public static StockLedgerEntry Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), Enum.Parse<LedgerEntryType>(r.GetString(4)),
        r.GetInt32(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetBoolean(9), r.IsDBNull(10) ? null : r.GetString(10));
}

/// <summary>The Idempotency-Key of a ledger correction, its kept answer carrying the number the ledger gave the line.</summary>
internal sealed record LedgerNumberedOperationRow(OperationRow Operation, string StoreId, string SourceKey) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO operations (scope, operation_id, fingerprint, result, grain, at) " +
        "SELECT $1, $2, $3, jsonb_set($4::jsonb, '{Number}', to_jsonb(l.number)), $5, now() FROM stock_ledger l " +
        "WHERE l.store_id = $6 AND l.source_key = $7",
        Operation.Scope, Operation.OperationId, Operation.Fingerprint, Sql.Jsonb(Operation.ResultJson), Operation.Grain, StoreId, SourceKey);
}

/// <summary>A car's line on its store's vehicle list, rewritten with every change of the car (and moved with it to another store).</summary>
internal sealed record VehicleRow(string GroupId, string StoreId, decimal Cost, string? TransferTo, DateTimeOffset UpdatedAt, VehicleSummary Car) : Row
{
    public const string Columns =
        "vin, model, trim, colour, status, demo, in_stock_since, revision, certificate, floor_plan_lender, floor_plan_due, arrived_in_group";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO vehicles (group_id, store_id, cost, transfer_to, updated_at, {Columns}) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) " +
        "ON CONFLICT (group_id, vin) DO UPDATE SET store_id = EXCLUDED.store_id, cost = EXCLUDED.cost, transfer_to = EXCLUDED.transfer_to, " +
        "updated_at = EXCLUDED.updated_at, model = EXCLUDED.model, trim = EXCLUDED.trim, colour = EXCLUDED.colour, status = EXCLUDED.status, " +
        "demo = EXCLUDED.demo, in_stock_since = EXCLUDED.in_stock_since, revision = EXCLUDED.revision, certificate = EXCLUDED.certificate, " +
        "floor_plan_lender = EXCLUDED.floor_plan_lender, floor_plan_due = EXCLUDED.floor_plan_due, arrived_in_group = EXCLUDED.arrived_in_group " +
        "WHERE vehicles.revision < EXCLUDED.revision",
        GroupId, StoreId, Cost, TransferTo, UpdatedAt, Car.Vin, Car.Model, Car.Trim, Car.Colour, Car.Status, Car.Demo, Car.InStockSince, Car.Revision,
        Car.Certificate, Car.FloorPlan?.Lender, Car.FloorPlan?.DueDate, Car.ArrivedInGroup);

    public static VehicleSummary Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<VehicleStatus>(r.GetString(4)), r.GetBoolean(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.GetInt32(7), Enum.Parse<CertificateLocation>(r.GetString(8)),
        r.IsDBNull(9) ? null : new FloorPlan(r.GetString(9), r.GetFieldValue<DateOnly>(10)),
        r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11));
}

/// <summary>A transfer's line on the transfer lists of the two stores it joins, rewritten at every step.</summary>
internal sealed record TransferRow(string GroupId, int Revision, TransferView Transfer) : Row
{
    public const string Columns =
        "transfer_id, vin, from_store_id, to_store_id, status, requested_at, requested_by, decided_at, decided_by, rejection_reason, received_at, received_by";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO transfers (group_id, revision, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) " +
        "ON CONFLICT (group_id, transfer_id) DO UPDATE SET revision = EXCLUDED.revision, status = EXCLUDED.status, decided_at = EXCLUDED.decided_at, " +
        "decided_by = EXCLUDED.decided_by, rejection_reason = EXCLUDED.rejection_reason, received_at = EXCLUDED.received_at, " +
        "received_by = EXCLUDED.received_by WHERE transfers.revision < EXCLUDED.revision",
        GroupId, Revision, Transfer.TransferId, Transfer.Vin, Transfer.FromStoreId, Transfer.ToStoreId, Transfer.Status, Transfer.RequestedAt,
        Transfer.RequestedBy, Transfer.DecidedAt, Transfer.DecidedBy, Transfer.RejectionReason, Transfer.ReceivedAt, Transfer.ReceivedBy);

    public static TransferView Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<TransferStatus>(r.GetString(4)), r.GetFieldValue<DateTimeOffset>(5),
        r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11));
}
