using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Sales;

[Collection(ClusterCollection.Name)]
public sealed class ShowroomTests(ClusterFixture fixture)
{
    private static NewRegisterEntry Visit(string? mobile, string? consultant = null, ProspectGrade? grade = null) =>
        new(EntryKind.Visit, EntrySource.WalkIn, mobile is null ? null : "Li Lei", mobile, "Magotan", 1, consultant, grade, null);

    [Fact]
    public async Task A_walk_in_retried_after_local_midnight_is_recognised_by_the_next_days_register()
    {
        var s = await SalesStore.Open(fixture);
        using var _ = As(s.Manager);
        var operation = $"{s.Manager.StaffId}:walk-in-{Guid.NewGuid():N}";
        var tomorrow = s.Grains.GetGrain<IShowroomRegisterGrain>(GrainKeys.ShowroomRegister(s.Store, s.Today.AddDays(1)));

        var visit = Visit(SalesStore.NewMobile(), s.Sc1.StaffId);

        var first = Ok(await s.Register().Log(visit, operation));
        var retried = Ok(await tomorrow.Log(visit, operation));

        Assert.Equal(first.EntryId, retried.EntryId);
        Assert.Empty(Ok(await tomorrow.List(new PageRequest(PageRequest.DefaultLimit, null))).Items);
    }

    [Fact]
    public async Task A_customer_is_matched_by_mobile_within_the_store_and_never_across_stores()
    {
        var s = await SalesStore.Open(fixture);
        var other = await s.NewConsultant(s.OtherStore);
        RegisterEntry first, again, elsewhere;
        using (As(s.Manager))
        {
            first = Ok(await s.Register().Log(Visit("13812345678", s.Sc1.StaffId), null));
            again = Ok(await s.Register().Log(Visit("+86 138-1234-5678", s.Sc2.StaffId), null));
        }

        using (As(other))
        {
            elsewhere = Ok(await s.Register(s.OtherStore).Log(Visit("13812345678", other.StaffId), null));
        }

        Assert.Equal(first.CustomerId, again.CustomerId);
        Assert.True(first.FirstVisit);
        Assert.True(first.ProspectOpened);
        Assert.False(again.FirstVisit);
        Assert.False(again.ProspectOpened);
        Assert.NotEqual(first.CustomerId, elsewhere.CustomerId);
        Assert.True(elsewhere.FirstVisit);
        Assert.Equal("138****5678", first.MaskedMobile);

        using var _ = As(s.Manager);
        var customer = Ok(await s.Customer(first.CustomerId!).Get());
        Assert.Equal(2, customer.Visits);
        // The card stays with the consultant who opened it; the return visit is logged on it.
        Assert.Equal(s.Sc1.StaffId, customer.Prospect!.ConsultantId);
        Assert.Equal(2, customer.Prospect.FollowUps.Count);
        var numbers = await s.Numbers.Get(s.Today, null);
        Assert.Equal((2, 1, 1), (numbers.Today.Visits, numbers.Today.FirstVisits, numbers.Today.Records));
    }

    [Fact]
    public async Task Walk_ins_go_to_the_consultant_who_has_waited_longest()
    {
        var s = await SalesStore.Open(fixture);
        var sc3 = await s.NewConsultant();
        using var _ = As(s.Manager);
        foreach (var consultant in new[] { s.Sc1, s.Sc2, sc3 })
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            Ok(await s.Consultant(consultant.StaffId).SetStatus(ConsultantStatus.Available, "on the floor", null));
        }

        Assert.Equal([s.Sc1.StaffId, s.Sc2.StaffId, sc3.StaffId], (await s.Grains.GetGrain<IConsultantListGrain>(GrainKeys.Store(s.Store)).UpNext()).Select(c => c.StaffId));

        Assert.Equal(s.Sc1.StaffId, Ok(await s.Register().Log(Visit(null), null)).ConsultantId);
        Assert.Equal(s.Sc2.StaffId, Ok(await s.Register().Log(Visit(null), null)).ConsultantId);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Ok(await s.Consultant(s.Sc1.StaffId).SetStatus(ConsultantStatus.Available, "customer left", null));
        // sc3 has waited since the start; Sc1 only just came back.
        Assert.Equal(sc3.StaffId, Ok(await s.Register().Log(Visit(null), null)).ConsultantId);
        Assert.Equal(s.Sc1.StaffId, Ok(await s.Register().Log(Visit(null), null)).ConsultantId);
        Assert.Equal("no-consultant-available", (await s.Register().Log(Visit(null), null)).Problem?.Code);

