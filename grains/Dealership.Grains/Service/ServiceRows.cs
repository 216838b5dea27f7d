using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Grains.Parts;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Service;

/// <summary>An appointment as it stands, rewritten with every change of its day.</summary>
internal sealed record AppointmentRow(string GroupId, AppointmentView A) : Row
{
    public const string Columns =
        "appointment_id, store_id, day, slot_starts, ends_by, customer_name, mobile, vin, plate, concern, hours, status, walk_in, repair_order_id, " +
        "booked_at, booked_by, cancel_reason, revision, wanted_at";

    public static AppointmentView Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4),
        new NewAppointment(r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetString(9),
            r.GetFieldValue<DateTimeOffset>(18), Money.Exact(r.GetDecimal(10))),
        Enum.Parse<AppointmentStatus>(r.GetString(11)), r.GetBoolean(12), r.IsDBNull(13) ? null : r.GetString(13), r.GetFieldValue<DateTimeOffset>(14),
        r.GetString(15), r.IsDBNull(16) ? null : r.GetString(16), r.GetInt32(17));

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO service_appointments (store_id, appointment_id, group_id, day, slot_starts, ends_by, hours, customer_name, mobile, vin, plate, " +
        "concern, status, walk_in, repair_order_id, booked_at, booked_by, revision, wanted_at, cancel_reason) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) " +
        "ON CONFLICT (store_id, appointment_id) DO UPDATE SET status = EXCLUDED.status, repair_order_id = EXCLUDED.repair_order_id, " +
        "cancel_reason = EXCLUDED.cancel_reason, revision = EXCLUDED.revision WHERE service_appointments.revision < EXCLUDED.revision",
        A.StoreId, A.AppointmentId, GroupId, A.Day, A.SlotStarts, A.EndsBy, A.Booking.ExpectedHours, A.Booking.CustomerName, A.Booking.Mobile,
        A.Booking.Vin, A.Booking.Plate, A.Booking.Concern, A.Status, A.WalkIn, A.RepairOrderId, A.BookedAt, A.BookedBy, A.Revision,
        A.Booking.WantedAt, A.CancelReason);
}

/// <summary>A repair order's line on the store's list and the car's history, rewritten with every step of the order.</summary>
internal sealed record RepairOrderRow(string GroupId, RepairOrderView O) : Row
{
    public const string Columns =
        "repair_order_id, status, customer_name, mobile, vin, plate, odometer, concern, advisor_id, opened_at, promised_at, delivered_at, total";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO repair_orders (store_id, repair_order_id, group_id, appointment_id, customer_id, customer_name, mobile, vin, plate, odometer, " +
        "concern, advisor_id, status, opened_at, promised_at, delivered_at, total, revision, next_visit, paid_with) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) ON CONFLICT (store_id, repair_order_id) DO UPDATE SET " +
        "status = EXCLUDED.status, delivered_at = EXCLUDED.delivered_at, total = EXCLUDED.total, revision = EXCLUDED.revision, " +
        "next_visit = EXCLUDED.next_visit, paid_with = EXCLUDED.paid_with WHERE repair_orders.revision < EXCLUDED.revision",
        O.StoreId, O.RepairOrderId, GroupId, O.AppointmentId, O.CustomerId, O.Arrival.CustomerName, O.Arrival.Mobile, O.Arrival.Vin, O.Arrival.Plate,
        O.Arrival.Odometer, O.Arrival.Concern, O.AdvisorId, O.Status, O.OpenedAt, O.Arrival.PromisedAt, O.DeliveredAt,
        O.Invoice?.Total ?? O.Lines.Where(l => l.Status != RepairLineStatus.Declined).Sum(l => l.Amount), O.Revision, O.Handover?.NextVisit,
        O.Handover?.PaidWith);

    /// <summary>A list line, the mobile masked (the order itself has it in full, for the desk that calls the customer).</summary>
    public static RepairOrderSummary Read(NpgsqlDataReader r) => new(
        r.GetString(0), Enum.Parse<RepairOrderStatus>(r.GetString(1)), r.GetString(2), PersonalData.MaskMobile(r.GetString(3)),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6), r.GetString(7), r.GetString(8),
        r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
        r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), Money.Exact(r.GetDecimal(12)));
}

