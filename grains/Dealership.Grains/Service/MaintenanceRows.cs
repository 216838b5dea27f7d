using Dealership.Contracts.Service;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Service;

/// <summary>A store's plan for a model, replaced whole when the plan changes.</summary>
internal sealed record MaintenancePlanRow(string GroupId, string StoreId, MaintenancePlanView P) : Row
{
    public const string Columns = "model, first_km, first_months, interval_km, interval_months, operations, updated_at, updated_by, warranty_years, warranty_km";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO maintenance_plans (group_id, store_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) " +
        "ON CONFLICT (store_id, model) DO UPDATE SET first_km = EXCLUDED.first_km, first_months = EXCLUDED.first_months, " +
        "interval_km = EXCLUDED.interval_km, interval_months = EXCLUDED.interval_months, operations = EXCLUDED.operations, " +
        "updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, warranty_years = EXCLUDED.warranty_years, warranty_km = EXCLUDED.warranty_km",
        GroupId, StoreId, P.Plan.Model, P.Plan.FirstKm, P.Plan.FirstMonths, P.Plan.IntervalKm, P.Plan.IntervalMonths, P.Plan.Operations.ToArray(),
        P.UpdatedAt, P.UpdatedBy, P.Plan.WarrantyYears, P.Plan.WarrantyKm);

    public static MaintenancePlanView Read(NpgsqlDataReader r) => new(
        new MaintenancePlan(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetFieldValue<string[]>(5), r.GetInt32(8), r.GetInt32(9)),
        r.GetFieldValue<DateTimeOffset>(6), r.GetString(7));
}

/// <summary>The store's day of next services must be computed again (its plans changed).</summary>
internal sealed record DueStaleRow(string StoreId) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command("DELETE FROM service_due_runs WHERE store_id = $1", StoreId);
}

/// <summary>One reminder call about a car.</summary>
internal sealed record ReminderContactRow(string GroupId, string StoreId, string Vin, ReminderContact C) : Row
{
    public const string Columns = "at, by, outcome, reason, appointment_id, due_on";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO service_reminder_contacts (group_id, store_id, vin, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        GroupId, StoreId, Vin, C.At, C.By, C.Outcome, C.Reason, C.AppointmentId, C.DueOn);

    public static ReminderContact Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), Enum.Parse<ReminderOutcome>(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.GetFieldValue<DateOnly>(5));
}

/// <summary>A change of a customer's consent to marketing contact.</summary>
internal sealed record ConsentRow(string GroupId, string StoreId, string CustomerId, ConsentChange C) : Row
{
    public const string Columns = "at, by, marketing, channel";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO customer_consents (group_id, store_id, customer_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        GroupId, StoreId, CustomerId, C.At, C.By, C.Marketing, C.Channel);

    public static ConsentChange Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetBoolean(2), r.IsDBNull(3) ? null : Enum.Parse<ContactChannel>(r.GetString(3)));
}

/// <summary>An instrument cluster replaced: the car's readings before it no longer count for its pace.</summary>
internal sealed record OdometerResetRow(string GroupId, string StoreId, string Vin, DateTimeOffset At, string RepairOrderId, int Previous, int Reading,
    string Reason, string By) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO odometer_resets (group_id, store_id, vin, at, repair_order_id, previous, reading, reason, by) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
        GroupId, StoreId, Vin, At, RepairOrderId, Previous, Reading, Reason, By);
}
