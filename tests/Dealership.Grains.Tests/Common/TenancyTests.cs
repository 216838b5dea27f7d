using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Common;

[Collection(ClusterCollection.Name)]
public sealed class TenancyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_client_call_without_a_caller_is_refused()
    {
        var (_, stores) = await fixture.NewGroup(1);
        using var _ = As(null);
        await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(stores[0])).Get());
    }

    [Fact]
    public async Task Staff_of_one_store_cannot_reach_another_store()
    {
        var (groupId, stores) = await fixture.NewGroup(2);
        var manager = await fixture.NewStaff(groupId, StaffRole.SalesManager, stores[0]);
        using var _ = As(manager);
        Ok(await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(stores[0])).Get());
        await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(stores[1])).Get());
        await Assert.ThrowsAsync<CallerRefusedException>(() =>
            fixture.Grains.GetGrain<IConsultantListGrain>(GrainKeys.Store(stores[1])).List());
    }

    [Fact]
    public async Task Group_hq_sees_every_store_of_its_group_and_nothing_of_another_group()
    {
        var (groupA, storesA) = await fixture.NewGroup(2);
        var (groupB, storesB) = await fixture.NewGroup(1);
        var hq = await fixture.NewStaff(groupA, StaffRole.GroupHq);
        using var _ = As(hq);

        Ok(await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(storesA[1])).Get());
        Ok(await fixture.Grains.GetGrain<IGroupGrain>(GrainKeys.Group(groupA)).Get());
        await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<IGroupGrain>(GrainKeys.Group(groupB)).Get());
        await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(storesB[0])).Get());
    }

    [Fact]
    public async Task A_caller_forging_another_groups_id_is_still_refused_on_its_stores()
    {
        var (groupA, _) = await fixture.NewGroup(1);
        var (_, storesB) = await fixture.NewGroup(1);
        var admin = await fixture.NewStaff(groupA, StaffRole.Administrator);
        // Whole-group scope names the caller's own group; another group's store stays out of reach.
        using var _ = As(admin);
        await Assert.ThrowsAsync<CallerRefusedException>(() =>
            fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(storesB[0])).ChangePolicies(new StorePoliciesChange { VatRate = 0m }));
    }

    [Fact]
    public async Task Calls_between_grains_are_trusted_while_the_same_call_from_a_client_is_not()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var admin = await fixture.NewStaff(groupId, StaffRole.Administrator);
        using var _ = As(admin);

        // The login grain belongs to no store: a client may not call it directly...
        await Assert.ThrowsAsync<CallerRefusedException>(() => fixture.Grains.GetGrain<ILoginGrain>("login/someone").Claim(groupId));

        // ...but the staff grain calls it on the administrator's behalf when creating staff.
        var created = Ok(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, "li-na"))
            .Create(new NewStaff("li-na", "Li Na", StaffRole.Cashier, [stores[0]], false, "a-long-password")));
        Assert.Equal("li-na", created.StaffId);
    }

    [Fact]
    public async Task A_store_scoped_administrator_cannot_staff_other_stores()
    {
        var (groupId, stores) = await fixture.NewGroup(2);
        var admin = await fixture.NewStaff(groupId, StaffRole.Administrator, stores[0]);
        using var _ = As(admin);
        var username = $"y{Guid.NewGuid():N}"[..10];
        var foreign = await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, username))
            .Create(new NewStaff(username, "Y", StaffRole.Cashier, [stores[1]], false, "a-long-password"));
        Assert.Equal(ProblemKind.Forbidden, foreign.Problem?.Kind);
    }
}