/// <summary>One line of a repair order as it stands (the technicians' finished flat-rate hours are read from these).</summary>
internal sealed record RepairLineRow(string StoreId, string RepairOrderId, RepairLine L, DateTimeOffset? DoneAt) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO repair_order_lines (store_id, repair_order_id, line, kind, supplement, status, description, reason, quantity, unit_price, " +
        "technician_id, part_number, issued, worked_minutes, done_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) " +
        "ON CONFLICT (store_id, repair_order_id, line) DO UPDATE SET status = EXCLUDED.status, quantity = EXCLUDED.quantity, " +
        "technician_id = EXCLUDED.technician_id, issued = EXCLUDED.issued, worked_minutes = EXCLUDED.worked_minutes, done_at = EXCLUDED.done_at",
        StoreId, RepairOrderId, L.Number, L.Kind, L.Supplement, L.Status, L.Description, L.Reason, L.Quantity, L.UnitPrice, L.TechnicianId,
        L.PartNumber, L.Issued, L.WorkedMinutes, L.Done ? DoneAt : null);
}

/// <summary>A line taken off an estimate.</summary>
internal sealed record RepairLineRemovedRow(string StoreId, string RepairOrderId, int Line) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "DELETE FROM repair_order_lines WHERE store_id = $1 AND repair_order_id = $2 AND line = $3", StoreId, RepairOrderId, Line);
}

/// <summary>A stretch a technician was clocked on a line.</summary>
internal sealed record RepairClockRow(string StoreId, string RepairOrderId, int Number, int Line, string TechnicianId, DateTimeOffset On,
    DateTimeOffset Off, int Minutes, bool Done) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO repair_order_clock (store_id, repair_order_id, number, line, technician_id, on_at, off_at, minutes, done) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        StoreId, RepairOrderId, Number, Line, TechnicianId, On, Off, Minutes, Done);
}

/// <summary>The customer's answer to an estimate or a supplement.</summary>
internal sealed record RepairApprovalRow(string StoreId, string RepairOrderId, CustomerApproval A) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO repair_order_approvals (store_id, repair_order_id, supplement, approved, approved_by_name, method, reference, amount, at, recorded_by) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        StoreId, RepairOrderId, A.Supplement, A.Approved, A.ApprovedByName, A.Method, A.Reference, A.Amount, A.At, A.RecordedBy);
}

/// <summary>The outcome of one follow-up call after a service visit, once per call task.</summary>
internal sealed record ServiceCallRow(string StoreId, string RepairOrderId, CallAttempt Call) : Row
{
    public const string Columns = "task_id, attempt, at, by, outcome, reason, note, complaint_id";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO service_follow_up_calls (store_id, repair_order_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        StoreId, RepairOrderId, Call.TaskId, Call.Attempt, Call.At, Call.By, Call.Outcome, Call.Reason, Call.Note, Call.ComplaintId);
}

/// <summary>A technician clocked on a line: one row per technician while clocked on, so no one is on two jobs at once.</summary>
internal sealed record OpenClockRow(string StoreId, string TechnicianId, string RepairOrderId, int Line, DateTimeOffset Since) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO technician_open_clocks (store_id, technician_id, repair_order_id, line, since) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (store_id, technician_id) DO UPDATE SET repair_order_id = EXCLUDED.repair_order_id, line = EXCLUDED.line, since = EXCLUDED.since",
        StoreId, TechnicianId, RepairOrderId, Line, Since);
}

/// <summary>The technician clocked off this order.</summary>
internal sealed record OpenClockClearedRow(string StoreId, string TechnicianId, string RepairOrderId) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "DELETE FROM technician_open_clocks WHERE store_id = $1 AND technician_id = $2 AND repair_order_id = $3", StoreId, TechnicianId, RepairOrderId);
}
