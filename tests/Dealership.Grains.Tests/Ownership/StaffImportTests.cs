using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Ownership;

/// <summary>
/// A staff import run on the cluster and PostgreSQL: usernames are unique in the whole system, so one another group holds is a bad
/// row; so is a member of the whole group, whom a store's file does not re-role.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StaffImportTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_username_another_group_holds_is_a_bad_row_and_the_rest_come_in_without_a_password()
    {
        var (groupA, storesA) = await fixture.NewGroup(1);
        var (groupB, storesB) = await fixture.NewGroup(1);
        var taken = $"held{Guid.NewGuid():N}"[..12];
        var fresh = $"new{Guid.NewGuid():N}"[..12];
        using (As(Caller.Platform("admin")))
        {
            Ok(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupA, taken))
                .Create(new NewStaff(taken, "Wang", StaffRole.Cashier, storesA, false, "a-long-password")));
        }

        var admin = await fixture.NewStaff(groupB, StaffRole.Administrator, storesB[0]);
        var hq = await fixture.NewStaff(groupB, StaffRole.GroupHq);
        var run = fixture.Grains.GetGrain<IImportGrain>(GrainKeys.InStore(storesB[0], "im" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16]));
        using (As(admin))
        {
            Ok(await run.Begin(new ImportStart(ImportKind.Staff, "staff.csv", new string('a', 64), 100, DryRun: false, AllOrNone: false)));
            ImportRow[] rows = [new(2, [taken, "Wang", "收银员"]), new(3, [fresh, "Zhao", "Sales manager"]), new(4, [hq.StaffId, "HQ", "销售经理"])];
            Assert.Equal(2, Ok(await run.Check(rows)));
            Assert.Equal(ImportStatus.Running, Ok(await run.Checked()).Status);
            Ok(await run.Apply(rows));
            var report = Ok(await run.Finish(broken: false));
            Assert.Equal((ImportStatus.Applied, 1, 2), (report.Status, report.Added, report.RowsBad));
            Assert.Equal([(2, "username-taken"), (4, "group-wide-member")], report.FirstProblems.Select(p => (p.Row, p.Code)).Order());
        }

        using (As(Caller.Platform("admin")))
        {
            var member = Ok(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupB, fresh)).Get());
            Assert.Equal((StaffRole.SalesManager, true, storesB[0]), (member.Role, member.AwaitingFirstSignIn, member.StoreIds.Single()));
            Assert.Equal(StaffRole.Cashier, Ok(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupA, taken)).Get()).Role);
            Assert.Equal(StaffRole.GroupHq, Ok(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupB, hq.StaffId)).Get()).Role);
        }
    }
}
