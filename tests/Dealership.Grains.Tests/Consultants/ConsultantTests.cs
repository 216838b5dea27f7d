using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Consultants;

[Collection(ClusterCollection.Name)]
public sealed class ConsultantTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Creating_a_consultant_puts_them_on_the_store_list()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var consultant = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        using var _ = As(consultant);
        var list = await fixture.Grains.GetGrain<IConsultantListGrain>(GrainKeys.Store(stores[0])).List();
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
        var history = Ok(await grain.GetHistory(PageRequest.First)).Items;
        Assert.Single(history);
        Assert.StartsWith(consultant.StaffId, history[0].By);
        Assert.Equal(ConsultantStatus.WithCustomer,
            Assert.Single(await fixture.Grains.GetGrain<IConsultantListGrain>(GrainKeys.Store(stores[0])).List()).Status);
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

        var closed = await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(stores[0])).CloseOfDay();

        Assert.Equal(2, closed);
        var list = await fixture.Grains.GetGrain<IConsultantListGrain>(GrainKeys.Store(stores[0])).List();
        Assert.All(list, c => Assert.Equal(ConsultantStatus.Away, c.Status));
        var history = Ok(await fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], a.StaffId)).GetHistory(PageRequest.First)).Items;
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
        Assert.Empty(await fixture.Grains.GetGrain<IConsultantListGrain>(GrainKeys.Store(stores[0])).List());
    }

    [Fact]
    public async Task Status_history_is_read_a_page_at_a_time_newest_first_each_change_once()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var consultant = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        var grain = fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], consultant.StaffId));
        using var _ = As(consultant);
        for (var i = 0; i < 23; i++)
        {
            Ok(await grain.SetStatus(i % 2 == 0 ? ConsultantStatus.Available : ConsultantStatus.WithCustomer, $"change {i}", null));
        }

        var notes = new List<string?>();
        string? after = null;
        do
        {
            var page = Ok(await grain.GetHistory(new PageRequest(10, after)));
            Assert.True(page.Items.Count <= 10);
            notes.AddRange(page.Items.Select(h => h.Note));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(Enumerable.Range(0, 23).Reverse().Select(i => $"change {i}"), notes);
    }

    [Fact]
    public async Task The_grain_refuses_a_status_change_the_caller_may_not_make()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var mine = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        var colleague = await fixture.NewStaff(groupId, StaffRole.SalesConsultant, stores[0]);
        var cashier = await fixture.NewStaff(groupId, StaffRole.Cashier, stores[0]);
        var grain = fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], colleague.StaffId));

        using (As(mine))
        {
            Assert.Equal(ProblemKind.Forbidden, (await grain.SetStatus(ConsultantStatus.Away, null, null)).Problem?.Kind);
            Assert.Equal(ProblemKind.NotFound, (await grain.GetHistory(PageRequest.First)).Problem?.Kind);
        }

        using (As(cashier))
        {
            Assert.Equal(ProblemKind.Forbidden, (await grain.SetStatus(ConsultantStatus.Away, null, null)).Problem?.Kind);
        }

        using (As(colleague))
        {
            Assert.Empty(Ok(await grain.GetHistory(PageRequest.First)).Items);
        }
    }
}
