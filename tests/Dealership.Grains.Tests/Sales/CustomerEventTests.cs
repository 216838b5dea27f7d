using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Sales;

/// <summary>
/// A customer event on the cluster and PostgreSQL: the invitation list by filters within the consent rules, an answer, the check-in
/// that logs a visit with the event as its source, and the order that follows counted in the event's results.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerEventTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_event_from_invitation_to_check_in_counts_the_order_that_follows()
    {
        var s = await SalesStore.Open(fixture);
        var (hot, warm, optedOut) = (await s.WalkIn(s.Sc1, SalesStore.NewMobile()), await s.WalkIn(s.Sc1, SalesStore.NewMobile(), ProspectGrade.A),
            await s.WalkIn(s.Sc1, SalesStore.NewMobile()));
        using (As(s.Sc1))
        {
            Ok(await fixture.Grains.GetGrain<IMaintenanceGrain>(GrainKeys.Store(s.Store)).SetConsent(optedOut, new ConsentDraft(false), null));
        }

        var events = Events(s.Store);
        CustomerEventView show;
        using (As(s.Manager))
        {
            show = Ok(await events.Create(new NewCustomerEvent(EventKind.ProductShow, "途观L 品鉴会", Clock.GetUtcNow().AddHours(-1), Clock.GetUtcNow().AddHours(3),
                20_000m, ["Tiguan L"]), null));

            // H prospects: the hot one; the warm one is an A, the opted-out customer is never invited. A second run adds nobody.
            Assert.Equal(new InvitationRun(1, 0, false), Ok(await events.Invite(show.EventId, new InvitationFilter(Grades: [ProspectGrade.H]), null)));
            Assert.Equal(new InvitationRun(0, 1, false), Ok(await events.Invite(show.EventId, new InvitationFilter(Grades: [ProspectGrade.H]), null)));
            Assert.Equal([hot], Ok(await events.Invitations(show.EventId, PageRequest.First)).Items.Select(i => i.CustomerId));
            _ = warm;
        }

        using (As(s.Sc1))
        {
            var accepted = Ok(await events.RecordInvitation(show.EventId, hot, new InvitationOutcomeDraft(InvitationOutcome.Accepted), null));
            Assert.Equal((InvitationOutcome.Accepted, s.Sc1.AuditName), (accepted.Outcome, accepted.OutcomeBy));

            // At the door, scanned twice at once: one visit goes into the day's register, with the event as its source.
            var scans = await Task.WhenAll(events.CheckIn(show.EventId, hot, null), events.CheckIn(show.EventId, hot, null));
            Assert.All(scans, scan => Assert.True(scan.IsOk));
            var checkedIn = Ok(await events.CheckIn(show.EventId, hot, null));
            Assert.Equal(1L, await fixture.Scalar<long>(
                "SELECT count(*) FROM register_entries WHERE store_id = $1 AND customer_id = $2 AND source = 'Event'", s.Store, hot));
            Assert.Equal("Event", await fixture.Scalar<string>("SELECT source FROM register_entries WHERE store_id = $1 AND entry_id = $2",
                s.Store, checkedIn.EntryId!));

            // The customer orders after the show.
            var dealId = "dl" + Guid.NewGuid().ToString("N")[..16];
            Ok(await s.Deal(dealId).Open(new NewDeal(hot, null, SalesStore.Terms())));
            Ok(await s.Deal(dealId).Submit(null));
            Ok(await s.Deal(dealId).Sign(null));
        }

        using (As(s.Manager))
        {
            var results = Ok(await events.Results(show.EventId));
            Assert.Equal((1, 1, 1, 1, 0, 20_000m), (results.Invited, results.Accepted, results.Visits, results.Orders, results.RetailSales, results.CostPerOrder));
        }
    }

    [Fact]
    public async Task Bad_input_and_another_stores_event_change_nothing()
    {
        var s = await SalesStore.Open(fixture);
        var events = Events(s.Store);
        using var _ = As(s.Manager);
        var backwards = await events.Create(new NewCustomerEvent(EventKind.Launch, "新车上市", Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(-2), 5_000m, ["Tayron"]), null);
        Assert.Equal(["endsAt"], backwards.Problem!.Errors!.Keys);
        Assert.Empty(Ok(await events.List(PageRequest.First)).Items);

        var launch = Ok(await events.Create(new NewCustomerEvent(EventKind.Launch, "新车上市", Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(2), 5_000m, ["Tayron"]), null));
        Assert.Equal(["grades"], (await events.Invite(launch.EventId, new InvitationFilter(), null)).Problem!.Errors!.Keys);
        await Assert.ThrowsAsync<CallerRefusedException>(() => Events(s.OtherStore).Get(launch.EventId)); // another store's: refused at the silo
        using var __ = As(s.Sc1);
        Assert.Equal("forbidden", (await events.Invite(launch.EventId, new InvitationFilter(Grades: [ProspectGrade.H]), null)).Problem?.Code);
    }

    private ICustomerEventsGrain Events(string store) => fixture.Grains.GetGrain<ICustomerEventsGrain>(GrainKeys.Store(store));
}
