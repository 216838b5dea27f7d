using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Staff;

[Collection(ClusterCollection.Name)]
public sealed class StaffTests(ClusterFixture fixture)
{
    private async Task<IStaffGrain> NewCashier()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var caller = await fixture.NewStaff(groupId, StaffRole.Cashier, stores[0]);
        return fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, caller.StaffId));
    }

    [Fact]
    public async Task Signing_in_returns_the_members_role_and_scope()
    {
        var staff = await NewCashier();
        using var _ = As(Caller.Platform("sign-in"));
        var signIn = Ok(await staff.SignIn("correct-horse-battery"));
        Assert.Equal(StaffRole.Cashier, signIn.Caller.Role);
        Assert.Single(signIn.Caller.StoreIds);
        Assert.False(signIn.Caller.WholeGroup);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_until_the_lock_expires()
    {
        var staff = await NewCashier();
        using var _ = As(Caller.Platform("sign-in"));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("bad-credentials", (await staff.SignIn("wrong")).Problem?.Code);
        }

        Assert.True((await staff.SignIn("correct-horse-battery")).IsOk, "four failures must not lock");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("bad-credentials", (await staff.SignIn("wrong")).Problem?.Code);
        }

        Assert.Equal("account-locked", (await staff.SignIn("correct-horse-battery")).Problem?.Code);
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True((await staff.SignIn("correct-horse-battery")).IsOk);
    }

    [Fact]
    public async Task A_disabled_member_cannot_sign_in_and_loses_standing()
    {
        var staff = await NewCashier();
        using var _ = As(Caller.Platform("admin"));
        var before = await staff.GetStanding();
        Ok(await staff.SetDisabled(true));
        Assert.Equal("account-disabled", (await staff.SignIn("correct-horse-battery")).Problem?.Code);
        var after = await staff.GetStanding();
        Assert.True(before.Active);
        Assert.False(after.Active);
        Assert.NotEqual(before.Revision, after.Revision);
    }

    [Fact]
    public async Task A_one_time_code_works_once_until_it_expires_and_wrong_codes_lock_as_wrong_passwords_do()
    {
        var (groupId, stores) = await fixture.NewGroup(1);
        var name = $"new{Guid.NewGuid():N}"[..12];
        var member = fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, name));
        using (As(Caller.Platform("admin")))
        {
            Assert.True(Ok(await member.Create(new NewStaff(name, "Li", StaffRole.Technician, stores, false, Password: null))).AwaitingFirstSignIn);
        }

        using (As(Caller.Platform("sign-in")))
        {
            Assert.Equal("bad-credentials", (await member.SignIn("")).Problem?.Code);
            Assert.Equal("bad-credentials", (await member.FirstSignIn("", "a-long-password")).Problem?.Code);
        }

        SignInCode code;
        using (As(await fixture.NewStaff(groupId, StaffRole.Cashier, stores[0])))
        {
            Assert.Equal(ProblemKind.Forbidden, (await member.IssueSignInCode()).Problem?.Kind);
        }

        using (As(Caller.Platform("admin")))
        {
            code = Ok(await member.IssueSignInCode());
        }

        using (As(Caller.Platform("sign-in")))
        {
            ClusterFixture.Clock.Advance(TimeSpan.FromHours(73));
            Assert.Equal("bad-credentials", (await member.FirstSignIn(code.Code, "a-long-password")).Problem?.Code);
        }

        using (As(Caller.Platform("admin")))
        {
            code = Ok(await member.IssueSignInCode());
        }

        using (As(Caller.Platform("sign-in")))
        {
            // Three failures above (a password, no code, an expired code) and two wrong codes: five in a row lock the account.
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal("bad-credentials", (await member.FirstSignIn("2345-6789-ABCD", "a-long-password")).Problem?.Code);
            }

            Assert.Equal("account-locked", (await member.FirstSignIn(code.Code, "a-long-password")).Problem?.Code);
            ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(16));
            var before = (await member.GetStanding()).Revision;
            var signedIn = Ok(await member.FirstSignIn(code.Code, "a-long-password"));
            Assert.Equal(StaffRole.Technician, signedIn.Caller.Role);
            Assert.True(signedIn.Revision > before, "tokens from before the new password stop working");
            Assert.Equal("bad-credentials", (await member.FirstSignIn(code.Code, "another-password")).Problem?.Code);
            Assert.True((await member.SignIn("a-long-password")).IsOk);
        }

        using (As(Caller.Platform("admin")))
        {
            Assert.False(Ok(await member.Get()).AwaitingFirstSignIn);
        }

        // A member with a password: a store's administrator cannot reset it (they could sign in as the member); the whole group's
        // IT can, and a change of role voids the code, issued for the member as they were.
        using (As(await fixture.NewStaff(groupId, StaffRole.Administrator, stores[0])))
        {
            Assert.Equal(ProblemKind.Forbidden, (await member.IssueSignInCode()).Problem?.Kind);
        }

        using (As(Caller.Platform("admin")))
        {
            code = Ok(await member.IssueSignInCode());
            Ok(await member.Assign(new StaffAssignment(StaffRole.ServiceAdvisor, stores, false)));
        }

        using (As(Caller.Platform("sign-in")))
        {
            Assert.Equal("bad-credentials", (await member.FirstSignIn(code.Code, "yet-another-password")).Problem?.Code);
            Assert.True((await member.SignIn("a-long-password")).IsOk);
        }
    }

    [Fact]
    public async Task Usernames_are_unique_across_groups()
    {
        var (groupA, storesA) = await fixture.NewGroup(1);
        var (groupB, storesB) = await fixture.NewGroup(1);
        using var _ = As(Caller.Platform("admin"));
        var name = $"zhang{Guid.NewGuid():N}"[..12];
        Ok(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupA, name))
            .Create(new NewStaff(name, "Zhang", StaffRole.Cashier, storesA, false, "a-long-password")));
        var clash = await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupB, name))
            .Create(new NewStaff(name, "Zhang", StaffRole.Cashier, storesB, false, "a-long-password"));
        Assert.Equal("username-taken", clash.Problem?.Code);
    }

    [Fact]
    public async Task Staff_can_only_be_assigned_to_stores_of_their_group()
    {
        var (groupA, _) = await fixture.NewGroup(1);
        var (_, storesB) = await fixture.NewGroup(1);
        using var _ = As(Caller.Platform("admin"));
        var name = $"wang{Guid.NewGuid():N}"[..12];
        var outcome = await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupA, name))
            .Create(new NewStaff(name, "Wang", StaffRole.Cashier, storesB, false, "a-long-password"));
        Assert.Equal(ProblemKind.Invalid, outcome.Problem?.Kind);
        Assert.Contains("storeIds[0]", outcome.Problem!.Errors!.Keys);
    }
}
