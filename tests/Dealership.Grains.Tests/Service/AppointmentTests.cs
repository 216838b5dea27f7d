using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Service;

/// <summary>Appointments on the cluster and PostgreSQL: the slot's capacity decides, exactly once, and a refusal offers what fits.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AppointmentTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Two_advisors_booking_the_last_room_of_a_slot_at_once_leave_exactly_one_booking()
    {
        var store = await ServiceStore.Create(fixture, bays: 1);
        var tomorrow = store.Today.AddDays(1);
        var day = store.Day(fixture, tomorrow);
        var nine = store.LocalTime(tomorrow, 9);

        async Task<Outcome<AppointmentView>> BookAs(Caller advisor, string name)
        {
            using var _ = As(advisor);
            return await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), ServiceStore.Booking(nine, 1m, name), null);
        }

        var answers = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => BookAs(i % 2 == 0 ? store.Advisor : store.OtherAdvisor, $"Customer {i}")));

        var booked = Assert.Single(answers, a => a.IsOk);
        Assert.Equal(nine, booked.Value!.SlotStarts);
        Assert.All(answers.Where(a => !a.IsOk), a =>
        {
            Assert.Equal("slot-full", a.Problem!.Code);
            Assert.NotEmpty(a.Problem.Alternatives!);
            Assert.DoesNotContain(nine, a.Problem.Alternatives!);
        });
        Assert.Equal(1L, await fixture.Scalar<long>(
            "SELECT count(*) FROM service_appointments WHERE store_id = $1 AND slot_starts = $2 AND status = 'Booked'", store.Id, nine.UtcDateTime));
    }

    [Fact]
    public async Task A_long_job_loads_every_slot_it_runs_through_and_a_cancelled_one_frees_them()
    {
        var store = await ServiceStore.Create(fixture, bays: 1);
        var tomorrow = store.Today.AddDays(1);
        var day = store.Day(fixture, tomorrow);
        using var _ = As(store.Advisor);

        var long_ = Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")),
            ServiceStore.Booking(store.LocalTime(tomorrow, 9, 20), 2.5m), null));
        Assert.Equal((store.LocalTime(tomorrow, 9), store.LocalTime(tomorrow, 11, 30)), (long_.SlotStarts, long_.EndsBy));

        var loaded = Ok(await day.Get());
        Assert.Equal([1m, 1m, 0.5m], loaded.Slots.Skip(1).Take(3).Select(s => s.BookedHours));
        Assert.Equal((10m, 2.5m, 1), (loaded.CapacityHours, loaded.BookedHours, loaded.Slots[1].Arrivals));

        // 10:00 is full; 11:00 has half an hour; a 1-hour job at 11:00 does not fit, its alternatives do.
        var refused = await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(tomorrow, 11), 1m), null);
        Assert.Equal("slot-full", refused.Problem?.Code);
        Assert.Equal(store.LocalTime(tomorrow, 12), refused.Problem!.Alternatives![0]);

        Ok(await day.Cancel(long_.AppointmentId, "customer rang to cancel", null));
        var freed = Ok(await day.Get());
        Assert.Equal(0m, freed.BookedHours);
        Assert.Equal(AppointmentStatus.Cancelled, Assert.Single(freed.Appointments).Status);
        Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(tomorrow, 10), 1m), null));
        Assert.Equal("illegal-transition", (await day.Cancel(long_.AppointmentId, "again", null)).Problem?.Code);
    }

    [Fact]
    public async Task A_full_day_offers_the_next_days_a_closed_hour_is_refused_and_the_past_is_bad_input()
    {
        var store = await ServiceStore.Create(fixture, bays: 1);
        var tomorrow = store.Today.AddDays(1);
        var day = store.Day(fixture, tomorrow);
        using var _ = As(store.Advisor);
        Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(tomorrow, 8), 10m), null));

        var full = await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(tomorrow, 14), 2m), null);
        Assert.Equal("slot-full", full.Problem?.Code);
        Assert.All(full.Problem!.Alternatives!, a => Assert.Equal(tomorrow.AddDays(1), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a, store.Zone).DateTime)));
        Assert.Contains(store.LocalTime(tomorrow.AddDays(1), 14), full.Problem.Alternatives!);

        var closed = await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(tomorrow, 19), 1m), null);
        Assert.Equal(("workshop-closed", ProblemKind.Refused), (closed.Problem?.Code, closed.Problem?.Kind));
        Assert.NotEmpty(closed.Problem!.Alternatives!);

        var today = store.Day(fixture, store.Today);
        var past = await today.Book(ServiceKeys.AppointmentId(store.Today, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(store.Today, 8), 1m), null);
        Assert.Equal("wantedAt", Assert.Single(past.Problem!.Errors!).Key);

        var wrongDay = await today.Book(ServiceKeys.AppointmentId(store.Today, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(tomorrow, 9), 1m), null);
        Assert.Equal("wantedAt", Assert.Single(wrongDay.Problem!.Errors!).Key);
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM service_appointments WHERE store_id = $1", store.Id));
    }

    [Fact]
    public async Task A_retried_booking_is_the_same_booking_and_a_technician_cannot_book()
    {
        var store = await ServiceStore.Create(fixture);
        var tomorrow = store.Today.AddDays(1);
        var day = store.Day(fixture, tomorrow);
        var id = ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap"));
        var booking = ServiceStore.Booking(store.LocalTime(tomorrow, 9), 1m);

        using (As(store.TechA))
        {
            Assert.Equal(ProblemKind.Forbidden, (await day.Book(id, booking, null)).Problem?.Kind);
        }

        using (As(store.Advisor))
        {
            var first = Ok(await day.Book(id, booking, null));
            Assert.Equal(first, Ok(await day.Book(id, booking, null)));
            Assert.Equal("idempotency-key-reused", (await day.Book(id, booking with { Concern = "something else" }, null)).Problem?.Code);
            Assert.Equal(1m, Ok(await day.Get()).BookedHours);
        }
    }
}
