using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Tasks;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Common;

/// <summary>
/// Every command checks the caller's role in the grain too (the gateway checks first): a client that reaches the silo with a
/// caller of the wrong role is refused there. Steps only grains take are refused to clients whatever the caller.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RoleCheckTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Commands_refuse_a_role_that_may_not_do_them()
    {
        var (group, stores) = await fixture.NewGroup(2);
        var store = stores[0];
        var consultant = await fixture.NewStaff(group, StaffRole.SalesConsultant, store);
        var cashier = await fixture.NewStaff(group, StaffRole.Cashier, store);
        var gm = await fixture.NewStaff(group, StaffRole.GeneralManager);
        var vin = TestVins.Next();
        using (As(Caller.Platform("test")))
        {
            Ok(await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, vin))
                .Register(stores[1], new NewVehicle(vin, "Passat", "330TSI", "Black", 180_000m, VehicleStatus.InStock), null));
        }

        using (As(consultant))
        {
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store))
                .ChangePolicies(new StorePoliciesChange { ApproveEveryDeal = true })).Problem?.Code);
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store))
                .UpdateProfile(new StoreProfile("Mine now", "Volkswagen", "Asia/Shanghai"))).Problem?.Code);
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<ITransferGrain>(GrainKeys.InGroup(group, "tr00000000000000bb"))
                .Request(vin, stores[1], store)).Problem?.Code);
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IShipmentGrain>(GrainKeys.InStore(store, "SHP-9"))
                .Receive(group, new NewShipment("SHP-9", [new ShipmentLine(TestVins.Next(), "Camry", "2.5", "White", 1m, Inspection.Ok)]))).Problem?.Code);
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IBoardTokensGrain>(GrainKeys.Store(store))
                .Issue(group, "bt0000000000000001", "wall")).Problem?.Code);
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, "AB-1"))
                .Create(group, new NewPartsItem("AB-1", "Filter", "A-1", 1), null)).Problem?.Code);
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IStockLedgerGrain>(GrainKeys.Store(store))
                .Correct(vin, -1, "count", null)).Problem?.Code);
        }

        using (As(consultant))
        {
            // Reads too: a consultant sells cars, not parts.
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, "AB-1")).Get()).Problem?.Code);
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, "AB-1"))
                .GetMovements(PageRequest.All)).Problem?.Code);
        }

        using (As(cashier))
        {
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IShowroomRegisterGrain>(GrainKeys.ShowroomRegister(store, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime)))
                .Log(new NewRegisterEntry(EntryKind.Call, EntrySource.Phone, null, null, null, 1, null, null, null), null)).Problem?.Code);
        }

        using (As(gm))
        {
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(group, "new-hire"))
                .Create(new NewStaff("new-hire", "New Hire", StaffRole.Cashier, [store], false, "correct-horse-battery"))).Problem?.Code);
            Assert.Equal("forbidden", (await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store($"{group}-s9"))
                .Open(group, new StoreProfile("Store 9", "Volkswagen", "Asia/Shanghai"), StorePolicies.Default)).Problem?.Code);
        }
    }

    [Fact]
    public async Task Reads_of_the_vehicle_and_parts_lists_refuse_a_role_that_may_not_read_them_and_admit_one_that_may()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var store = stores[0];
        async Task<Caller> Staff(StaffRole role) => await fixture.NewStaff(group, role, store);
        var (planner, cashier, clerk, consultant) =
            (await Staff(StaffRole.PartsPlanner), await Staff(StaffRole.Cashier), await Staff(StaffRole.SalesInformationClerk), await Staff(StaffRole.SalesConsultant));
        var (manager, technician, advisor) = (await Staff(StaffRole.SalesManager), await Staff(StaffRole.Technician), await Staff(StaffRole.ServiceAdvisor));
        var vin = TestVins.Next();
        using (As(Caller.Platform("test")))
        {
            Ok(await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, vin))
                .Register(store, new NewVehicle(vin, "Passat", "330TSI", "Black", 180_000m, VehicleStatus.InStock), null));
            Ok(await fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, "06A115561B"))
                .Create(group, new NewPartsItem("06A115561B", "Oil filter", "A-01", OnHand: 10), null));
        }

        var cars = fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(store));
        var parts = fixture.Grains.GetGrain<IPartsListGrain>(GrainKeys.Store(store));
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

        // Each read is refused by the grain itself to a role outside its readers, in the caller's own store.
        using (As(planner))
        {
            Assert.Equal("forbidden", (await cars.List(null, PageRequest.All)).Problem?.Code);
        }

        using (As(cashier))
        {
            Assert.Equal("forbidden", (await cars.Stock(StockFilter.All, PageRequest.All)).Problem?.Code);
        }

        using (As(clerk))
        {
            Assert.Equal("forbidden", (await cars.Bookings(today, null, false, PageRequest.All)).Problem?.Code);
        }

        using (As(consultant))
        {
            Assert.Equal("forbidden", (await parts.List(null, PageRequest.All)).Problem?.Code);
        }

        using (As(manager))
        {
            Assert.Equal("forbidden", (await parts.Review(false, PageRequest.All)).Problem?.Code);
        }

        // A role among the readers reads what is there.
        using (As(cashier))
        {
            Assert.Equal([vin], Ok(await cars.List(null, PageRequest.All)).Items.Select(c => c.Vin));
        }

        using (As(clerk))
        {
            Assert.Equal([vin], Ok(await cars.Stock(StockFilter.All, PageRequest.All)).Rows.Select(r => r.Vin));
        }

        using (As(consultant))
        {
            Assert.Empty(Ok(await cars.Bookings(today, null, false, PageRequest.All)).Items);
        }

        using (As(technician))
        {
            Assert.Equal(["06A115561B"], Ok(await parts.List(null, PageRequest.All)).Items.Select(p => p.PartNumber));
        }

        using (As(advisor))
        {
            Assert.Equal(["06A115561B"], Ok(await parts.Review(false, PageRequest.All)).Items.Select(p => p.PartNumber));
        }
    }

    [Fact]
    public async Task Steps_only_grains_take_are_refused_to_clients_whatever_the_caller()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var manager = await fixture.NewStaff(group, StaffRole.SalesManager, stores[0]);
        var consultant = await fixture.NewStaff(group, StaffRole.SalesConsultant, stores[0]);
        using (As(manager))
        {
            await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], consultant.StaffId))
                .BeginWork(ConsultantStatus.WithCustomer, "tf202612010001", onlyIfAvailable: false));
            await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(stores[0]))
                .Add(new TaskDraft("forged", "forged", "Do this", null, StaffRole.Cashier, Clock.GetUtcNow(), new Dictionary<string, string>())));
            await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.InStore(stores[0], "cu0000000000000000"))
                .MarkWon("dl0000000000000000"));
        }

        // The operator's tooling may (the demo loader and the tests' setup do).
        using (As(Caller.Platform("test")))
        {
            Ok(await fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], consultant.StaffId))
                .BeginWork(ConsultantStatus.WithCustomer, "tf202612010001", onlyIfAvailable: false));
        }
    }
}
