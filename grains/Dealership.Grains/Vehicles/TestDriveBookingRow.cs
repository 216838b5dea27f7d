using Dealership.Contracts.Vehicles;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Vehicles;

/// <summary>A test-drive booking of a car: inserted when booked, updated only to record its cancellation.</summary>
internal sealed record TestDriveBookingRow(string GroupId, TestDriveBooking Booking, bool Insert) : Row
{
    public const string Columns =
        "booking_id, store_id, vin, customer_id, consultant_id, starts_at, ends_at, note, booked_at, booked_by, cancelled_at, cancelled_by";

    public override NpgsqlBatchCommand ToCommand() => Insert
        ? Sql.Command(
            $"INSERT INTO test_drive_bookings (group_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL)",
            GroupId, Booking.BookingId, Booking.StoreId, Booking.Vin, Booking.CustomerId, Booking.ConsultantId, Booking.Start, Booking.End,
            Booking.Note, Booking.BookedAt, Booking.BookedBy)
        : Sql.Command(
            "UPDATE test_drive_bookings SET cancelled_at = $3, cancelled_by = $4 WHERE group_id = $1 AND booking_id = $2 AND cancelled_at IS NULL",
            GroupId, Booking.BookingId, Booking.CancelledAt, Booking.CancelledBy);

    public static TestDriveBooking Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetString(7),
        r.GetFieldValue<DateTimeOffset>(8), r.GetString(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
        r.IsDBNull(11) ? null : r.GetString(11));
}
