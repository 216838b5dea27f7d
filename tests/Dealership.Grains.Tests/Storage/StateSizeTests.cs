using Dealership.Contracts.Common;
using System.Diagnostics;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Storage;

/// <summary>
/// Nothing that grows lives in a grain's state: after 10,000 operations on one grain (2,000 in <c>./test.sh</c>) its stored state
/// is still under a stated size (Orleans rewrites the whole state on every write), and what the operations recorded is all in
/// the tables.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StateSizeTests(ClusterFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// 10,000 (DESIGN.md) unless DEALERSHIP_STATE_SIZE_OPERATIONS says otherwise: <c>./test.sh</c> runs 2,000, which a state
    /// keeping any list would already outgrow, and the long run before a release the full 10,000.
    /// </summary>
    private static readonly int Operations =
        int.TryParse(Environment.GetEnvironmentVariable("DEALERSHIP_STATE_SIZE_OPERATIONS"), out var n) && n >= 1_000 ? n : 10_000;

    private async Task<int> StoredBytes(string stateName, string key) =>
        await fixture.Scalar<int>("SELECT octet_length(payload::text) FROM grain_state WHERE state_name = $1 AND grain_key = $2", stateName, key);

    private async Task<long> Rows(string sql, params object?[] values) => await fixture.Scalar<long>(sql, values);

    private void Report(string grain, int bytes, Stopwatch clock) =>
        output.WriteLine($"{grain}: {bytes} bytes after {Operations} operations ({Operations / clock.Elapsed.TotalSeconds:N0}/s)");

    /// <summary>Runs <paramref name="operation"/> <see cref="Operations"/> times, one after another (as one grain serves them).</summary>
    private static async Task<Stopwatch> Repeat(Func<int, Task> operation)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Operations; i++)
        {
            await operation(i);
        }

        return clock;
    }

    [Fact]
    public async Task A_consultant_after_10000_status_changes()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var consultant = await fixture.NewStaff(group, StaffRole.SalesConsultant, stores[0]);
        var grain = fixture.Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(stores[0], consultant.StaffId));
        using var _ = As(consultant);

        var clock = await Repeat(i => grain.SetStatus(i % 2 == 0 ? ConsultantStatus.WithCustomer : ConsultantStatus.Available, $"change {i}", $"key-{i}"));

        var bytes = await StoredBytes("consultant", GrainKeys.InStore(stores[0], consultant.StaffId));
        Report("consultant", bytes, clock);
        Assert.InRange(bytes, 1, 1_024);
        Assert.Equal((long)Operations, await Rows("SELECT count(*) FROM consultant_status_changes WHERE store_id = $1 AND staff_id = $2",
            stores[0], consultant.StaffId));
    }

    [Fact]
    public async Task A_customer_after_10000_follow_ups()
    {
        var s = await SalesStore.Open(fixture);
        var customerId = await s.WalkIn(s.Sc1, SalesStore.NewMobile(), ProspectGrade.A);
        var customer = s.Customer(customerId);
        using var _ = As(s.Sc1);

        var clock = await Repeat(i => customer.LogFollowUp(new FollowUpDraft("phone", $"call {i}", ProspectGrade.A, null, null), $"follow-{i}"));

        var bytes = await StoredBytes("customer", GrainKeys.InStore(s.Store, customerId));
        Report("customer", bytes, clock);
        Assert.InRange(bytes, 1, 16_384);
        Assert.Equal(Operations + 1L, await Rows("SELECT count(*) FROM customer_contacts WHERE store_id = $1 AND customer_id = $2", s.Store, customerId));
    }

    [Fact]
    public async Task A_deal_after_10000_revisions_and_deposits()
    {
        var s = await SalesStore.Open(fixture);
        var dealId = await s.NewDeal();
        var deal = s.Deal(dealId);
        using (As(s.Sc1))
        {
            Ok(await deal.Submit(null));
            Ok(await deal.Sign(null));
        }

        var cashier = s.Cashier;
        var clock = await Repeat(async i =>
        {
            if (i % 2 == 0)
            {
                using var _ = As(cashier);
                Ok(await deal.RecordPayment(new PaymentDraft(PaymentKind.Deposit, PaymentMethod.Cash, 0.01m, $"till {i}"), $"pay-{i}"));
            }
            else
            {
                using var _ = As(s.Sc1);
                Ok(await deal.ScheduleHandover(Clock.GetUtcNow().AddDays(3 + (i % 5)), $"slot-{i}"));
            }
        });

        var bytes = await StoredBytes("deal", GrainKeys.InStore(s.Store, dealId));
        Report("deal", bytes, clock);
        Assert.InRange(bytes, 1, 24_576);
        Assert.Equal(Operations / 2L, await Rows("SELECT count(*) FROM deal_payments WHERE store_id = $1 AND deal_id = $2", s.Store, dealId));
        Assert.True(await Rows("SELECT count(*) FROM deal_history WHERE store_id = $1 AND deal_id = $2", s.Store, dealId) > Operations);
        using (As(s.Sc1))
        {
            Assert.Equal(Operations / 2 * 0.01m, Ok(await deal.Get()).DepositHeld);
        }
    }

    [Fact]
    public async Task A_car_after_10000_reservations_and_releases()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var manager = await fixture.NewStaff(group, StaffRole.SalesManager, stores[0]);
        var vin = TestVins.Next();
        var car = fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, vin));
        using var _ = As(manager);
        Ok(await car.Register(stores[0], new NewVehicle(vin, "Tiguan L", "330TSI", "White", 200_000m, VehicleStatus.InStock), null));

        var clock = await Repeat(async i => Ok(i % 2 == 0
            ? await car.Reserve(stores[0], $"deal-{i / 2}", $"reserve-{i}")
            : await car.Release(stores[0], $"deal-{i / 2}", $"release-{i}")));

        var bytes = await StoredBytes("vehicle", GrainKeys.InGroup(group, vin));
        Report("vehicle", bytes, clock);
        Assert.InRange(bytes, 1, 2_048);
        Assert.Equal(Operations + 1L, await Rows("SELECT count(*) FROM vehicle_history WHERE group_id = $1 AND vin = $2", group, vin));
    }

    [Fact]
    public async Task A_part_after_10000_movements()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var planner = await fixture.NewStaff(group, StaffRole.PartsPlanner, stores[0]);
        var part = fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(stores[0], "VW-06L115562"));
        using var _ = As(planner);
        Ok(await part.Create(group, new NewPartsItem("VW-06L115562", "Oil filter", "A-01", 10), null));

        var clock = await Repeat(async i => Ok(await part.Move(i % 2 == 0
            ? new PartsMovement(-1, PartsMovementReason.IssueToRepair, $"RO {i}")
            : new PartsMovement(1, PartsMovementReason.ReturnFromRepair, $"RO {i - 1}"), $"move-{i}")));

        var bytes = await StoredBytes("parts-item", GrainKeys.InStore(stores[0], "VW-06L115562"));
        Report("parts item", bytes, clock);
        Assert.InRange(bytes, 1, 1_024);
        Assert.Equal(Operations + 1L, await Rows("SELECT count(*) FROM parts_movements WHERE store_id = $1 AND part_number = 'VW-06L115562'", stores[0]));
        Assert.Equal(10, Ok(await part.Get()).OnHand);
    }

    [Fact]
    public async Task A_store_after_10000_policy_changes()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var store = fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(stores[0]));
        using var _ = As(await fixture.NewStaff(group, StaffRole.GeneralManager, stores[0]));

        var clock = await Repeat(async i => Ok(await store.ChangePolicies(new StorePoliciesChange { ApproveEveryDeal = i % 2 == 0 })));

        var bytes = await StoredBytes("dealership", GrainKeys.Store(stores[0]));
        Report("store", bytes, clock);
        Assert.InRange(bytes, 1, 4_096);
        Assert.Equal(Operations + 1L, await Rows("SELECT count(*) FROM audit_trail WHERE subject = 'store' AND subject_id = $1", stores[0]));
    }

    [Fact]
    public async Task A_member_of_staff_after_10000_changes()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var member = await fixture.NewStaff(group, StaffRole.Cashier, stores[0]);
        var staff = fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(group, member.StaffId));
        using var _ = As(await fixture.NewStaff(group, StaffRole.Administrator));

        var clock = await Repeat(async i => Ok(await staff.SetDisabled(i % 2 == 0)));

        var bytes = await StoredBytes("staff", GrainKeys.InGroup(group, member.StaffId));
        Report("staff", bytes, clock);
        Assert.InRange(bytes, 1, 2_048);
        Assert.Equal(Operations + 1L, await Rows("SELECT count(*) FROM audit_trail WHERE subject = 'staff' AND subject_id = $1", member.StaffId));
    }

    [Fact]
    public async Task An_oem_order_after_10000_edits()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var clerk = await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[0]);
        var order = fixture.Grains.GetGrain<IOemOrderGrain>(GrainKeys.OemOrder(stores[0], "2027-01"));
        using var _ = As(clerk);
        Ok(await order.Propose(10, null));

        var clock = await Repeat(async i => Ok(await order.EditLines([new OemOrderLine("Lavida", "1.5L", "White", 1 + (i % 30))], $"edit-{i}")));

        var bytes = await StoredBytes("oem-order", GrainKeys.OemOrder(stores[0], "2027-01"));
        Report("OEM order", bytes, clock);
        Assert.InRange(bytes, 1, 16_384);
        Assert.Equal(Operations + 1L, await Rows("SELECT count(*) FROM audit_trail WHERE subject = 'oem-order' AND store_id = $1", stores[0]));
    }

    [Fact]
    public async Task A_stores_board_tokens_after_10000_issues_and_revocations()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var tokens = fixture.Grains.GetGrain<IBoardTokensGrain>(GrainKeys.Store(stores[0]));
        using var _ = As(await fixture.NewStaff(group, StaffRole.SalesManager, stores[0]));

        var clock = await Repeat(async i => Ok(i % 2 == 0
            ? await tokens.Issue(group, $"bt{i / 2:D16}", $"screen {i}")
            : await tokens.Revoke($"bt{i / 2:D16}")));

        var bytes = await StoredBytes("board-tokens", GrainKeys.Store(stores[0]));
        Report("board tokens", bytes, clock);
        Assert.InRange(bytes, 1, 16_384);
        Assert.Equal(Operations + 0L, await Rows("SELECT count(*) FROM audit_trail WHERE subject = 'board-token' AND store_id = $1", stores[0]));
    }

    /// <summary>
    /// The grains that hold one record (a transfer, a week's report) take repeated steps without growing: 10,000 retried steps
    /// leave the state as it was after the first.
    /// </summary>
    [Fact]
    public async Task A_transfer_and_a_weekly_report_after_10000_retried_steps()
    {
        var (group, stores) = await fixture.NewGroup(2);
        var manager = await fixture.NewStaff(group, StaffRole.SalesManager, stores[0]);
        var clerk = await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[1]);
        var vin = TestVins.Next();
        var transfer = fixture.Grains.GetGrain<ITransferGrain>(GrainKeys.InGroup(group, "tr00000000000000aa"));
        var report = fixture.Grains.GetGrain<IStoreCalendarGrain>(GrainKeys.Store(stores[1]));
        using (As(manager))
        {
            Ok(await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, vin))
                .Register(stores[0], new NewVehicle(vin, "Passat", "330TSI", "Black", 180_000m, VehicleStatus.InStock), null));
        }

        using (As(clerk))
        {
            Ok(await transfer.Request(vin, stores[0], stores[1]));
        }

        string week;
        using (As(clerk))
        {
            week = Ok(await report.PrepareWeek(null)).Week;
            Ok(await fixture.Grains.GetGrain<IWeeklyReportGrain>(GrainKeys.WeeklyReport(stores[1], week)).Submit("done", "submit-1"));
        }

        var transferBytes = await StoredBytes("transfer", GrainKeys.InGroup(group, "tr00000000000000aa"));
        var reportBytes = await StoredBytes("weekly-report", GrainKeys.WeeklyReport(stores[1], week));
        var clock = await Repeat(async i =>
        {
            if (i % 2 == 0)
            {
                using var _ = As(manager);
                Ok(await transfer.Approve(stores[0]));
            }
            else
            {
                using var _ = As(clerk);
                Ok(await fixture.Grains.GetGrain<IWeeklyReportGrain>(GrainKeys.WeeklyReport(stores[1], week)).Submit("done", "submit-1"));
            }
        });

        Report("transfer", await StoredBytes("transfer", GrainKeys.InGroup(group, "tr00000000000000aa")), clock);
        Assert.InRange(await StoredBytes("transfer", GrainKeys.InGroup(group, "tr00000000000000aa")), 1, transferBytes + 256);
        Assert.Equal(reportBytes, await StoredBytes("weekly-report", GrainKeys.WeeklyReport(stores[1], week)));
    }

    [Fact]
    public async Task A_supplier_account_after_10000_payments()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var cashier = await fixture.NewStaff(group, StaffRole.Cashier, stores[0]);
        var key = GrainKeys.InStore(stores[0], SupplierAccounts.KeyOf("Valeo"));
        var grain = fixture.Grains.GetGrain<ISupplierAccountGrain>(key);
        using var _ = As(cashier);

        var clock = await Repeat(i => grain.RecordPayment("Valeo", new NewSupplierPayment(1m, $"BK-{i}"), $"key-{i}"));

        var bytes = await StoredBytes("supplier-account", key);
        Report("supplier-account", bytes, clock);
        Assert.InRange(bytes, 1, 1_024);
        Assert.Equal((long)Operations, await Rows("SELECT count(*) FROM supplier_ledger WHERE store_id = $1 AND kind = 'Payment'", stores[0]));
        Assert.Equal(-(decimal)Operations, Ok(await grain.Get("Valeo")).Balance);
    }

    [Fact]
    public async Task A_purchase_order_after_its_most_deliveries_stays_bounded_and_refuses_one_more()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var planner = await fixture.NewStaff(group, StaffRole.PartsPlanner, stores[0]);
        var manager = await fixture.NewStaff(group, StaffRole.GeneralManager, stores[0]);
        var key = GrainKeys.InStore(stores[0], "po" + Guid.NewGuid().ToString("N")[..16]);
        var order = fixture.Grains.GetGrain<IPurchaseOrderGrain>(key);
        const int Lines = 20;
        using (As(planner))
        {
            for (var l = 1; l <= Lines; l++)
            {
                Ok(await fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(stores[0], $"SZ-{l}"))
                    .Create(group, new NewPartsItem($"SZ-{l}", $"Part {l}", "S-1", 0, "Bosch", Cost: 5m), null));
            }

            Ok(await order.Draft(new NewPurchaseOrder("Bosch", [.. Enumerable.Range(1, Lines).Select(l => new OrderLineDraft($"SZ-{l}", 1_000))])));
        }

        using (As(manager))
        {
            Ok(await order.Approve(null));
        }

        using var _ = As(planner);
        Ok(await order.MarkSent(null, null));
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < 100; r++)
        {
            // Each delivery: one unit of every line, one of them damaged (a claim each time).
            Ok(await order.Receive(new NewPartsReceipt($"DN-{r}", [.. Enumerable.Range(1, Lines).Select(l => new ReceiptLineDraft(l, 1, l == 1 ? 0 : 1, l == 1 ? 1 : 0))]), null));
        }

        Assert.Equal("too-many-receipts", (await order.Receive(new NewPartsReceipt("DN-100", [new ReceiptLineDraft(2, 1, 1, 0)]), null)).Problem!.Code);
        var bytes = await StoredBytes("purchase-order", key);
        output.WriteLine($"purchase-order: {bytes} bytes after 100 deliveries of {Lines} lines ({100 / clock.Elapsed.TotalSeconds:N1} deliveries/s)");
        Assert.InRange(bytes, 1, 120_000);
        Assert.Equal((long)(100 * Lines), await Rows("SELECT count(*) FROM parts_receipt_lines WHERE store_id = $1", stores[0]));
        Assert.Equal(100, Ok(await fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(stores[0], "SZ-2")).Get()).OnHand);
    }

    [Fact]
    public async Task A_repair_order_after_10000_clock_steps_and_a_full_service_day()
    {
        var store = await Service.ServiceStore.Create(fixture, bays: 2);
        var order = fixture.Grains.GetGrain<IRepairOrderGrain>(GrainKeys.InStore(store.Id, "ro00000000000000aa"));
        var tomorrow = store.Today.AddDays(1);
        var day = store.Day(fixture, tomorrow);
        using (As(store.Advisor))
        {
            Ok(await order.Open(new NewRepairOrder(null, "State Size", "13800138000", TestVins.Next(), null, 1_000, "size check", ExpectedHours: 0.5m)));
            Ok(await order.AddLines([new NewRepairLine(RepairLineKind.Labour, "check", "Inspect", 1m)], null, null));
            Ok(await order.Estimate(null));
            Ok(await order.Answer(0, new ApprovalDraft("State Size", ApprovalMethod.Signature), null));
            for (var i = 0; i < 40; i++)
            {
                // A full day: 40 half-hour jobs fill two bays for ten hours (the day keeps their load; the appointments are rows).
                Ok(await day.Book(ServiceKeys.AppointmentId(tomorrow, $"ap{i:D16}"), Service.ServiceStore.Booking(store.LocalTime(tomorrow, 8 + i % 10), 0.5m), null));
            }

            Assert.Equal("slot-full", (await day.Book(ServiceKeys.AppointmentId(tomorrow, "ffffffff"), Service.ServiceStore.Booking(store.LocalTime(tomorrow, 9), 0.5m), null)).Problem?.Code);
        }

        using var _ = As(store.TechA);
        Ok(await order.StartWork(null));
        var clock = await Repeat(i => i % 2 == 0 ? order.ClockOn(1, null) : order.ClockOff(1, done: false, null));

        var bytes = await StoredBytes("repair-order", GrainKeys.InStore(store.Id, "ro00000000000000aa"));
        Report("repair-order", bytes, clock);
        Assert.InRange(bytes, 1, 4_096);
        Assert.Equal((long)Operations / 2, await Rows("SELECT count(*) FROM repair_order_clock WHERE store_id = $1", store.Id));
        var dayBytes = await StoredBytes("workshop-day", ServiceKeys.Day(store.Id, tomorrow));
        output.WriteLine($"workshop-day: {dayBytes} bytes with 40 appointments");
        Assert.InRange(dayBytes, 1, 40 * 160);
        Assert.Equal(40L, await Rows("SELECT count(*) FROM service_appointments WHERE store_id = $1 AND day = $2", store.Id, tomorrow));
    }
}