        Assert.Equal(ConsultantStatus.WithCustomer, Ok(await s.Consultant(sc3.StaffId).Get()).Status);
        Assert.Equal(4, Ok(await s.Register().List(PageRequest.First)).Items.Count);
    }

    [Fact]
    public async Task Walk_ins_arriving_together_each_get_their_own_number_and_never_share_a_consultant()
    {
        var s = await SalesStore.Open(fixture);
        var sc3 = await s.NewConsultant();
        using var _ = As(s.Manager);

        // Ten visitors at once and three consultants free: three are taken, each by a different consultant.
        var anonymous = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => s.Register().Log(Visit(null), null)));
        var taken = anonymous.Where(a => a.IsOk).Select(a => a.Value!).ToList();
        Assert.Equal(3, taken.Count);
        Assert.Equal(new[] { s.Sc1.StaffId, s.Sc2.StaffId, sc3.StaffId }.Order(), taken.Select(t => t.ConsultantId).Order());
        Assert.All(anonymous.Where(a => !a.IsOk), a => Assert.Equal("no-consultant-available", a.Problem?.Code));

        // Twenty named visits at once: twenty entries, no number given twice.
        var named = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            s.Register().Log(Visit(SalesStore.NewMobile(), i % 2 == 0 ? s.Sc1.StaffId : s.Sc2.StaffId), null)));
        var entries = taken.Concat(named.Select(n => Ok(n))).Select(e => e.EntryId).ToList();
        Assert.Equal(entries.Count, entries.Distinct().Count());
        Assert.Equal(23, Ok(await s.Register().List(PageRequest.All)).Items.Count);
    }

    [Fact]
    public async Task Follow_ups_fall_due_by_the_grade_rhythm_and_turn_overdue_on_the_clock()
    {
        var s = await SalesStore.Open(fixture);
        var customer = await s.WalkIn(s.Sc1, SalesStore.NewMobile(), ProspectGrade.A);
        var opened = Clock.GetUtcNow();
        using var _ = As(s.Sc1);
        Assert.Equal(opened.AddDays(3), Ok(await s.Customer(customer).Get()).Prospect!.NextFollowUpDue);
        Assert.Empty(await s.Prospects(s.Sc1.StaffId, overdueOnly: true));

        Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var overdue = Assert.Single(await s.Prospects(s.Sc1.StaffId, overdueOnly: true));
        Assert.Equal(customer, overdue.CustomerId);
        Assert.Equal(1, Assert.Single((await s.Numbers.Get(s.Today, s.Sc1.StaffId)).Consultants).MonthToDate.FollowUpsOverdue);

        var after = Ok(await s.Customer(customer).LogFollowUp(new FollowUpDraft("phone", "Wants a test drive on Saturday", ProspectGrade.H, null, null), null));
        Assert.Equal(Clock.GetUtcNow().AddDays(1), after.Prospect!.NextFollowUpDue);
        Assert.Equal(ProspectGrade.H, after.Prospect.Grade);
        Assert.Empty(await s.Prospects(s.Sc1.StaffId, overdueOnly: true));
        Assert.Equal(0, (await s.Lists.OverdueByConsultant()).GetValueOrDefault(s.Sc1.StaffId));
    }

    [Fact]
    public async Task A_lost_prospect_needs_the_sales_manager_to_confirm()
    {
        var s = await SalesStore.Open(fixture);
        var customer = await s.WalkIn(s.Sc1, SalesStore.NewMobile(), ProspectGrade.B);
        using (As(s.Sc1))
        {
            var declared = Ok(await s.Customer(customer).DeclareLost(LostReason.Competitor, "Bought a BYD Song"));
            Assert.Equal(ProspectStatus.LostPending, declared.Prospect!.Status);
            Assert.Equal("forbidden", (await s.Customer(customer).DecideLost(true, null)).Problem?.Code);
        }

        using (As(s.Sc2))
        {
            // Another consultant does not even see the card.
            Assert.Equal("not-found", (await s.Customer(customer).Get()).Problem?.Code);
        }

        using var _ = As(s.Manager);
        var confirmed = Ok(await s.Customer(customer).DecideLost(true, "checked with the customer"));
        Assert.Equal(ProspectStatus.Lost, confirmed.Prospect!.Status);
        Assert.StartsWith(s.Manager.StaffId, confirmed.Prospect.LostConfirmedBy);
        Assert.StartsWith(s.Sc1.StaffId, confirmed.Prospect.LostDeclaredBy);
        Assert.Equal(ProspectStatus.Lost, Assert.Single(await s.Prospects()).Status);
    }

    [Fact]
    public async Task Prospects_of_a_consultant_who_leaves_are_reassigned_by_the_manager()
    {
        var s = await SalesStore.Open(fixture);
        var customer = await s.WalkIn(s.Sc1, SalesStore.NewMobile());
        using (As(s.Sc2))
        {
            Assert.Equal("not-found", (await s.Customer(customer).Reassign(s.Sc2.StaffId)).Problem?.Code);
        }

        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await s.Customer(customer).Reassign(s.Sc2.StaffId)).Problem?.Code);
        }

        using var _ = As(s.Manager);
        Assert.Equal(s.Sc2.StaffId, Ok(await s.Customer(customer).Reassign(s.Sc2.StaffId)).Prospect!.ConsultantId);
        Assert.Equal(s.Sc2.StaffId, Assert.Single(await s.Prospects()).ConsultantId);
        Assert.Equal("invalid-input", (await s.Customer(customer).Reassign("nobody-here")).Problem?.Code);
    }
}
