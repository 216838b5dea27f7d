using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Tests.Service;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.AfterSale;

/// <summary>
/// The month's retention numbers on the cluster and PostgreSQL, counted by hand: the reminder funnel from the morning's list
/// through calls, a booking and a visit; retention over the cars on the books; warranty calls and an extension sold; and HQ's
/// comparison of the group's stores.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RetentionNumbersTests(ClusterFixture fixture)
{
    private const string Model = "Tayron";

    [Fact]
    public async Task The_month_counts_the_reminder_funnel_retention_and_extensions_from_the_records()
    {
        var store = await ServiceStore.Create(fixture);
        var month = new DateOnly(store.Today.Year, store.Today.Month, 1);
        using (As(store.Manager))
        {
            Ok(await Maintenance(store).SetPlan(new MaintenancePlan(MaintenancePlan.AnyModel, 5_000, 6, 10_000, 12, ["更换机油"]), null));
            Ok(await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store.Id)).ChangePolicies(
                new StorePoliciesChange { ExtendedWarranty = new ExtendedWarrantyOffer(2, 60_000, 3_800m, 1_900m) }));
        }

        // Three cars whose first service falls due today (5,000 km at 40 km a day: 125 days after delivery), and two sold two years ago,
        // one of them serviced three months ago.
        var (declined, booked, silent, back, away) = (TestVins.Next(), TestVins.Next(), TestVins.Next(), TestVins.Next(), TestVins.Next());
        var dueToday = store.LocalTime(store.Today.AddDays(-125), 9);
        foreach (var vin in new[] { declined, booked, silent })
        {
            await CarPast.Sold(fixture, store, vin, dueToday, Model);
        }

        var twoYearsAgo = store.LocalTime(store.Today.AddYears(-2), 9);
        await CarPast.Sold(fixture, store, back, twoYearsAgo, Model);
        await CarPast.Sold(fixture, store, away, twoYearsAgo, Model);
        await CarPast.Visit(fixture, store, back, store.LocalTime(store.Today.AddMonths(-3), 9), 30_000);

        using (As(store.CallerStaff))
        {
            Assert.Equal(3, Ok(await Maintenance(store).Reminders(PageRequest.First)).Items.Count(r => r.Vin is var v && (v == declined || v == booked || v == silent)));
            Ok(await Maintenance(store).RecordOutcome(declined, new ReminderOutcomeDraft(ReminderOutcome.Declined, Reason: "外地保养"), null));
            Ok(await Maintenance(store).RecordOutcome(silent, new ReminderOutcomeDraft(ReminderOutcome.Unreachable), null)); // not reached
        }

        var tomorrow = store.Today.AddDays(1);
        using (As(store.Advisor))
        {
            var appointment = ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap"));
            Ok(await store.Day(fixture, tomorrow).Book(appointment, ServiceStore.Booking(store.LocalTime(tomorrow, 9), 1m, vin: booked), null));
            Ok(await Maintenance(store).RecordOutcome(booked, new ReminderOutcomeDraft(ReminderOutcome.Booked, appointment), null));
            Ok(await Warranty(store).SellExtension(declined, null));
            Ok(await Warranty(store).RecordCall(away, new WarrantyCallDraft(WarrantyCallOutcome.Unreachable), null));
        }

        await CarPast.Visit(fixture, store, booked, Clock.GetUtcNow(), 5_100); // the booked car came in

        using (As(store.Manager))
        {
            var numbers = Ok(await Numbers(store).Get(month));
            Assert.Equal((3, 2, 1, 1), (numbers.Reminders.Due, numbers.Reminders.Contacted, numbers.Reminders.Booked, numbers.Reminders.Arrived));
            Assert.Equal((0.6667m, 0.5m, 1m), (numbers.Reminders.ContactRate, numbers.Reminders.BookingRate, numbers.Reminders.ArrivalRate));
            Assert.Equal((2, 1, 0.5m), (numbers.Retention.CarsOnBooks, numbers.Retention.CameBack, numbers.Retention.Rate)); // the two sold long ago
            Assert.Equal((1, 1, 3_800m, 1_900m), (numbers.Warranty.CarsCalled, numbers.Warranty.Extended, numbers.Warranty.ExtensionRevenue,
                numbers.Warranty.ExtensionMargin));
            Assert.Equal((0, null), (numbers.Renewals.Expiring, numbers.Renewals.Rate));
            Assert.Equal(0, numbers.Events.Events);

            // The monthly analysis carries the same numbers.
            var analysis = Ok(await fixture.Grains.GetGrain<Contracts.Targets.IMonthlyAnalysisGrain>(GrainKeys.Store(store.Id)).Get(month));
            Assert.Equal(numbers.Reminders, analysis.Retention!.Reminders);

            Assert.Equal("month", (await Numbers(store).Get(month.AddMonths(1))).Problem?.Errors?.Keys.Single()); // not begun
        }

        // HQ compares the group's stores; a technician reads none of it.
        var hq = await fixture.NewStaff(store.Group, StaffRole.GroupHq);
        using (As(hq))
        {
            var group = Ok(await fixture.Grains.GetGrain<IGroupRetentionGrain>(GrainKeys.Group(store.Group)).Compare(month));
            var mine = Assert.Single(group.Stores);
            Assert.Equal((store.Id, 3, 0.5m), (mine.StoreId, mine.Reminders.Due, mine.Retention.Rate));
        }

        using (As(store.TechA))
        {
            Assert.Equal(ProblemKind.Forbidden, (await Numbers(store).Get(month)).Problem?.Kind);
        }
    }

    private IMaintenanceGrain Maintenance(ServiceStore store) => fixture.Grains.GetGrain<IMaintenanceGrain>(GrainKeys.Store(store.Id));

    private IWarrantyGrain Warranty(ServiceStore store) => fixture.Grains.GetGrain<IWarrantyGrain>(GrainKeys.Store(store.Id));

    private IRetentionNumbersGrain Numbers(ServiceStore store) => fixture.Grains.GetGrain<IRetentionNumbersGrain>(GrainKeys.Store(store.Id));
}
