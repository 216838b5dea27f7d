using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Service;

/// <summary>
/// After the visit: the follow-up call some days after handover, made by someone other than the advisor; an unhappy customer's
/// complaint owned by the general manager to its closure; the car's history at the next visit; the department's numbers.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ServiceFollowUpTests(ClusterFixture fixture)
{
    private const string CallKind = "service-follow-up-call";

    private static readonly ApprovalDraft Signed = new("张先生", ApprovalMethod.Signature, "EST-9");

    /// <summary>A car serviced and handed back: one labour line of <paramref name="hours"/> by technician A, worked for <paramref name="worked"/>.</summary>
    private async Task<RepairOrderView> Delivered(ServiceStore store, string vin, int odometer, decimal hours = 1m, TimeSpan? worked = null)
    {
        var order = fixture.Grains.GetGrain<IRepairOrderGrain>(GrainKeys.InStore(store.Id, ServiceStore.NewId("ro")));
        using (As(store.Advisor))
        {
            Ok(await order.Open(new NewRepairOrder(null, "张先生", "13700137000", vin, "沪C55555", odometer, "service due", ExpectedHours: hours)));
            Ok(await order.AddLines([new NewRepairLine(RepairLineKind.Labour, "due by mileage", "Regular service", hours)], null, null));
            Ok(await order.Estimate(null));
            Ok(await order.Answer(0, Signed, null));
        }

        using (As(store.TechA))
        {
            Ok(await order.StartWork(null));
            Ok(await order.ClockOn(1, null));
            if (worked is { } span)
            {
                Clock.Advance(span);
            }

            Ok(await order.ClockOff(1, done: true, null));
            Ok(await order.SubmitForQualityCheck(null));
        }

        using (As(store.Advisor))
        {
            Ok(await order.RecordQualityCheck(new QualityCheckDraft([new("road test", true)]), null));
            Ok(await order.RecordWash(null));
            var ready = Ok(await order.IssueInvoice(null));
            return Ok(await order.Deliver(new ServiceHandover(ServicePaymentMethod.Card, ready.Invoice!.Total), null));
        }
    }

    private async Task<StoreTask> CallTask(ServiceStore store, string repairOrderId, StoreTaskStatus status = StoreTaskStatus.Open)
    {
        using var _ = As(store.Manager);
        return Ok(await fixture.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(store.Id)).List(null, StaffRole.CustomerServiceCaller, status, PageRequest.All))
            .Items.Single(t => t.Refs["repairOrderId"] == repairOrderId);
    }

    private IServiceCallGrain Call(ServiceStore store, string taskId) => fixture.Grains.GetGrain<IServiceCallGrain>(GrainKeys.InStore(store.Id, taskId));

    [Fact]
    public async Task The_call_is_due_the_store_set_days_after_handover_for_the_caller_and_the_advisor_who_served_cannot_record_it()
    {
        var store = await ServiceStore.Create(fixture);
        using (As(store.Manager))
        {
            Ok(await fixture.Grains.GetGrain<IWorkshopGrain>(GrainKeys.Store(store.Id)).Set(store.Settings(2) with { FollowUpDays = 5 }, null));
        }

        var order = await Delivered(store, TestVins.Next(), 20_000);
        var task = await CallTask(store, order.RepairOrderId);
        Assert.Equal((CallKind, StaffRole.CustomerServiceCaller), (task.Kind, task.Role));
        Assert.Equal(order.DeliveredAt!.Value.AddDays(5), task.Due);

        using (As(store.Advisor))
        {
            Assert.Equal("forbidden", (await Call(store, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Satisfied), null)).Problem?.Code);
        }

        using (As(store.CallerStaff))
        {
            // The task is done by recording the call, not by a free-text completion.
            Assert.Equal("record-call-outcome",
                (await fixture.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(store.Id)).Complete(task.TaskId, "called")).Problem?.Code);
        }

        using (As(store.TechA))
        {
            Assert.Equal(ProblemKind.Forbidden, (await Call(store, task.TaskId).GetSheet()).Problem?.Kind);
        }

        using (As(store.OtherAdvisor))
        {
            var sheet = Ok(await Call(store, task.TaskId).GetSheet());
            Assert.Equal((order.RepairOrderId, "13700137000", store.Advisor.StaffId, false), (sheet.RepairOrderId, sheet.Mobile, sheet.AdvisorId, sheet.Done));
            Assert.Equal(["Regular service (due by mileage)"], sheet.WorkDone);
            var recorded = Ok(await Call(store, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Satisfied, Note: "happy with the service"), null));
            Assert.True(recorded.Done);
        }

        Assert.Equal(StoreTaskStatus.Done, (await CallTask(store, order.RepairOrderId, StoreTaskStatus.Done)).Status);
    }

    [Fact]
    public async Task An_unhappy_customer_opens_a_complaint_the_general_manager_owns_until_it_is_closed()
    {
        var store = await ServiceStore.Create(fixture);
        var vin = TestVins.Next();
        var order = await Delivered(store, vin, 30_000);
        var task = await CallTask(store, order.RepairOrderId);

        ServiceCallSheet sheet;
        using (As(store.CallerStaff))
        {
            sheet = Ok(await Call(store, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Unhappy, "the rattle came back after two days"), "call-1"));
            var retried = Ok(await Call(store, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Unhappy, "the rattle came back after two days"), "call-1"));
            Assert.Equal(sheet.Calls, retried.Calls);
            Assert.Equal("call-recorded", (await Call(store, task.TaskId).Record(new CallOutcomeDraft(CallOutcome.Satisfied), null)).Problem?.Code);
        }

        var complaintId = Assert.Single(sheet.Calls).ComplaintId!;
        var complaint = fixture.Grains.GetGrain<IComplaintGrain>(GrainKeys.InStore(store.Id, complaintId));
        using (As(store.Manager))
        {
            var opened = Ok(await complaint.Get());
            Assert.Equal((ComplaintStatus.Open, StaffRole.GeneralManager, order.RepairOrderId, store.Advisor.StaffId, vin),
                (opened.Status, opened.Owner, opened.Subject.RepairOrderId, opened.Subject.ConsultantId, opened.Subject.Vin));
            var managerTask = Ok(await fixture.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(store.Id)).List(null, StaffRole.GeneralManager,
                StoreTaskStatus.Open, PageRequest.All)).Items.Single(t => t.Refs.GetValueOrDefault("complaintId") == complaintId);
            Assert.Equal(order.RepairOrderId, managerTask.Refs["repairOrderId"]);

            Assert.Equal(ComplaintStatus.InProgress, Ok(await complaint.Act("booked the car in again for tomorrow, free of charge", null)).Status);
        }

        using (As(store.Advisor))
        {
            // At the next visit the desk sees the open complaint on the car's record.
            var history = Ok(await fixture.Grains.GetGrain<IServiceListGrain>(GrainKeys.Store(store.Id)).History(vin, null, PageRequest.All));
            Assert.Equal(complaintId, Assert.Single(history.OpenComplaints).ComplaintId);
            Assert.Equal(ProblemKind.Forbidden, (await complaint.Close("fixed", null)).Problem?.Kind);
        }

        using (As(store.Manager))
        {
            var closed = Ok(await complaint.Close("loose heat shield refastened; customer satisfied", null));
            Assert.Equal(ComplaintStatus.Closed, closed.Status);
            Assert.Equal("complaint-closed", (await complaint.Act("more", null)).Problem?.Code);
        }

        Assert.Equal(0L, await fixture.Scalar<long>(
            "SELECT count(*) FROM tasks WHERE store_id = $1 AND kind = 'complaint' AND status = 'Open'", store.Id));
    }

    [Fact]
    public async Task The_cars_record_shows_its_visits_and_mileage_by_vin_or_plate()
    {
        var store = await ServiceStore.Create(fixture);
        var vin = TestVins.Next();
        // Each visit is opened a little after the one before (the technician works a minute).
        var first = await Delivered(store, vin, 5_100, worked: TimeSpan.FromMinutes(1));
        var second = await Delivered(store, vin, 15_300, worked: TimeSpan.FromMinutes(1));
        await Delivered(store, TestVins.Next(), 99_000);

        using var _ = As(store.Advisor);
        var list = fixture.Grains.GetGrain<IServiceListGrain>(GrainKeys.Store(store.Id));
        var byVin = Ok(await list.History(vin, null, PageRequest.All));
        Assert.Equal([second.RepairOrderId, first.RepairOrderId], byVin.Visits.Select(v => v.RepairOrderId));
        Assert.Equal((15_300, "沪C55555"), (byVin.LastOdometer, byVin.Plate));
        Assert.Equal("137****7000", byVin.Visits[0].MaskedMobile);
        Assert.Null(byVin.Sale); // not sold by this store

        var firstPage = Ok(await list.History(vin, null, new PageRequest(1, null)));
        var next = Ok(await list.History(vin, null, new PageRequest(1, firstPage.Next)));
        Assert.Equal([second.RepairOrderId, first.RepairOrderId], firstPage.Visits.Concat(next.Visits).Select(v => v.RepairOrderId));
    }

    [Fact]
    public async Task The_numbers_give_each_technicians_productivity_and_efficiency_and_what_was_handed_back_on_time()
    {
        var store = await ServiceStore.Create(fixture);
        // 1.5 flat-rate hours worked in 1 h 15 min.
        await Delivered(store, TestVins.Next(), 12_000, hours: 1.5m, worked: TimeSpan.FromMinutes(75));

        using var _ = As(store.Manager);
        var today = store.Today;
        var numbers = Ok(await fixture.Grains.GetGrain<IServiceListGrain>(GrainKeys.Store(store.Id)).Numbers(today, today));
        var techA = numbers.Technicians.Single(t => t.StaffId == store.TechA.StaffId);
        Assert.Equal((10m, 1.25m, 1.5m), (techA.AvailableHours, techA.WorkedHours, techA.FlatRateHours));
        Assert.Equal((0.125m, 1.2m), (techA.Productivity, techA.Efficiency));
        Assert.Equal((0m, (decimal?)null), (numbers.Technicians.Single(t => t.StaffId == store.TechB.StaffId).WorkedHours,
            numbers.Technicians.Single(t => t.StaffId == store.TechB.StaffId).Efficiency));
        Assert.Equal((1, 1), (numbers.Delivered, numbers.DeliveredOnTime));
        var day = Assert.Single(numbers.Days);
        Assert.Equal((20m, 1.5m, 1), (day.CapacityHours, day.BookedHours, day.Appointments));

        Assert.Equal("to", Assert.Single((await fixture.Grains.GetGrain<IServiceListGrain>(GrainKeys.Store(store.Id))
            .Numbers(today, today.AddDays(-1))).Problem!.Errors!).Key);
    }

    [Fact]
    public async Task A_car_the_store_sold_shows_its_sale_and_a_visit_written_by_plate_alone_is_on_its_record()
    {
        var s = await Sales.SalesStore.Open(fixture);
        var (dealId, vin) = await s.DeliveredDeal();
        var advisor = await fixture.NewStaff(s.Group, StaffRole.ServiceAdvisor, s.Store);
        var tech = await fixture.NewStaff(s.Group, StaffRole.Technician, s.Store);
        using (As(s.Gm))
        {
            Ok(await fixture.Grains.GetGrain<IWorkshopGrain>(GrainKeys.Store(s.Store)).Set(new WorkshopSettings(2, 60, new TimeOnly(8, 0),
                new TimeOnly(18, 0), [new(tech.StaffId, new TimeOnly(8, 0), new TimeOnly(18, 0))], 150m), null));
        }

        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), shanghai).DateTime).AddDays(1);
        var day = fixture.Grains.GetGrain<IWorkshopDayGrain>(ServiceKeys.Day(s.Store, tomorrow));
        var list = fixture.Grains.GetGrain<IServiceListGrain>(GrainKeys.Store(s.Store));
        using var _ = As(advisor);
        var orders = new List<string>();
        foreach (var (hour, carVin, plate) in new[] { (9, (string?)vin, "粤B12345"), (10, null, "粤b12345") })
        {
            var at = new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));
            var booked = Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")),
                new NewAppointment("Zhang Wei", "13911112222", carVin, plate, "first service", at, 1m), null));
            var order = fixture.Grains.GetGrain<IRepairOrderGrain>(GrainKeys.InStore(s.Store, ServiceStore.NewId("ro")));
            orders.Add(Ok(await order.Open(new NewRepairOrder(booked.AppointmentId, "Zhang Wei", "13911112222", carVin, plate, 5_000 + hour, "first service")))
                .RepairOrderId);
            Clock.Advance(TimeSpan.FromMinutes(1)); // the next car comes in a minute later
        }

        var byVin = Ok(await list.History(vin, null, PageRequest.All));
        Assert.Equal(dealId, byVin.Sale?.DealId);
        // The visit written with the plate alone is the car's too (its plate is the one its VIN's visits give).
        Assert.Equal([orders[1], orders[0]], byVin.Visits.Select(v => v.RepairOrderId));
        Assert.Equal(5_010, byVin.LastOdometer);
        var byPlate = Ok(await list.History(null, "粤b12345", PageRequest.All));
        Assert.Equal(2, byPlate.Visits.Count);
        Assert.Equal("粤B12345", byPlate.Plate);
    }
}
