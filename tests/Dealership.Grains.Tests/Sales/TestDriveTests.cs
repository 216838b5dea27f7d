using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Sales;

[Collection(ClusterCollection.Name)]
public sealed class TestDriveTests(ClusterFixture fixture)
{
    private const string Licence = "11010519900307123X";

    private static string NewDriveId() => "td" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task An_expired_licence_or_a_car_that_is_not_a_demo_car_is_refused_and_nothing_changes()
    {
        var s = await SalesStore.Open(fixture);
        var customer = await s.WalkIn(s.Sc1, SalesStore.NewMobile());
        var demo = await s.CarInStock(demo: true);
        var notDemo = await s.CarInStock();
        using var _ = As(s.Sc1);

        var expired = await s.Drive(NewDriveId()).Start(new NewTestDrive(customer, demo, Licence, s.Today.AddDays(-1), 120, null));
        Assert.Equal("licence-expired", expired.Problem?.Code);
        Assert.Equal("not-a-demo-car", (await s.Drive(NewDriveId()).Start(new NewTestDrive(customer, notDemo, Licence, s.Today.AddYears(3), 120, null))).Problem?.Code);

        Assert.Null(Ok(await s.Car(demo).Get(s.Store)).OnTestDrive);
        Assert.Equal(ConsultantStatus.WithCustomer, Ok(await s.Consultant(s.Sc1.StaffId).Get()).Status);
    }

    [Fact]
    public async Task A_demo_car_out_on_a_drive_cannot_be_reserved_for_a_deal()
    {
        var s = await SalesStore.Open(fixture);
        var customer = await s.WalkIn(s.Sc1, SalesStore.NewMobile());
        var car = await s.CarInStock(demo: true);
        var driveId = NewDriveId();
        using (As(s.Sc1))
        {
            Ok(await s.Drive(driveId).Start(new NewTestDrive(customer, car, Licence, s.Today.AddYears(2), 120, null)));
        }

        using (As(s.Manager))
        {
            Assert.Equal("vehicle-on-test-drive", (await s.Car(car).Reserve(s.Store, "dl0000000000000001", null)).Problem?.Code);
            Assert.Null(Ok(await s.Car(car).Get(s.Store)).Reservation);
        }

        using (As(s.Sc1))
        {
            Ok(await s.Drive(driveId).End(131));
        }

        using (As(s.Manager))
        {
            Assert.Equal("dl0000000000000001", Ok(await s.Car(car).Reserve(s.Store, "dl0000000000000001", null)).Reservation?.DealId);
        }
    }

    private static string NewBookingId() => "tb" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task Bookings_of_one_car_never_overlap_even_when_made_at_once()
    {
        var s = await SalesStore.Open(fixture);
        var customers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            customers.Add(await s.WalkIn(i % 2 == 0 ? s.Sc1 : s.Sc2, SalesStore.NewMobile()));
        }

        var car = await s.CarInStock(demo: true);
        var ten = Clock.GetUtcNow().AddDays(1);
        using var _ = As(s.Manager);

        // Six consultants' requests for overlapping slots (10:00–11:00 shifted by 10 minutes each) at the same moment: one wins.
        var attempts = await Task.WhenAll(customers.Select((c, i) =>
            s.Car(car).Book(s.Store, NewBookingId(), new NewTestDriveBooking(c, ten.AddMinutes(i * 10), ten.AddMinutes(i * 10 + 60)), null)));
        Assert.Single(attempts, a => a.IsOk);
        Assert.All(attempts.Where(a => !a.IsOk), a => Assert.Equal("booking-overlaps", a.Problem?.Code));

        // Back to back is fine; a cancelled slot is free again.
        var winner = attempts.Single(a => a.IsOk).Value!;
        var next = Ok(await s.Car(car).Book(s.Store, NewBookingId(), new NewTestDriveBooking(customers[0], winner.End, winner.End.AddMinutes(30)), null));
        Assert.Equal("booking-overlaps", (await s.Car(car).Book(s.Store, NewBookingId(),
            new NewTestDriveBooking(customers[1], winner.Start.AddMinutes(5), winner.Start.AddMinutes(20)), null)).Problem?.Code);
        var cancelled = Ok(await s.Car(car).CancelBooking(s.Store, winner.BookingId, null));
        Assert.StartsWith(s.Manager.StaffId, cancelled.CancelledBy);
        Ok(await s.Car(car).Book(s.Store, NewBookingId(), new NewTestDriveBooking(customers[1], winner.Start.AddMinutes(5), winner.Start.AddMinutes(20)), null));

