using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Vehicles;

[Collection(ClusterCollection.Name)]
public sealed class VehicleTests(ClusterFixture fixture)
{

    private async Task<(string Store, Caller Clerk, IVehicleGrain Car, string Vin)> NewCar(VehicleStatus status)
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        // The sales manager keeps stock and reserves cars for deals: every call below is one a manager may make.
        var clerk = await fixture.NewStaff(groupId, StaffRole.SalesManager, stores[0]);
        var vin = TestVins.Next();
        var car = fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(groupId, vin));
        using (As(clerk))
        {
            Ok(await car.Register(stores[0], new NewVehicle(vin, "Tiguan L", "330TSI", "White", 200_000m, status), null));
        }

        return (stores[0], clerk, car, vin);
    }

    [Fact]
    public async Task Twenty_concurrent_reservations_leave_exactly_one_winner()
    {
        var (store, clerk, car, _) = await NewCar(VehicleStatus.InStock);
        using var _ = As(clerk);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => car.Reserve(store, $"deal-{i}", null)));
        Assert.Single(attempts, a => a.IsOk);
        Assert.Equal(19, attempts.Count(a => a.Problem?.Code == "vin-already-reserved"));
        var winner = attempts.Single(a => a.IsOk).Value!.Reservation!.DealId;
        Assert.Equal(winner, Ok(await car.Get(store)).Reservation!.DealId);
    }

    [Fact]
    public async Task Reserving_twice_for_the_same_deal_is_harmless_and_release_frees_the_car()
    {
        var (store, clerk, car, _) = await NewCar(VehicleStatus.InTransit);
        using var _ = As(clerk);
        Ok(await car.Reserve(store, "deal-1", null));
        Assert.Equal(VehicleStatus.Reserved, Ok(await car.Reserve(store, "deal-1", null)).Status);
        Assert.Equal("not-reserved-by-deal", (await car.Release(store, "deal-2", null)).Problem?.Code);
        Assert.Equal(VehicleStatus.InTransit, Ok(await car.Release(store, "deal-1", null)).Status);
        Assert.True((await car.Reserve(store, "deal-2", null)).IsOk);
    }

    [Fact]
    public async Task Illegal_lifecycle_moves_are_refused_and_change_nothing()
    {
        var (store, clerk, car, _) = await NewCar(VehicleStatus.Ordered);
        using var _ = As(clerk);
        Assert.Equal("illegal-transition", (await car.Move(store, VehicleMove.Receive, null)).Problem?.Code);
        Assert.Equal("illegal-transition", (await car.Move(store, VehicleMove.Return, null)).Problem?.Code);
        Assert.Equal("illegal-transition", (await car.Reserve(store, "deal-1", null)).Problem?.Code);
        var view = Ok(await car.Get(store));
        Assert.Equal(VehicleStatus.Ordered, view.Status);
        Assert.Equal(1, view.Revision);
    }

    [Fact]
    public async Task The_full_lifecycle_records_who_and_when_and_the_ledger_entries()
    {
        var (store, clerk, car, _) = await NewCar(VehicleStatus.Ordered);
        using (As(clerk))
        {
            Ok(await car.Move(store, VehicleMove.Ship, null));
            Ok(await car.Move(store, VehicleMove.Receive, null));
            Ok(await car.Reserve(store, "deal-9", null));
        }

        // Only the deal holding the car sells and delivers it (the operator's tooling stands in for the deal's grain).
        using (As(Caller.Platform("test")))
        {
            Assert.Equal("illegal-transition", (await car.Sell(store, "deal-8")).Problem?.Code);
            Ok(await car.Sell(store, "deal-9"));
            Assert.Equal("illegal-transition", (await car.Deliver(store, "deal-8")).Problem?.Code);
            Assert.Equal(VehicleStatus.Delivered, Ok(await car.Deliver(store, "deal-9")).Status);
        }

        using var _ = As(clerk);
        var history = Ok(await car.GetHistory(store, PageRequest.All)).Items;
        Assert.Equal(6, history.Count);
        Assert.All(history.Take(4), h => Assert.StartsWith(clerk.StaffId, h.By));
        Assert.Equal([LedgerEntryType.Receipt, LedgerEntryType.SaleOut], history.Where(h => h.Ledger is not null).Select(h => h.Ledger!.Value));
    }

    [Fact]
    public async Task A_vin_already_in_the_group_is_refused()
    {
        var (store, clerk, car, vin) = await NewCar(VehicleStatus.InStock);
        using var _ = As(clerk);
        var again = await car.Register(store, new NewVehicle(vin, "Lavida", "1.5L", "Red", 90_000m, VehicleStatus.Ordered), null);
        Assert.Equal("vin-exists", again.Problem?.Code);
        Assert.Equal("Tiguan L", Ok(await car.Get(store)).Model);
    }

    [Fact]
    public async Task A_car_is_not_found_through_another_store()
    {
        var (groupId, stores) = await fixture.NewGroup(2);
        var hq = await fixture.NewStaff(groupId, StaffRole.SalesManager);
        var vin = TestVins.Next();
        var car = fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(groupId, vin));
        using var _ = As(hq);
        Ok(await car.Register(stores[0], new NewVehicle(vin, "Passat", "380TSI", "Black", 200_000m, VehicleStatus.InStock), null));
        Assert.Equal(ProblemKind.NotFound, (await car.Get(stores[1])).Problem?.Kind);
    }

    [Fact]
    public async Task A_retried_move_with_the_same_operation_id_happens_once()
    {
        var (store, clerk, car, _) = await NewCar(VehicleStatus.Ordered);
        using var _ = As(clerk);
        var first = Ok(await car.Move(store, VehicleMove.Ship, "op-1"));
        var retry = Ok(await car.Move(store, VehicleMove.Ship, "op-1"));
        Assert.Equal(first, retry);
        Assert.Equal(2, Ok(await car.Get(store)).Revision);
        Assert.Equal("idempotency-key-reused", (await car.Move(store, VehicleMove.Receive, "op-1")).Problem?.Code);
    }

    [Fact]
    public async Task No_staff_member_can_sell_or_deliver_a_car_directly()
    {
        var (store, clerk, car, _) = await NewCar(VehicleStatus.InStock);
        var group = GrainKeys.Split(car.GetPrimaryKeyString()).Owner;
        var gm = await fixture.NewStaff(group, StaffRole.GeneralManager, store);
        using (As(clerk))
        {
            Ok(await car.Reserve(store, "deal-1", null));
        }

        foreach (var who in new[] { clerk, gm })
        {
            using var _ = As(who);
            await Assert.ThrowsAsync<CallerRefusedException>(() => car.Sell(store, "deal-1"));
            await Assert.ThrowsAsync<CallerRefusedException>(() => car.Deliver(store, "deal-1"));
        }

        using (As(gm))
        {
            Assert.Equal(VehicleStatus.Reserved, Ok(await car.Get(store)).Status);
        }
    }

    [Fact]
    public async Task Reading_a_car_is_for_the_roles_that_work_with_cars()
    {
        var (store, _, car, _) = await NewCar(VehicleStatus.InStock);
        var group = GrainKeys.Split(car.GetPrimaryKeyString()).Owner;
        var planner = await fixture.NewStaff(group, StaffRole.PartsPlanner, store);
        var advisor = await fixture.NewStaff(group, StaffRole.ServiceAdvisor, store);
        using (As(planner))
        {
            Assert.Equal("forbidden", (await car.Get(store)).Problem?.Code);
            Assert.Equal("forbidden", (await car.GetHistory(store, PageRequest.All)).Problem?.Code);
        }

        using (As(advisor))
        {
            Ok(await car.Get(store));
        }
    }

    [Fact]
    public async Task The_car_refuses_what_the_callers_role_may_not_do()
    {
        var (store, _, car, _) = await NewCar(VehicleStatus.InStock);
        var group = GrainKeys.Split(car.GetPrimaryKeyString()).Owner;
        var consultant = await fixture.NewStaff(group, StaffRole.SalesConsultant, store);
        var cashier = await fixture.NewStaff(group, StaffRole.Cashier, store);
        var other = TestVins.Next();
        using (As(consultant))
        {
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, other))
                .Register(store, new NewVehicle(other, "Bora", "1.5L", "Red", 90_000m, VehicleStatus.InStock), null)).Problem?.Code);
            Assert.Equal("forbidden", (await car.Move(store, VehicleMove.Return, null)).Problem?.Code);
            Assert.Equal("forbidden", (await car.UpdateDetails(store, true, CertificateLocation.InSafe, null)).Problem?.Code);
            Ok(await car.Reserve(store, "deal-7", null));
            Assert.Equal("forbidden", (await car.Release(store, "deal-7", null)).Problem?.Code);
        }

        using (As(cashier))
        {
            Assert.Equal("forbidden", (await car.Reserve(store, "deal-8", null)).Problem?.Code);
            Assert.Equal("forbidden", (await car.CorrectLedger(store, -1, "count", null)).Problem?.Code);
        }

        using (As(consultant))
        {
            Assert.Equal("deal-7", Ok(await car.Get(store)).Reservation?.DealId);
        }
    }
}
