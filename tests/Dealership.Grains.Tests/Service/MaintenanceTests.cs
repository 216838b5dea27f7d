using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Service;

/// <summary>
/// A car's next service and the reminder list on the cluster and PostgreSQL. The cars' pasts (deliveries and visits months ago)
/// are written as rows, as the deal, vehicle and repair-order grains write them; the dates are worked out by hand.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MaintenanceTests(ClusterFixture fixture)
{
    private const string Model = "Tayron";

    [Fact]
    public async Task A_car_with_only_its_delivery_is_due_at_the_default_pace_when_the_distance_runs_out_first()
    {
        var store = await Store();
        var vin = TestVins.Next();
        await Sold(store, vin, At(store, 2026, 6, 1));

        var due = await NextService(store, vin);

        // 5,000 km at the default 40 km a day is 125 days (2026-10-04), before 6 months (2026-12-01).
        Assert.Equal((true, 1, 40m, DueBasis.Distance, new DateOnly(2026, 10, 4), 5_000), (due.FirstService, due.Readings, due.KmPerDay, due.Basis, due.DueOn, due.DueKm));
    }

    [Fact]
    public async Task A_slow_car_is_due_when_its_months_run_out_and_a_fast_one_when_its_kilometres_do()
    {
        var store = await Store();
        var (slow, fast) = (TestVins.Next(), TestVins.Next());
        await Sold(store, slow, At(store, 2026, 1, 10));
        await Visit(store, slow, At(store, 2026, 7, 10), 3_620); // 181 days: 20 km a day
        await Sold(store, fast, At(store, 2026, 3, 1));
        await Visit(store, fast, At(store, 2026, 5, 30), 9_000); // 90 days: 100 km a day

        var slowDue = await NextService(store, slow);
        var fastDue = await NextService(store, fast);

        // Slow: 10,000 km would take 500 days; 12 months from the visit come first. Fast: 10,000 km in 100 days.
        Assert.Equal((false, 2, 20.0m, DueBasis.Time, new DateOnly(2027, 7, 10), 13_620),
            (slowDue.FirstService, slowDue.Readings, slowDue.KmPerDay, slowDue.Basis, slowDue.DueOn, slowDue.DueKm));
        Assert.Equal((100.0m, DueBasis.Distance, new DateOnly(2026, 9, 7), 19_000), (fastDue.KmPerDay, fastDue.Basis, fastDue.DueOn, fastDue.DueKm));
    }

    [Fact]
    public async Task The_next_visit_agreed_at_handover_is_the_due_date()
    {
        var store = await Store();
        var vin = TestVins.Next();
        await Sold(store, vin, At(store, 2026, 3, 1));
        await Visit(store, vin, At(store, 2026, 5, 30), 9_000, nextVisit: new DateOnly(2026, 12, 20));

        var due = await NextService(store, vin);

        Assert.Equal((DueBasis.Agreed, new DateOnly(2026, 12, 20)), (due.Basis, due.DueOn));
    }

    [Fact]
    public async Task An_odometer_below_the_last_reading_is_refused_naming_both_unless_the_cluster_was_replaced()
    {
        var store = await Store();
        var vin = TestVins.Next();
        await Sold(store, vin, At(store, 2026, 1, 10));
        await Visit(store, vin, At(store, 2026, 7, 10), 12_000);
        using var _ = As(store.Advisor);

        var lower = await Order(store).Open(new NewRepairOrder(null, "王先生", "13800138000", vin, null, 9_000, "service", ExpectedHours: 1m));
        Assert.Equal("odometer-lower", lower.Problem?.Code);
        Assert.Contains("9000 km", lower.Problem!.Detail);
        Assert.Contains("12000 km", lower.Problem.Detail);
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM repair_orders WHERE store_id = $1 AND vin = $2 AND odometer = 9000", store.Id, vin));

        var replaced = Ok(await Order(store).Open(new NewRepairOrder(null, "王先生", "13800138000", vin, null, 9_000, "service", ExpectedHours: 1m,
            ClusterReplaced: "仪表总成更换（保修）")));
        Assert.Equal(9_000, replaced.Arrival.Odometer);
        Assert.Equal("仪表总成更换（保修）", await fixture.Scalar<string>(
            "SELECT reason FROM odometer_resets WHERE vin = $1 AND previous = 12000 AND reading = 9000", vin));

        // The pace starts again from the new cluster: one reading, so the store's default.
        using var __ = As(store.Manager);
        Assert.Equal((1, 40m), ((await NextService(store, vin)).Readings, (await NextService(store, vin)).KmPerDay));
    }

    [Fact]
    public async Task The_reminder_list_leaves_out_cars_booked_opted_out_or_reached_lately_and_a_car_tried_today()
    {
        var store = await Store();
        var (due, booked, optedOut, reached, notYet) = (TestVins.Next(), TestVins.Next(), TestVins.Next(), TestVins.Next(), TestVins.Next());
        var longAgo = store.Today.AddMonths(-8);
        foreach (var vin in new[] { due, booked, optedOut, reached })
        {
            await Sold(store, vin, At(store, longAgo.Year, longAgo.Month, longAgo.Day)); // first service long overdue
        }

        await Sold(store, notYet, Clock.GetUtcNow().AddDays(-10)); // 5,000 km at 40 km a day: due in 115 days
        var maintenance = Maintenance(store);
        var tomorrow = store.Today.AddDays(1);
        using (As(store.Advisor))
        {
            Ok(await store.Day(fixture, tomorrow).Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")),
                ServiceStore.Booking(store.LocalTime(tomorrow, 9), 1m, vin: booked), null));
            var optOut = Ok(await maintenance.CallCard(optedOut));
            Ok(await maintenance.SetConsent(optOut.CustomerId, new ConsentDraft(false), null));
            Ok(await maintenance.RecordOutcome(reached, new ReminderOutcomeDraft(ReminderOutcome.Declined, Reason: "刚在外地保养过"), null));
        }

        using (As(store.CallerStaff))
        {
            var list = Ok(await maintenance.Reminders(PageRequest.First)).Items;
            var reminder = Assert.Single(list);
            Assert.Equal((due, true, DueBasis.Distance), (reminder.Vin, reminder.Overdue, reminder.Basis)); // 5,000 km at 40 a day: 125 days
            Assert.Equal("138****8000", reminder.MaskedMobile);

            // Not reached: off today's list, the try kept with who and when.
            var card = Ok(await maintenance.RecordOutcome(due, new ReminderOutcomeDraft(ReminderOutcome.Unreachable), null));
            Assert.Equal((ReminderOutcome.Unreachable, store.CallerStaff.AuditName), (card.Contacts[0].Outcome, card.Contacts[0].By));
            Assert.Empty(Ok(await maintenance.Reminders(PageRequest.First)).Items);
        }

        // The opted-out customer's consent is kept with its change.
        using (As(store.Advisor))
        {
            var consent = Ok(await maintenance.Consent(Ok(await maintenance.CallCard(optedOut)).CustomerId));
            Assert.Equal((false, store.Advisor.AuditName), (consent.Marketing, consent.Changes[0].By));
        }
    }

    [Fact]
    public async Task Booking_from_a_reminder_takes_the_workshops_rules_and_an_appointment_of_another_car_is_refused()
    {
        var store = await Store(bays: 1);
        var vin = TestVins.Next();
        var (sold, serviced) = (store.Today.AddMonths(-15), store.Today.AddMonths(-13)); // serviced 13 months ago: overdue
        await Sold(store, vin, At(store, sold.Year, sold.Month, sold.Day));
        await Visit(store, vin, At(store, serviced.Year, serviced.Month, serviced.Day), 3_000);
        var maintenance = Maintenance(store);
        var tomorrow = store.Today.AddDays(1);
        var day = store.Day(fixture, tomorrow);
        using var _ = As(store.Advisor);

        // 09:00 is taken; the customer's call books it anyway: slot-full, with what fits instead.
        Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(tomorrow, 9), 1m), null));
        var card = Ok(await maintenance.CallCard(vin));
        var wanted = new NewAppointment(card.CustomerName, card.Mobile, vin, card.Plate, "首保 first service", store.LocalTime(tomorrow, 9), 1m);
        var full = await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), wanted, null);
        Assert.Equal("slot-full", full.Problem?.Code);

        var other = Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), ServiceStore.Booking(store.LocalTime(tomorrow, 14), 1m), null));
        var wrongCar = await maintenance.RecordOutcome(vin, new ReminderOutcomeDraft(ReminderOutcome.Booked, other.AppointmentId), null);
        Assert.Equal("appointmentId", Assert.Single(wrongCar.Problem!.Errors!.Keys));

        var booked = Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), wanted with { WantedAt = full.Problem!.Alternatives![0] }, null));
        var recorded = Ok(await maintenance.RecordOutcome(vin, new ReminderOutcomeDraft(ReminderOutcome.Booked, booked.AppointmentId), null));
        Assert.Equal(booked.AppointmentId, recorded.Contacts[0].AppointmentId);
        Assert.DoesNotContain(Ok(await maintenance.Reminders(PageRequest.First)).Items, r => r.Vin == vin);
    }

    [Fact]
    public async Task The_reminder_list_downloads_with_the_numbers_in_full_for_callers_only_and_each_download_is_audited()
    {
        var store = await Store();
        var vin = TestVins.Next();
        var (sold, serviced) = (store.Today.AddMonths(-15), store.Today.AddMonths(-13));
        await Sold(store, vin, At(store, sold.Year, sold.Month, sold.Day));
        await Visit(store, vin, At(store, serviced.Year, serviced.Month, serviced.Day), 3_000);

        using (As(store.TechA))
        {
            Assert.Equal("forbidden", (await Maintenance(store).ReminderExport()).Problem?.Code);
        }

        using var _ = As(store.CallerStaff);
        var line = Assert.Single(Ok(await Maintenance(store).ReminderExport()));
        Assert.Equal((vin, "13800138000", "赵先生", true), (line.Vin, line.Mobile, line.CustomerName, line.Overdue));
        Assert.Equal("downloaded the reminder list with full numbers (1 in all)", await fixture.Scalar<string>(
            "SELECT what FROM audit_trail WHERE store_id = $1 AND subject = 'service-reminders' AND by = $2", store.Id, store.CallerStaff.AuditName));
    }

    [Fact]
    public async Task A_plan_that_does_not_add_up_is_refused_naming_the_field_and_nothing_is_kept()
    {
        var store = await Store();
        using var _ = As(store.Manager);
        var refused = await Maintenance(store).SetPlan(new MaintenancePlan("Lavida", 5_000, 0, 10_000, 12, ["机油"]), null);
        Assert.Equal(["firstMonths"], refused.Problem!.Errors!.Keys);
        Assert.DoesNotContain(Ok(await Maintenance(store).Plans()), p => p.Plan.Model == "Lavida");
    }

    private IMaintenanceGrain Maintenance(ServiceStore store) => fixture.Grains.GetGrain<IMaintenanceGrain>(GrainKeys.Store(store.Id));

    private IRepairOrderGrain Order(ServiceStore store) => fixture.Grains.GetGrain<IRepairOrderGrain>(GrainKeys.InStore(store.Id, ServiceStore.NewId("ro")));

    // A service store with the model's plan (5,000 km or 6 months first, then 10,000 km or 12 months) and one for any other model.
    private async Task<ServiceStore> Store(int bays = 2)
    {
        var store = await ServiceStore.Create(fixture, bays);
        using var _ = As(store.Manager);
        Ok(await Maintenance(store).SetPlan(new MaintenancePlan(Model, 5_000, 6, 10_000, 12, ["更换机油", "更换机油滤清器", "全车检查"]), null));
        Ok(await Maintenance(store).SetPlan(new MaintenancePlan(MaintenancePlan.AnyModel, 7_500, 6, 7_500, 6, ["更换机油"]), null));
        return store;
    }

    private async Task<NextServiceDue> NextService(ServiceStore store, string vin)
    {
        using var _ = As(store.Advisor);
        return Ok(await Maintenance(store).NextService(vin));
    }

    // 10:00 on that day in the store's zone.
    private static DateTimeOffset At(ServiceStore store, int year, int month, int day) => store.LocalTime(new DateOnly(year, month, day), 10);

    private Task Sold(ServiceStore store, string vin, DateTimeOffset deliveredAt) => CarPast.Sold(fixture, store, vin, deliveredAt, Model);

    private Task Visit(ServiceStore store, string vin, DateTimeOffset at, int odometer, DateOnly? nextVisit = null) =>
        CarPast.Visit(fixture, store, vin, at, odometer, nextVisit);
}
