using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Service;

/// <summary>
/// Cars' warranties on the cluster and PostgreSQL: the basic warranty's end by time or by distance at the car's pace (worked out
/// by hand), the extended warranty sold at the store's price with one winner, and the list of warranties ending soon.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WarrantyTests(ClusterFixture fixture)
{
    private const string Model = "Tayron";

    private static readonly ExtendedWarrantyOffer Offer = new(2, 60_000, 3_800m, 1_900m);

    [Fact]
    public async Task A_slow_cars_warranty_ends_by_its_years_and_a_fast_ones_by_its_kilometres_at_its_pace()
    {
        var store = await Store();
        var (slow, fast) = (TestVins.Next(), TestVins.Next());
        await Sold(store, slow, At(store, 2025, 1, 10));
        await Visit(store, slow, At(store, 2025, 7, 10), 3_620); // 181 days: 20 km a day
        await Sold(store, fast, At(store, 2026, 3, 1));
        await Visit(store, fast, At(store, 2026, 5, 30), 9_000); // 90 days: 100 km a day

        var slowCar = await Record(store, slow);
        var fastCar = await Record(store, fast);

        // Slow: 96,380 km more at 20 a day is 4,819 days (2038); 3 years from delivery come first. Fast: 91,000 km at 100 a day is
        // 910 days from its visit (2028-11-25), before 2029-03-01.
        Assert.Equal((new DateOnly(2028, 1, 10), 100_000, WarrantyBasis.Time, true),
            (slowCar.Warranty.BasicEndsOn, slowCar.Warranty.BasicEndsKm, slowCar.Warranty.Basis, slowCar.Warranty.InForce));
        Assert.Equal((new DateOnly(2028, 11, 25), WarrantyBasis.Distance), (fastCar.Warranty.BasicEndsOn, fastCar.Warranty.Basis));
        Assert.Equal(Offer, fastCar.Warranty.Offer); // the store's extension, while the basic warranty runs
        Assert.Equal([(3_620, RepairOrderStatus.Closed)], slowCar.Visits.Select(v => (v.Odometer, v.Status)));
        Assert.Equal(("赵先生", "138****8000", Model), (slowCar.CustomerName, slowCar.MaskedMobile, slowCar.Model));
    }

    [Fact]
    public async Task The_extension_is_sold_at_the_stores_price_once_whoever_sells_it_first()
    {
        var store = await Store();
        var vin = TestVins.Next();
        await Sold(store, vin, At(store, 2026, 3, 1));
        await Visit(store, vin, At(store, 2026, 5, 30), 9_000);

        // Two advisors at once: one sale, the other told the car is extended.
        var sales = await Task.WhenAll(Sell(store, store.Advisor, vin, "a"), Sell(store, store.OtherAdvisor, vin, "b"));
        var sold = Assert.Single(sales, s => s.IsOk).Value!;
        Assert.Equal("already-extended", Assert.Single(sales, s => !s.IsOk).Problem!.Code);

        var extended = sold.Warranty.Extended!;
        Assert.Equal((3_800m, 2, new DateOnly(2030, 11, 25), 160_000, store.Id), (extended.Price, extended.Years, extended.EndsOn, extended.EndsKm, extended.StoreId));
        Assert.Null(sold.Warranty.Offer);
        Assert.Equal((1L, 1_900m), (await fixture.Scalar<long>("SELECT count(*) FROM extended_warranties WHERE vin = $1", vin),
            await fixture.Scalar<decimal>("SELECT cost FROM extended_warranties WHERE vin = $1", vin)));
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM audit_trail WHERE subject = 'extended-warranty' AND subject_id = $1", vin));

        // The same request again (its Idempotency-Key) answers as before; the record shows the extension to everyone.
        Assert.Equal(extended, Ok(await Sell(store, sales[0].IsOk ? store.Advisor : store.OtherAdvisor, vin, sales[0].IsOk ? "a" : "b")).Warranty.Extended);
        Assert.Equal(extended, (await Record(store, vin)).Warranty.Extended);
    }

    [Fact]
    public async Task No_extension_is_sold_where_the_store_sells_none_after_the_warranty_ended_or_for_a_car_the_group_did_not_deliver()
    {
        var store = await Store(offer: false);
        var (running, ended, brought) = (TestVins.Next(), TestVins.Next(), TestVins.Next());
        await Sold(store, running, At(store, 2026, 3, 1));
        var longAgo = store.Today.AddYears(-4);
        await Sold(store, ended, At(store, longAgo.Year, longAgo.Month, longAgo.Day));
        await Visit(store, brought, At(store, 2026, 9, 1), 40_000); // bought elsewhere, serviced here

        Assert.Equal("no-extended-warranty", (await Sell(store, store.Advisor, running, null)).Problem?.Code);
        await SetOffer(store);
        Assert.Equal("warranty-ended", (await Sell(store, store.Advisor, ended, null)).Problem?.Code);
        Assert.Equal("warranty-unknown", (await Sell(store, store.Advisor, brought, null)).Problem?.Code);
        Assert.Null((await Record(store, brought)).Warranty.BasicEndsOn);
        Assert.False((await Record(store, ended)).Warranty.InForce);
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM extended_warranties WHERE vin IN ($1, $2, $3)", running, ended, brought));
    }

    [Fact]
    public async Task The_warranty_list_leaves_out_cars_extended_opted_out_declined_or_ending_later_and_a_car_tried_today()
    {
        var store = await Store();
        var (due, extended, optedOut, declined, later) = (TestVins.Next(), TestVins.Next(), TestVins.Next(), TestVins.Next(), TestVins.Next());
        var endsIn30 = store.Today.AddYears(-3).AddDays(30); // at 40 km a day the 100,000 km take 2,500 days: the years end first
        foreach (var vin in new[] { due, extended, optedOut, declined })
        {
            await Sold(store, vin, At(store, endsIn30.Year, endsIn30.Month, endsIn30.Day));
        }

        var endsIn120 = store.Today.AddYears(-3).AddDays(120);
        await Sold(store, later, At(store, endsIn120.Year, endsIn120.Month, endsIn120.Day));
        var warranty = Warranty(store);
        using (As(store.Advisor))
        {
            Ok(await warranty.SellExtension(extended, null));
            var customerId = Ok(await fixture.Grains.GetGrain<IMaintenanceGrain>(GrainKeys.Store(store.Id)).CallCard(optedOut)).CustomerId;
            Ok(await fixture.Grains.GetGrain<IMaintenanceGrain>(GrainKeys.Store(store.Id)).SetConsent(customerId, new ConsentDraft(false), null));
            Ok(await warranty.RecordCall(declined, new WarrantyCallDraft(WarrantyCallOutcome.Declined, "打算换车"), null));
        }

        using (As(store.CallerStaff))
        {
            var car = Assert.Single(Ok(await warranty.Reminders(PageRequest.First)).Items);
            Assert.Equal((due, store.Today.AddDays(30), 30, WarrantyBasis.Time, "138****8000"), (car.Vin, car.EndsOn, car.DaysLeft, car.Basis, car.MaskedMobile));

            // Not reached: off today's list, the try kept with who and when.
            var record = Ok(await warranty.RecordCall(due, new WarrantyCallDraft(WarrantyCallOutcome.Unreachable), null));
            Assert.Equal((WarrantyCallOutcome.Unreachable, store.CallerStaff.AuditName), (record.WarrantyCalls[0].Outcome, record.WarrantyCalls[0].By));
            Assert.Empty(Ok(await warranty.Reminders(PageRequest.First)).Items);
        }
    }

    [Fact]
    public async Task Bad_input_changes_nothing_and_another_stores_cars_are_not_this_stores()
    {
        var store = await Store();
        var other = await Store();
        var vin = TestVins.Next();
        await Sold(store, vin, At(store, 2026, 3, 1));

        using (As(store.Advisor))
        {
            var invalid = await Warranty(store).RecordCall(vin, new WarrantyCallDraft(WarrantyCallOutcome.Declined), null);
            Assert.Equal(("reason", ProblemKind.Invalid), (invalid.Problem!.Errors!.Keys.Single(), invalid.Problem.Kind));
            Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM warranty_calls WHERE vin = $1", vin));

            // This store's advisor at the other store's desk: refused at the silo.
            await Assert.ThrowsAsync<CallerRefusedException>(() => Warranty(other).CarRecord(vin));
        }

        using (As(other.Advisor))
        {
            Assert.Equal(ProblemKind.NotFound, (await Warranty(other).CarRecord(vin)).Problem?.Kind); // never sold or serviced there
            Assert.Equal(ProblemKind.NotFound, (await Warranty(other).SellExtension(vin, null)).Problem?.Kind);
        }

        using (As(store.TechA))
        {
            Assert.Equal(ProblemKind.Forbidden, (await Warranty(store).SellExtension(vin, null)).Problem?.Kind); // a technician does not sell
        }
    }

    private IWarrantyGrain Warranty(ServiceStore store) => fixture.Grains.GetGrain<IWarrantyGrain>(GrainKeys.Store(store.Id));

    // A service store with the model's plan (basic warranty 3 years or 100,000 km), one for any other model and, unless told, the extension it sells.
    private async Task<ServiceStore> Store(bool offer = true)
    {
        var store = await ServiceStore.Create(fixture);
        using (As(store.Manager))
        {
            Ok(await fixture.Grains.GetGrain<IMaintenanceGrain>(GrainKeys.Store(store.Id)).SetPlan(
                new MaintenancePlan(Model, 5_000, 6, 10_000, 12, ["更换机油"], WarrantyYears: 3, WarrantyKm: 100_000), null));
            Ok(await fixture.Grains.GetGrain<IMaintenanceGrain>(GrainKeys.Store(store.Id)).SetPlan(
                new MaintenancePlan(MaintenancePlan.AnyModel, 7_500, 6, 7_500, 6, ["更换机油"]), null));
        }

        if (offer)
        {
            await SetOffer(store);
        }

        return store;
    }

    private async Task SetOffer(ServiceStore store)
    {
        using var _ = As(store.Manager);
        Ok(await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store.Id)).ChangePolicies(new StorePoliciesChange { ExtendedWarranty = Offer }));
    }

    private async Task<CarRecord> Record(ServiceStore store, string vin)
    {
        using var _ = As(store.Advisor);
        return Ok(await Warranty(store).CarRecord(vin));
    }

    private async Task<Outcome<CarRecord>> Sell(ServiceStore store, Caller who, string vin, string? key)
    {
        using var _ = As(who);
        return await Warranty(store).SellExtension(vin, key);
    }

    private static DateTimeOffset At(ServiceStore store, int year, int month, int day) => store.LocalTime(new DateOnly(year, month, day), 10);

    private Task Sold(ServiceStore store, string vin, DateTimeOffset deliveredAt) => CarPast.Sold(fixture, store, vin, deliveredAt, Model);

    private Task Visit(ServiceStore store, string vin, DateTimeOffset at, int odometer) => CarPast.Visit(fixture, store, vin, at, odometer);
}