        // Even a writer that skipped the car's check (two activations during a failover) cannot store an overlapping booking.
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => fixture.Scalar<int>(
            "INSERT INTO test_drive_bookings (group_id, booking_id, store_id, vin, customer_id, starts_at, ends_at, booked_at, booked_by) " +
            "VALUES ($1, 'tb00000000000000ff', $2, $3, $4, $5, $6, now(), 'test') RETURNING 1",
            s.Group, s.Store, car, customers[2], next.Start.AddMinutes(10), next.End.AddMinutes(10)));
        Assert.Equal(Npgsql.PostgresErrorCodes.ExclusionViolation, refused.SqlState);

        var day = DateOnly.FromDateTime(ten.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var list = Bookings(s).Bookings(day, car, withCancelled: false, PageRequest.All);
        Assert.Equal(2, Ok(await list).Items.Count);
        Assert.Equal(3, Ok(await Bookings(s).Bookings(day, car, withCancelled: true, PageRequest.All)).Items.Count);
        Assert.Contains(Ok(await Bookings(s).Bookings(day, car, withCancelled: false, PageRequest.All)).Items, b => b.BookingId == next.BookingId);
    }

    [Fact]
    public async Task A_car_booked_now_for_another_customer_cannot_go_out_with_someone_else_and_only_demo_cars_are_booked()
    {
        var s = await SalesStore.Open(fixture);
        var booked = await s.WalkIn(s.Sc1, SalesStore.NewMobile());
        var other = await s.WalkIn(s.Sc2, SalesStore.NewMobile());
        var car = await s.CarInStock(demo: true);
        var notDemo = await s.CarInStock();
        using (As(s.Sc1))
        {
            Assert.Equal("not-a-demo-car", (await s.Car(notDemo).Book(s.Store, NewBookingId(),
                new NewTestDriveBooking(booked, Clock.GetUtcNow().AddHours(1), Clock.GetUtcNow().AddHours(2)), null)).Problem?.Code);
            Assert.Equal("invalid-input", (await s.Car(car).Book(s.Store, NewBookingId(),
                new NewTestDriveBooking(booked, Clock.GetUtcNow().AddHours(-2), Clock.GetUtcNow().AddHours(-1)), null)).Problem?.Code);
            Ok(await s.Car(car).Book(s.Store, NewBookingId(), new NewTestDriveBooking(booked, Clock.GetUtcNow().AddMinutes(10), Clock.GetUtcNow().AddMinutes(70)), null));
        }

        using (As(s.Sc2))
        {
            Assert.Equal("vehicle-booked", (await s.Drive(NewDriveId()).Start(new NewTestDrive(other, car, Licence, s.Today.AddYears(2), 100, null))).Problem?.Code);
        }

        using (As(s.Sc1))
        {
            Ok(await s.Drive(NewDriveId()).Start(new NewTestDrive(booked, car, Licence, s.Today.AddYears(2), 100, null)));
        }
    }

    private static IVehicleListGrain Bookings(SalesStore s) => s.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(s.Store));

    [Fact]
    public async Task One_car_cannot_be_on_two_drives_and_one_consultant_cannot_run_two()
    {
        var s = await SalesStore.Open(fixture);
        var first = await s.WalkIn(s.Sc1, SalesStore.NewMobile());
        var second = await s.WalkIn(s.Sc2, SalesStore.NewMobile());
        var car = await s.CarInStock(demo: true);
        var otherCar = await s.CarInStock(demo: true);
        var driveId = NewDriveId();

        TestDriveView started;
        using (As(s.Sc1))
        {
            started = Ok(await s.Drive(driveId).Start(new NewTestDrive(first, car, Licence, s.Today, 120, null)));
            Assert.Equal("110***********123X", started.MaskedLicence);
            Assert.DoesNotContain("0519900307", started.ToString());
            Assert.Equal("consultant-on-test-drive",
                (await s.Drive(NewDriveId()).Start(new NewTestDrive(first, otherCar, Licence, s.Today, 80, null))).Problem?.Code);
        }

        using (As(s.Sc2))
        {
            Assert.Equal("vehicle-on-test-drive",
                (await s.Drive(NewDriveId()).Start(new NewTestDrive(second, car, Licence, s.Today, 120, null))).Problem?.Code);
            // The refused drive never started: Sc2 is not left marked as driving.
            Assert.Equal(ConsultantStatus.WithCustomer, Ok(await s.Consultant(s.Sc2.StaffId).Get()).Status);
        }

        using (As(s.Sc1))
        {
            Assert.Equal(ConsultantStatus.OnTestDrive, Ok(await s.Consultant(s.Sc1.StaffId).Get()).Status);
            Assert.Equal("invalid-input", (await s.Drive(driveId).End(100)).Problem?.Code);
            var ended = Ok(await s.Drive(driveId).End(135));
            Assert.Equal((TestDriveStatus.Finished, 135), (ended.Status, ended.EndMileage));
            Assert.Equal(ConsultantStatus.WithCustomer, Ok(await s.Consultant(s.Sc1.StaffId).Get()).Status);
        }

        using (As(s.Sc2))
        {
            Ok(await s.Drive(NewDriveId()).Start(new NewTestDrive(second, car, Licence, s.Today, 135, null)));
            var numbers = await s.Numbers.Get(s.Today, null);
            Assert.Equal(2, numbers.Today.TestDrives);
            Assert.Equal(1m, numbers.Today.TestDriveRate);
        }
    }

    [Fact]
    public async Task Concurrent_drives_in_one_car_leave_exactly_one_winner()
    {
        var s = await SalesStore.Open(fixture);
        var car = await s.CarInStock(demo: true);
        var consultants = new[] { s.Sc1, s.Sc2, await s.NewConsultant(), await s.NewConsultant() };
        var customers = new List<string>();
        foreach (var c in consultants)
        {
            customers.Add(await s.WalkIn(c, SalesStore.NewMobile()));
        }

        var attempts = consultants.Select((c, i) => Task.Run(async () =>
        {
            using var _ = As(c);
            return await s.Drive(NewDriveId()).Start(new NewTestDrive(customers[i], car, Licence, s.Today, 10, null));
        })).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.IsOk);
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal("vehicle-on-test-drive", r.Problem?.Code));
    }
}
