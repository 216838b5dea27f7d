using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ConsultantTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Creating_a_consultant_puts_them_on_the_store_list()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var consultant = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        using var _ = As(consultant);
        var list = await fixture.Grains.GetGrain<IConsultantIndexGrain>(GrainKeys.Store(stores[0])).List();
        Assert.Equal(ConsultantStatus.Away, Assert.Single(list).Status);
    }

    [Fact]
    public async Task A_status_change_is_recorded_once_per_operation_id()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var consultant = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        var grain = fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], consultant.StaffId));
        using var _ = As(consultant);
        var first = Ok(await grain.SetStatus(ConsultantStatus.WithCustomer, "walk-in", "key-1"));
        var again = Ok(await grain.SetStatus(ConsultantStatus.WithCustomer, "walk-in", "key-1"));
        Assert.Equal(first, again);
        var history = Ok(await grain.GetHistory());
        Assert.Single(history);
        Assert.StartsWith(consultant.StaffId, history[0].By);
        Assert.Equal(ConsultantStatus.WithCustomer,
            Assert.Single(await fixture.Grains.GetGrain<IConsultantIndexGrain>(GrainKeys.Store(stores[0])).List()).Status);
    }

    [Fact]
    public async Task Close_of_day_takes_everyone_off_the_floor()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var a = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        var b = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        using var _ = As(Caller.Platform("test"));
        Ok(await fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], a.StaffId)).SetStatus(ConsultantStatus.OnTestDrive, null, null));
        Ok(await fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], b.StaffId)).SetStatus(ConsultantStatus.Available, null, null));

        var closed = await fixture.Grains.GetGrain<IDealershipGrain>(GrainKeys.Store(stores[0])).CloseOfDay();

        Assert.Equal(2, closed);
        var list = await fixture.Grains.GetGrain<IConsultantIndexGrain>(GrainKeys.Store(stores[0])).List();
        Assert.All(list, c => Assert.Equal(ConsultantStatus.Away, c.Status));
        var history = Ok(await fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], a.StaffId)).GetHistory());
        Assert.Equal("close of day", history[0].Note);
    }

    [Fact]
    public async Task Reassigning_a_consultant_out_of_sales_takes_them_off_the_floor()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var consultant = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        using var _ = As(Caller.Platform("admin"));
        Ok(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, consultant.StaffId))
            .Assign(new StaffAssignment(StaffRole.Cashier, stores, false)));
        Assert.Empty(await fixture.Grains.GetGrain<IConsultantIndexGrain>(GrainKeys.Store(stores[0])).List());
    }
}
