using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.AfterSale;

/// <summary>The customer-service caller's follow-up calls after a delivery, and the complaints an unhappy customer's call opens.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FollowUpCallTests(ClusterFixture fixture)
{
    private static async Task<List<StoreTask>> CallTasks(SalesStore s, string dealId, StoreTaskStatus status = StoreTaskStatus.Open)
    {
        using var _ = As(s.Manager);
        return [.. Ok(await s.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(s.Store)).List(null, StaffRole.CustomerServiceCaller, status, PageRequest.All))
            .Items.Where(t => t.Refs["dealId"] == dealId).OrderBy(t => t.Due)];
    }

    private IFollowUpCallGrain Call(SalesStore s, string taskId) => fixture.Grains.GetGrain<IFollowUpCallGrain>(GrainKeys.InStore(s.Store, taskId));

    [Fact]
    public async Task The_caller_gets_what_the_call_needs_the_seller_cannot_record_it_and_an_unreachable_customer_is_called_three_times()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, vin) = await s.DeliveredDeal();
        var caller = await fixture.NewStaff(s.Group, StaffRole.CustomerServiceCaller, s.Store);
        var first = (await CallTasks(s, dealId))[0];
        FollowUpCallSheet sheet;

        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await Call(s, first.TaskId).GetSheet()).Problem?.Code);
            Assert.Equal("forbidden", (await Call(s, first.TaskId).Record(new CallOutcomeDraft(CallOutcome.Satisfied), null)).Problem?.Code);
        }

        using (As(caller))
        {
            // The task is done by recording the call, not by a free-text completion.
            Assert.Equal("record-call-outcome", (await s.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(s.Store)).Complete(first.TaskId, "called")).Problem?.Code);
            sheet = Ok(await Call(s, first.TaskId).GetSheet());
        }

        using (As(s.Manager))
        {
            var customer = Ok(await s.Customer(sheet.CustomerId).Get());
            Assert.Equal((customer.Name, customer.Mobile), (sheet.CustomerName, sheet.Mobile));
        }

        using (As(caller))
        {
            Assert.Equal((vin, s.Sc1.StaffId, 1, false, 0), (sheet.Vin, sheet.ConsultantId, sheet.Attempt, sheet.Done, sheet.Calls.Count));
            Assert.NotNull(sheet.DeliveredAt);

            var taskId = first.TaskId;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var recorded = Ok(await Call(s, taskId).Record(new CallOutcomeDraft(CallOutcome.Unreachable, Note: "no answer"), $"call-{attempt}"));
                Assert.Equal((true, attempt), (recorded.Done, recorded.Calls.Count));
                Assert.StartsWith(caller.StaffId, recorded.Calls[^1].By);
                var retry = (await CallTasks(s, dealId)).SingleOrDefault(t => t.Refs.TryGetValue("attempt", out var a) && a == $"{attempt + 1}");
                if (attempt < 3)
                {
                    Assert.NotNull(retry);
                    Assert.Equal(Clock.GetUtcNow().AddDays(1), retry.Due);
                    taskId = retry.TaskId;
                }
                else
                {
                    Assert.Null(retry);
                }
            }

            // Retried, the last call answers the same and books nothing more; another outcome for it is refused.
            Assert.Equal(3, Ok(await Call(s, taskId).Record(new CallOutcomeDraft(CallOutcome.Unreachable, Note: "no answer"), "call-3")).Calls.Count);
            Assert.Equal("call-recorded", (await Call(s, taskId).Record(new CallOutcomeDraft(CallOutcome.Satisfied), null)).Problem?.Code);
        }

        // The day-7 call is still to make; the three day-1 calls are done with their outcomes.
        Assert.Single(await CallTasks(s, dealId));
        Assert.Equal(3, (await CallTasks(s, dealId, StoreTaskStatus.Done)).Count(t => t.Result!.StartsWith("Unreachable", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_consultant_who_sold_the_car_cannot_record_its_call_even_as_a_sales_manager_who_may_make_calls()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, _) = await s.DeliveredDeal();
        var caller = await fixture.NewStaff(s.Group, StaffRole.CustomerServiceCaller, s.Store);
        var task = (await CallTasks(s, dealId))[0];

        // The consultant who sold the car is made sales manager: the role now among the follow-up callers, still the deal's seller.
        StaffView promoted;
        using (As(Caller.Platform("admin")))
        {
            promoted = Ok(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(s.Group, s.Sc1.StaffId))
                .Assign(new StaffAssignment(StaffRole.SalesManager, [s.Store], false)));
        }

        Assert.Contains(promoted.Role, RoleSets.FollowUpCallers);
        var seller = new Caller(promoted.StaffId, s.Group, promoted.Role, promoted.StoreIds, promoted.WholeGroup, promoted.DisplayName);
        using (As(seller))
        {
            Assert.Equal(s.Sc1.StaffId, Ok(await s.Deal(dealId).Get()).ConsultantId);
            var refused = (await Call(s, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Satisfied), null)).Problem;
            Assert.Equal((ProblemKind.Forbidden, "forbidden"), (refused?.Kind, refused?.Code));
            Assert.Equal("The consultant who sold the car does not make its follow-up call.", refused?.Detail);
        }

        using (As(caller))
        {
            var sheet = Ok(await Call(s, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Satisfied), null));
            Assert.Equal((true, CallOutcome.Satisfied), (sheet.Done, Assert.Single(sheet.Calls).Outcome));
            Assert.StartsWith(caller.StaffId, sheet.Calls[0].By);
        }
    }

    [Fact]
    public async Task An_unhappy_customer_opens_a_complaint_the_sales_manager_tracks_to_closure()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, vin) = await s.DeliveredDeal();
        var caller = await fixture.NewStaff(s.Group, StaffRole.CustomerServiceCaller, s.Store);
        var task = (await CallTasks(s, dealId))[0];
        string complaintId;
        using (As(caller))
        {
            Assert.Equal("invalid-input", (await Call(s, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Unhappy), null)).Problem?.Code);
            var sheet = Ok(await Call(s, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Unhappy, "Scratch on the tailgate found at home"), null));
            complaintId = sheet.Calls[^1].ComplaintId!;
        }

        var complaint = fixture.Grains.GetGrain<IComplaintGrain>(GrainKeys.InStore(s.Store, complaintId));
        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await complaint.Get()).Problem?.Code);
        }

        using (As(caller))
        {
            Assert.Equal("forbidden", (await complaint.Act("I'll fix it", null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            var opened = Ok(await complaint.Get());
            Assert.Equal((ComplaintStatus.Open, dealId, vin, s.Sc1.StaffId), (opened.Status, opened.Subject.DealId, opened.Subject.Vin, opened.Subject.ConsultantId));
            Assert.StartsWith(caller.StaffId, opened.OpenedBy);
            var listed = Ok(await fixture.Grains.GetGrain<IComplaintListGrain>(GrainKeys.Store(s.Store)).List(ComplaintStatus.Open, PageRequest.All)).Items;
            Assert.Equal([complaintId], listed.Select(c => c.ComplaintId));
            var tasks = Ok(await s.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(s.Store)).List(null, StaffRole.SalesManager, null, PageRequest.All)).Items;
            Assert.Single(tasks, t => t.Kind == "complaint" && t.Refs["complaintId"] == complaintId);

            Assert.Equal(ComplaintStatus.InProgress, Ok(await complaint.Act("Called back; body shop booked for Friday", null)).Status);
            var closed = Ok(await complaint.Close("Tailgate repainted; customer satisfied", null));
            Assert.Equal((ComplaintStatus.Closed, 3), (closed.Status, closed.Actions.Count));
            Assert.StartsWith(s.Manager.StaffId, closed.ClosedBy);
            Assert.Equal("complaint-closed", (await complaint.Act("more", null)).Problem?.Code);
            var done = Ok(await s.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(s.Store)).List(null, StaffRole.SalesManager, StoreTaskStatus.Done, PageRequest.All)).Items;
            Assert.Single(done, t => t.Kind == "complaint" && t.Refs["complaintId"] == complaintId);
            Assert.Empty(Ok(await fixture.Grains.GetGrain<IComplaintListGrain>(GrainKeys.Store(s.Store)).List(ComplaintStatus.Open, PageRequest.All)).Items);
        }
    }
}
