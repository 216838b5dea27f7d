using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Vehicles;

/// <summary>
/// Test-drive bookings of a demo car. The car's grain is the only writer of its bookings and serves one call at a time, so
/// the overlap check and the write cannot interleave with another booking of the same car.
/// </summary>
public sealed partial class VehicleGrain
{
    /// <summary>A drive that starts within this long of a booked slot of another customer would run into it.</summary>
    private static readonly TimeSpan DriveLength = TimeSpan.FromMinutes(30);

    public async Task<Outcome<TestDriveBooking>> Book(string storeId, string bookingId, NewTestDriveBooking booking, string? operationId)
    {
        var errors = booking.Validate();
        if (!Ids.IsRecordId(bookingId, "tb"))
        {
            errors.Add("bookingId", "is not a booking id.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Book), storeId, booking);
        if (await operations.Replay<TestDriveBooking>(storeId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if ((Roles.Refused("book test drives", RoleSets.SalesFloor) ?? Owned(storeId)) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        if (booking.Start < now || booking.Start > now.AddDays(NewTestDriveBooking.MaxDaysAhead))
        {
            return Problem.Invalid("start", $"must be in the future, at most {NewTestDriveBooking.MaxDaysAhead} days ahead.");
        }

        if (!state.State.Demo || state.State.Physical != VehicleStatus.InStock || state.State.Reservation is not null)
        {
            return Problem.Refused("not-a-demo-car", $"VIN {Key.Vin} is not a free demo car in stock; only demo cars are booked for test drives.");
        }

        var customer = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(storeId, booking.CustomerId)).Get();
        if (!customer.IsOk)
        {
            return Problem.Invalid("customerId", "is not a customer of this store.");
        }

        var overlapping = await database.First(
            $"SELECT {TestDriveBookingRow.Columns} FROM test_drive_bookings WHERE group_id = $1 AND vin = $2 AND cancelled_at IS NULL " +
            "AND starts_at < $4 AND ends_at > $3 ORDER BY starts_at LIMIT 1",
            TestDriveBookingRow.Read, Key.GroupId, Key.Vin, booking.Start, booking.End);
        if (overlapping is not null)
        {
            return Problem.Conflict("booking-overlaps",
                $"VIN {Key.Vin} is already booked {await Slot(storeId, overlapping)} (booking {overlapping.BookingId}).");
        }

        var consultantId = booking.ConsultantId ?? StoreFacts.CallingConsultant() ?? customer.Value!.Prospect?.ConsultantId;
        var booked = new TestDriveBooking(bookingId, storeId, Key.Vin, booking.CustomerId, consultantId, booking.Start, booking.End, booking.Note,
            now, Audit.Who);
        return await WriteBooking(storeId, booked, operationId, fingerprint, insert: true);
    }

    public async Task<Outcome<TestDriveBooking>> CancelBooking(string storeId, string bookingId, string? operationId)
    {
        var fingerprint = OperationLog.Fingerprint(nameof(CancelBooking), storeId, bookingId);
        if (await operations.Replay<TestDriveBooking>(storeId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if ((Roles.Refused("cancel test-drive bookings", RoleSets.SalesFloor) ?? Owned(storeId)) is { } refused)
        {
            return refused;
        }

        var booking = await database.First($"SELECT {TestDriveBookingRow.Columns} FROM test_drive_bookings WHERE group_id = $1 AND vin = $2 AND booking_id = $3",
            TestDriveBookingRow.Read, Key.GroupId, Key.Vin, bookingId);
        if (booking is null || booking.StoreId != storeId)
        {
            return Problem.NotFound($"Booking {bookingId}");
        }

        return booking.CancelledAt is not null
            ? booking
            : await WriteBooking(storeId, booking with { CancelledAt = clock.GetUtcNow(), CancelledBy = Audit.Who }, operationId, fingerprint, insert: false);
    }

    /// <summary>A booking's slot in the store's own time, as staff read it.</summary>
    private async Task<string> Slot(string storeId, TestDriveBooking booking)
    {
        var zone = StoreFacts.Zone(await StoreFacts.Store(GrainFactory, storeId));
        var (start, end) = (TimeZoneInfo.ConvertTime(booking.Start, zone), TimeZoneInfo.ConvertTime(booking.End, zone));
        return $"from {start:yyyy-MM-dd HH:mm} to {end:HH:mm} ({start:zzz})";
    }

    /// <summary>The live booking of another customer the car would run into if it left now, if any.</summary>
    private Task<TestDriveBooking?> BookedForAnother(string customerId, DateTimeOffset now) =>
        database.First(
            $"SELECT {TestDriveBookingRow.Columns} FROM test_drive_bookings WHERE group_id = $1 AND vin = $2 AND cancelled_at IS NULL " +
            "AND starts_at < $4 AND ends_at > $3 AND customer_id <> $5 ORDER BY starts_at LIMIT 1",
            TestDriveBookingRow.Read, Key.GroupId, Key.Vin, now, now + DriveLength, customerId);

    private async Task<Outcome<TestDriveBooking>> WriteBooking(string storeId, TestDriveBooking booking, string? operationId, string fingerprint, bool insert)
    {
        try
        {
            if (await operations.WriteOrReplay([new TestDriveBookingRow(Key.GroupId, booking, insert)], storeId, operationId, fingerprint, booking,
                "TestDriveBooking") is { } replayed)
            {
                return replayed;
            }
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.ExclusionViolation)
        {
            // Another activation of this car booked the slot a moment ago (the check above cannot see it): the table refuses.
            return Problem.Conflict("booking-overlaps", $"VIN {Key.Vin} was booked {await Slot(storeId, booking)} by someone else a moment ago.");
        }

        var what = booking.CancelledAt is null
            ? $"test drive booked {await Slot(storeId, booking)}"
            : $"test-drive booking {booking.BookingId} cancelled";
        await StoreFeed.Publish(GrainFactory, storeId, clock.GetUtcNow(), "test-drive-booking", Key.Vin, $"{Key.Vin} {state.State.Model}: {what}",
            new Dictionary<string, string>
            {
                ["vin"] = Key.Vin,
                ["bookingId"] = booking.BookingId,
                ["start"] = booking.Start.ToString("O"),
                ["end"] = booking.End.ToString("O"),
                ["cancelled"] = booking.CancelledAt is null ? "false" : "true",
            });
        return booking;
    }
}
