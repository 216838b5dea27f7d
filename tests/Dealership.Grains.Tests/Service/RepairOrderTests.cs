using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Service;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Service;

/// <summary>
/// Repair orders on the cluster and PostgreSQL: the states in their order, parts held on the quote, issued at the start and let
/// go on a cancel, supplements that are neither done nor charged unless approved, a quality check by someone else, the invoice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RepairOrderTests(ClusterFixture fixture)
{
    private static readonly ApprovalDraft Signed = new("王先生", ApprovalMethod.Signature, "EST-1");

    private static readonly QualityCheckDraft AllPassed = new([new("brakes tested", true), new("no warning lights", true), new("road test", true)]);

    private IRepairOrderGrain Order(ServiceStore store) => fixture.Grains.GetGrain<IRepairOrderGrain>(GrainKeys.InStore(store.Id, ServiceStore.NewId("ro")));

    /// <summary>An order opened from tomorrow's 09:00 appointment.</summary>
    private async Task<(IRepairOrderGrain Order, RepairOrderView View)> Opened(ServiceStore store, string? vin = null, int odometer = 10_250)
    {
        var tomorrow = store.Today.AddDays(1);
        using var _ = As(store.Advisor);
        var appointment = Ok(await store.Day(fixture, tomorrow).Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")),
            ServiceStore.Booking(store.LocalTime(tomorrow, 9), 2m, vin: vin), null));
        var order = Order(store);
        var view = Ok(await order.Open(new NewRepairOrder(appointment.AppointmentId, "王先生", "13800138000", appointment.Booking.Vin, "京A12345",
            odometer, appointment.Booking.Concern)));
        return (order, view);
    }

    /// <summary>An order quoted with the lines, its estimate approved and work started.</summary>
    private async Task<(IRepairOrderGrain Order, RepairOrderView View)> Started(ServiceStore store, params NewRepairLine[] lines)
    {
        var (order, _) = await Opened(store);
        using (As(store.Advisor))
        {
            Ok(await order.AddLines(lines, null, null));
            Ok(await order.Estimate(null));
            Ok(await order.Answer(0, Signed, null));
        }

        using (As(store.TechA))
        {
            return (order, Ok(await order.StartWork(null)));
        }
    }

    private static NewRepairLine Labour(string operation, decimal hours, string reason = "due at 10,000 km") =>
        new(RepairLineKind.Labour, reason, operation, hours);

    private static NewRepairLine PartLine(string partNumber, int quantity, string reason = "worn") =>
        new(RepairLineKind.Part, reason, PartNumber: partNumber, Quantity: quantity);

    [Fact]
    public async Task Parts_are_held_on_the_quote_issued_when_work_starts_and_let_go_when_an_order_is_cancelled()
    {
        var store = await ServiceStore.Create(fixture);
        var pads = await store.Part(fixture, "ROP-1001", onHand: 5, price: 400m);

        var (order, _) = await Opened(store);
        using (As(store.Advisor))
        {
            var quoted = Ok(await order.AddLines([Labour("Replace front brake pads", 1.2m), PartLine("ROP-1001", 2)], null, null));
            Assert.Equal((2, 0), (quoted.Lines[1].Reserved, quoted.Lines[1].Issued));
            Assert.Equal(800m, quoted.Lines[1].Amount); // the parts books' price, never the request's
            Assert.Equal(240m, quoted.Lines[0].Amount); // 1.2 h at the workshop's 200 an hour
        }

        using (As(store.Planner))
        {
            var held = Ok(await pads.Get());
            Assert.Equal((5, 2, 3), (held.OnHand, held.Reserved, held.Available));
        }

        var (cancelled, _) = await Opened(store);
        using (As(store.Advisor))
        {
            Ok(await cancelled.AddLines([PartLine("ROP-1001", 3)], null, null));
            Ok(await cancelled.Estimate(null));
            var gone = Ok(await cancelled.Cancel("customer took the car away", null));
            Assert.Equal(RepairOrderStatus.Cancelled, gone.Status);
            Ok(await order.Estimate(null));
            Ok(await order.Answer(0, Signed, null));
        }

        using (As(store.Planner))
        {
            Assert.Equal((5, 2), (Ok(await pads.Get()).OnHand, Ok(await pads.Get()).Reserved));
        }

        using (As(store.TechA))
        {
            var started = Ok(await order.StartWork(null));
            Assert.Equal(RepairOrderStatus.InProgress, started.Status);
            Assert.Equal((0, 2), (started.Lines[1].Reserved, started.Lines[1].Issued));
            Assert.Equal("illegal-transition", (await order.StartWork(null)).Problem?.Code);
        }

        using (As(store.Planner))
        {
            var issued = Ok(await pads.Get());
            Assert.Equal((3, 0), (issued.OnHand, issued.Reserved));
            var movement = Ok(await pads.GetMovements(PageRequest.All)).Items[0];
            Assert.Equal((-2, PartsMovementReason.IssueToRepair, order.GetPrimaryKeyString().Split('/')[1]),
                (movement.Quantity, movement.Reason, movement.RepairOrder));
        }

        using (As(store.Advisor))
        {
            Assert.Equal("illegal-transition", (await order.Cancel("too late", null)).Problem?.Code);
        }
    }

    [Fact]
    public async Task Steps_out_of_order_are_refused_and_change_nothing()
    {
        var store = await ServiceStore.Create(fixture);
        var (order, opened) = await Opened(store);

        using (As(store.Advisor))
        {
            Assert.Equal("nothing-quoted", (await order.Estimate(null)).Problem?.Code);
            Assert.Equal("illegal-transition", (await order.Answer(0, Signed, null)).Problem?.Code);
            Assert.Equal("illegal-transition", (await order.IssueInvoice(null)).Problem?.Code);
            Assert.Equal("illegal-transition", (await order.Close(null)).Problem?.Code);
            Assert.Equal("illegal-transition", (await order.Deliver(new ServiceHandover(ServicePaymentMethod.Cash, 0m), null)).Problem?.Code);
            Ok(await order.AddLines([Labour("Diagnose rattle", 0.5m)], null, null));
        }

        using (As(store.TechA))
        {
            Assert.Equal("illegal-transition", (await order.StartWork(null)).Problem?.Code);
            Assert.Equal("illegal-transition", (await order.RecordWash(null)).Problem?.Code);
            Assert.Equal("illegal-transition", (await order.SubmitForQualityCheck(null)).Problem?.Code);
            Assert.Equal("not-approved", (await order.ClockOn(1, null)).Problem?.Code);
        }

        using (As(store.Advisor))
        {
            var now = Ok(await order.Get());
            Assert.Equal((RepairOrderStatus.Open, opened.Revision + 1), (now.Status, now.Revision));
        }
    }

    [Fact]
    public async Task Added_work_is_neither_done_nor_charged_until_the_customer_approves_it_and_the_technician_never_checks_their_own_work()
    {
        var store = await ServiceStore.Create(fixture);
        await store.Part(fixture, "ROP-2001", onHand: 10, price: 120m);
        await store.Part(fixture, "ROP-2002", onHand: 10, price: 650m);
        var (order, started) = await Started(store, Labour("10,000 km service", 1.5m), PartLine("ROP-2001", 1, "oil filter due"));

        RepairOrderView withSupplements;
        using (As(store.TechA))
        {
            Assert.Equal(RepairOrderStatus.InProgress, started.Status);
            Ok(await order.ClockOn(1, null));
        }

        using (As(store.Advisor))
        {
            Ok(await order.AddLines([Labour("Replace front struts", 2m, "leaking"), PartLine("ROP-2002", 2, "leaking")], "front struts leaking", null));
            withSupplements = Ok(await order.AddLines([Labour("Replace wiper blades", 0.2m, "streaking")], "wipers streak", null));
            Assert.Equal([1, 2], withSupplements.Supplements.Select(s => s.Number));
            Assert.All(withSupplements.Lines.Where(l => l.Supplement > 0), l => Assert.Equal(RepairLineStatus.Proposed, l.Status));
        }

        using (As(store.TechB))
        {
            // Not approved: not done.
            Assert.Equal("not-approved", (await order.ClockOn(3, null)).Problem?.Code);
        }

        using (As(store.TechA))
        {
            Ok(await order.ClockOff(1, done: true, null));
            Assert.Equal("supplement-pending", (await order.SubmitForQualityCheck(null)).Problem?.Code);
        }

        using (As(store.Advisor))
        {
            Ok(await order.Answer(1, new ApprovalDraft("王先生", ApprovalMethod.Phone, "call 14:05", Approved: false), null));
            var answered = Ok(await order.Answer(2, new ApprovalDraft("王先生", ApprovalMethod.Phone, "call 14:07"), null));
            Assert.Equal([RepairLineStatus.Declined, RepairLineStatus.Declined], answered.Lines.Where(l => l.Supplement == 1).Select(l => l.Status));
            Assert.Equal(0, answered.Lines.Single(l => l.PartNumber == "ROP-2002").Reserved); // declined: let go
            Assert.Equal("illegal-transition", (await order.Answer(1, Signed, null)).Problem?.Code);
        }

        using (As(store.TechB))
        {
            Assert.Equal("not-approved", (await order.ClockOn(3, null)).Problem?.Code); // declined stays undone
            Ok(await order.ClockOn(5, null));
            Ok(await order.ClockOff(5, done: true, null));
            Ok(await order.SubmitForQualityCheck(null));
            Assert.Equal("forbidden", (await order.RecordQualityCheck(AllPassed, null)).Problem?.Code);
        }

        using (As(store.TechA))
        {
            Assert.Equal("forbidden", (await order.RecordQualityCheck(AllPassed, null)).Problem?.Code);
        }

        using (As(store.Advisor))
        {
            var failed = Ok(await order.RecordQualityCheck(new QualityCheckDraft([new("road test", false, "rattle still there")]), null));
            Assert.Equal(RepairOrderStatus.InProgress, failed.Status);
            Assert.All(failed.Lines.Where(l => l.Kind == RepairLineKind.Labour), l => Assert.False(l.Done)); // back to work, for real
        }

        using (As(store.TechA))
        {
            Assert.Equal("work-not-done", (await order.SubmitForQualityCheck(null)).Problem?.Code);
            Ok(await order.ClockOn(1, null));
            Ok(await order.ClockOff(1, done: true, null));
        }

        using (As(store.TechB))
        {
            Ok(await order.ClockOn(5, null));
            Ok(await order.ClockOff(5, done: true, null));
            Ok(await order.SubmitForQualityCheck(null));
        }

        var other = await fixture.NewStaff(store.Group, Dealership.Contracts.Staff.StaffRole.Technician, store.Id);
        using (As(other))
        {
            var passed = Ok(await order.RecordQualityCheck(AllPassed, null));
            Assert.True(passed.QualityCheck!.Passed);
            Assert.Equal(RepairOrderStatus.Washed, Ok(await order.RecordWash(null)).Status);
        }

        using (As(store.Advisor))
        {
            var ready = Ok(await order.IssueInvoice(null));
            var invoice = ready.Invoice!;
            Assert.Equal(RepairOrderStatus.Ready, ready.Status);
            // Labour: 1.5 h + 0.2 h at 200; parts: the oil filter. The declined struts are on no line.
            Assert.Equal([1, 5], invoice.Labour.Select(l => l.Line));
            Assert.Equal([2], invoice.Parts.Select(l => l.Line));
            Assert.Equal((340m, 120m, 460m), (invoice.LabourTotal, invoice.PartsTotal, invoice.Total));
            Assert.Equal("streaking", invoice.Labour[1].Reason);
            Assert.Equal("amount-mismatch", (await order.Deliver(new ServiceHandover(ServicePaymentMethod.WeChatPay, 400m), null)).Problem?.Code);
            var delivered = Ok(await order.Deliver(new ServiceHandover(ServicePaymentMethod.WeChatPay, 460m, store.Today.AddMonths(6)), null));
            Assert.Equal(RepairOrderStatus.Delivered, delivered.Status);
            Assert.Equal(RepairOrderStatus.Closed, Ok(await order.Close(null)).Status);
        }

        Assert.Equal(2L, await fixture.Scalar<long>("SELECT count(*) FROM repair_order_approvals WHERE store_id = $1 AND approved", store.Id));
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM repair_order_approvals WHERE store_id = $1 AND NOT approved", store.Id));
        Assert.Equal(4L, await fixture.Scalar<long>("SELECT count(*) FROM repair_order_clock WHERE store_id = $1", store.Id));

        // The invoice is a row of the store's sales invoices (VAT included at the store's 13%) and the handover says how it was paid:
        // the day's accounting vouchers are built from both.
        Assert.Equal(460m, await fixture.Scalar<decimal>("SELECT amount FROM sales_invoices WHERE store_id = $1 AND kind = 'Service'", store.Id));
        Assert.Equal(52.92m, await fixture.Scalar<decimal>("SELECT vat FROM sales_invoices WHERE store_id = $1 AND kind = 'Service'", store.Id));
        Assert.Equal("WeChatPay", await fixture.Scalar<string>("SELECT paid_with FROM repair_orders WHERE store_id = $1", store.Id));
    }

    [Fact]
    public async Task Two_orders_quoting_the_last_unit_of_a_part_at_once_hold_it_once_and_the_other_waits_for_parts()
    {
        var store = await ServiceStore.Create(fixture);
        var sensor = await store.Part(fixture, "ROP-3001", onHand: 1, price: 900m);
        var (first, _) = await Opened(store);
        var (second, _) = await Opened(store);

        async Task<Outcome<RepairOrderView>> Quote(IRepairOrderGrain order)
        {
            using var _ = As(store.Advisor);
            return await order.AddLines([PartLine("ROP-3001", 1, "ABS light on")], null, null);
        }

        var quotes = await Task.WhenAll(Quote(first), Quote(second));
        Assert.Equal([0, 1], quotes.Select(q => Ok(q).Lines[0].Reserved).Order());
        var (holder, waiter) = Ok(quotes[0]).Lines[0].Reserved == 1 ? (first, second) : (second, first);

        foreach (var order in new[] { holder, waiter })
        {
            using (As(store.Advisor))
            {
                Ok(await order.Estimate(null));
                Ok(await order.Answer(0, Signed, null));
            }
        }

        using (As(store.TechA))
        {
            Assert.Equal(RepairOrderStatus.InProgress, Ok(await holder.StartWork(null)).Status);
            Assert.Equal(RepairOrderStatus.WaitingForParts, Ok(await waiter.StartWork(null)).Status);
        }

        using (As(store.Planner))
        {
            Ok(await sensor.Move(new PartsMovement(1, PartsMovementReason.Receipt, "arrived from the OEM", 450m), null));
        }

        using (As(store.TechA))
        {
            var resumed = Ok(await waiter.StartWork(null));
            Assert.Equal((RepairOrderStatus.InProgress, 1), (resumed.Status, resumed.Lines[0].Issued));
        }

        using (As(store.Planner))
        {
            Assert.Equal((0, 0), (Ok(await sensor.Get()).OnHand, Ok(await sensor.Get()).Reserved));
        }
    }

    [Fact]
    public async Task Parts_not_used_go_back_to_stock_and_are_not_charged()
    {
        var store = await ServiceStore.Create(fixture);
        var plugs = await store.Part(fixture, "ROP-4001", onHand: 8, price: 60m);
        var (order, _) = await Started(store, Labour("Replace spark plugs", 0.8m), PartLine("ROP-4001", 4, "misfire"));

        using (As(store.TechA))
        {
            Assert.Equal("return-exceeds-issue", (await order.ReturnParts(2, 5, null)).Problem?.Code);
            var returned = Ok(await order.ReturnParts(2, 1, null));
            Assert.Equal((3, 3m, 180m), (returned.Lines[1].Issued, returned.Lines[1].Quantity, returned.Lines[1].Amount));
        }

        using (As(store.Planner))
        {
            Assert.Equal(5, Ok(await plugs.Get()).OnHand);
        }

        Assert.Equal(180m, RepairOrderGrainInvoice(Ok(await GetAs(store, order))).PartsTotal);
    }

    private static async Task<Outcome<RepairOrderView>> GetAs(ServiceStore store, IRepairOrderGrain order)
    {
        using var _ = As(store.Advisor);
        return await order.Get();
    }

    private static ServiceInvoice RepairOrderGrainInvoice(RepairOrderView order) =>
        Dealership.Grains.Service.RepairOrderGrain.InvoiceOf(order, order.OpenedAt, "test");

    [Fact]
    public async Task A_walk_in_is_booked_into_the_next_slot_with_room_today()
    {
        var store = await ServiceStore.Create(fixture, bays: 1);
        var now = Clock.GetUtcNow();
        var today = store.Today;
        using var _ = As(store.Advisor);
        // The customer booked into the slot of now (11:00-12:00 there) fills it.
        Ok(await store.Day(fixture, today).Book(ServiceKeys.AppointmentId(today, ServiceStore.NewId("ap")), ServiceStore.Booking(now.AddSeconds(1), 1m), null));

        var walkIn = Ok(await Order(store).Open(new NewRepairOrder(null, "李女士", "13900139000", null, "京B88888", 42_000, "brake noise",
            ExpectedHours: 1.5m)));

        var appointment = Ok(await store.Day(fixture, today).GetAppointment(walkIn.AppointmentId!));
        Assert.True(appointment.WalkIn);
        Assert.Equal((store.LocalTime(today, 12), AppointmentStatus.Arrived, walkIn.RepairOrderId), (appointment.SlotStarts, appointment.Status, appointment.RepairOrderId));
        Assert.Equal(store.LocalTime(today, 18), walkIn.Arrival.PromisedAt); // promised for closing time
    }

    [Fact]
    public async Task A_technician_works_one_job_at_a_time_and_the_desk_clocks_off_a_forgotten_clock_and_reassigns_work()
    {
        var store = await ServiceStore.Create(fixture);
        var (first, _) = await Started(store, Labour("Wheel alignment", 1m));
        var (second, _) = await Started(store, Labour("Tyre rotation", 0.5m));

        using (As(store.TechA))
        {
            Ok(await first.ClockOn(1, null));
            Assert.Equal("clocked-on", (await second.ClockOn(1, null)).Problem?.Code);
        }

        using (As(store.TechB))
        {
            Assert.Equal("forbidden", (await first.ClockOff(1, done: true, null)).Problem?.Code); // not their clock
        }

        using (As(store.Advisor))
        {
            Assert.Equal("clocked-on", (await first.AssignTechnician(1, store.TechB.StaffId, null)).Problem?.Code);
            var off = Ok(await first.ClockOff(1, done: false, null)); // TechA went home without clocking off
            Assert.Null(off.Lines[0].ClockedOnSince);
            Assert.Equal(ProblemKind.Invalid, (await first.AssignTechnician(1, "not-on-the-roster", null)).Problem?.Kind);
            Assert.Equal(store.TechB.StaffId, Ok(await first.AssignTechnician(1, store.TechB.StaffId, null)).Lines[0].TechnicianId);
        }

        using (As(store.TechA))
        {
            Assert.Equal("forbidden", (await first.ClockOn(1, null)).Problem?.Code); // now TechB's job
            Ok(await second.ClockOn(1, null)); // and TechA is free for another
        }

        using (As(store.TechB))
        {
            Ok(await first.ClockOn(1, null));
        }

        Assert.Equal(2L, await fixture.Scalar<long>("SELECT count(*) FROM technician_open_clocks WHERE store_id = $1", store.Id));
        Assert.Equal(1L, await fixture.Scalar<long>(
            "SELECT count(*) FROM audit_trail WHERE store_id = $1 AND subject_id = $2 AND what LIKE '%clocked off by%'", store.Id,
            first.GetPrimaryKeyString().Split('/')[1]));
    }

    [Fact]
    public async Task A_cancelled_order_frees_its_appointments_room_and_a_retried_open_is_the_same_order()
    {
        var store = await ServiceStore.Create(fixture, bays: 1);
        var tomorrow = store.Today.AddDays(1);
        var day = store.Day(fixture, tomorrow);
        var order = Order(store);
        using var _ = As(store.Advisor);
        var appointment = Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")),
            ServiceStore.Booking(store.LocalTime(tomorrow, 9), 1m), null));
        var arrival = new NewRepairOrder(appointment.AppointmentId, "王先生", "138 0013 8000", appointment.Booking.Vin, "京a12345", 8_000, "noise");

        var opened = Ok(await order.Open(arrival));
        Assert.Equal(("13800138000", "京A12345"), (opened.Arrival.Mobile, opened.Arrival.Plate));
        Assert.Equal(opened, Ok(await order.Open(arrival))); // the retry, as typed
        Assert.Equal(1m, Ok(await day.Get()).BookedHours);

        Ok(await order.Cancel("customer changed their mind", null));
        var freed = Ok(await day.Get());
        Assert.Equal(0m, freed.BookedHours);
        Assert.Equal(AppointmentStatus.Cancelled, Assert.Single(freed.Appointments).Status);
    }

    [Fact]
    public async Task A_booking_retried_with_its_key_is_booked_once_and_the_key_cannot_book_another()
    {
        var store = await ServiceStore.Create(fixture);
        var tomorrow = store.Today.AddDays(1);
        var booking = ServiceStore.Booking(store.LocalTime(tomorrow, 9), 1m);
        using var _ = As(store.Advisor);

        var first = Ok(await store.Day(fixture, tomorrow).Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), booking, "key-1"));
        var again = Ok(await store.Day(fixture, tomorrow).Book(ServiceKeys.AppointmentId(tomorrow, ServiceStore.NewId("ap")), booking, "key-1"));
        Assert.Equal(first.AppointmentId, again.AppointmentId);

        var otherDay = tomorrow.AddDays(1);
        Assert.Equal("idempotency-key-reused", (await store.Day(fixture, otherDay).Book(ServiceKeys.AppointmentId(otherDay, ServiceStore.NewId("ap")),
            booking with { WantedAt = store.LocalTime(otherDay, 9) }, "key-1")).Problem?.Code);
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM service_appointments WHERE store_id = $1", store.Id));
    }
}
