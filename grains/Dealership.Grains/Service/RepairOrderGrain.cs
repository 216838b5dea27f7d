using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Service;

public sealed class RepairOrderState : RecordedState
{
    public RepairOrderView? Order { get; set; }

    public string? GroupId { get; set; }

    /// <summary>How many clock stretches the order's log holds (the next is numbered after it).</summary>
    public int ClockCount { get; set; }

    /// <summary>When each finished labour line was finished (for the technicians' flat-rate hours).</summary>
    public Dictionary<int, DateTimeOffset> DoneAt { get; set; } = [];

    /// <summary>Who ever clocked on the car: none of them may do its quality check.</summary>
    public List<string> WorkedBy { get; set; } = [];

    public string? FollowUpTaskId { get; set; }

    /// <summary>Lines ever quoted: a line's number is never used again, even after it was taken off.</summary>
    public int LineCount { get; set; }

    /// <summary>Every part this order ever held (a handful): when the order ends, whatever is still held of them is let go.</summary>
    public List<string> HeldParts { get; set; } = [];
}

/// <summary>
/// A repair order (维修工单), from the car's arrival to its handover and the file's closing. Its lines (at most
/// <see cref="MaxLines"/>) and supplements live with it; every step is one write of the order, its list row, its lines' rows,
/// and its audit line (approvals and clock stretches have rows of their own). Parts are held on the quote and issued when work
/// starts, each move under an operation id made of the order, the line and what was moved before, so a retry never moves
/// a part twice.
/// </summary>
public sealed partial class RepairOrderGrain(
    [PersistentState("repair-order", GrainsSetup.StorageName)] IPersistentState<RepairOrderState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IRepairOrderGrain, IScopedGrain, IRemindable
{
    public const int MaxLines = 100;

    public const int MaxSupplements = 20;

    /// <summary>The task kind of the call after a service visit.</summary>
    public const string FollowUpTaskKind = "service-follow-up-call";

    private (string StoreId, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private RepairOrderView? Order => state.State.Order;

    public async ValueTask<GrainScope> GetScope() => new(state.State.GroupId ?? await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<RepairOrderView>> Open(NewRepairOrder arrival)
    {
        var errors = arrival?.Validate() ?? new FieldErrors().Add("customerName", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("open repair orders", RoleSets.ServiceDesk) is { } refused)
        {
            return refused;
        }

        var mobile = PersonalData.NormaliseMobile(arrival!.Mobile)!;
        arrival = arrival with { Mobile = mobile, Plate = CarOf.Plate(arrival.Plate) };
        if (Order is { } existing)
        {
            return existing.Arrival with { PromisedAt = null } == arrival with { PromisedAt = null }
                ? existing : Problem.Conflict("idempotency-key-reused", "This Idempotency-Key already opened another repair order.");
        }

        if (await Settings() is not { } settings)
        {
            return NotSetUp();
        }

        var zone = await Zone();
        var now = clock.GetUtcNow();
        var today = StoreFacts.LocalDate(now, zone);
        var group = await storeGroups.GroupOf(Key.StoreId);
        var reset = await OdometerReset(group!, arrival, now);
        if (reset.Problem is { } lower)
        {
            return lower;
        }

        var appointmentId = arrival.AppointmentId;
        if (appointmentId is null)
        {
            // A walk-in takes the next slot with room today, so the day's load shows the car the workshop now has.
            appointmentId = ServiceKeys.AppointmentId(today, Key.Id);
            var walkIn = await Day(today).BookWalkIn(appointmentId, new NewAppointment(arrival.CustomerName, arrival.Mobile, arrival.Vin, arrival.Plate,
                arrival.Concern, now, arrival.ExpectedHours ?? 1m));
            if (walkIn.Problem is { } full)
            {
                return full;
            }
        }

        var checkedIn = await Day(ServiceKeys.DayOf(appointmentId)!.Value).CheckIn(appointmentId, Key.Id);
        if (checkedIn.Problem is { } notBooked)
        {
            return notBooked.Kind == ProblemKind.NotFound ? Problem.Invalid("appointmentId", "is not an appointment of this store.") : notBooked;
        }

        // Without a promise, the car is promised for the workshop's closing time today.
        var planner = SlotPlanner.For(settings, today, zone);
        var promised = arrival.PromisedAt ?? (planner.Open && planner.Closes > now ? planner.Closes : now.AddHours(2));
        var order = new RepairOrderView(Key.Id, Key.StoreId, RepairOrderStatus.Open, arrival with { PromisedAt = promised },
            appointmentId, PersonalData.CustomerId(Key.StoreId, mobile), Caller.Current?.StaffId ?? "system", [], [], null, null, null, now, null, null,
            null, null, null, null, 0m, 0);
        state.State.GroupId = group;
        Stage(order, now, $"opened for {arrival.Vin ?? arrival.Plate} at {arrival.Odometer} km: {arrival.Concern}");
        if (reset.Value is { } replaced)
        {
            state.State.Pending.Add(replaced);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failure)
        {
            // Not written: forget it, so a retry opens it again rather than answering with an order that does not exist.
            await state.ReadBackAfter(failure);
            throw;
        }

        await Published(Order!, now);
        return Order!;
    }

    public Task<Outcome<RepairOrderView>> Get() =>
        Task.FromResult(Order is { } order
            ? Roles.Refused("read repair orders", RoleSets.ServiceReaders) ?? (Outcome<RepairOrderView>)ServicePrivacy.ForCaller(order)
            : NotFound());

    public Task<Outcome<RepairOrderView>> Estimate(string? operationId) =>
        Step(nameof(Estimate), operationId, [], "give estimates", RoleSets.ServiceDesk, (order, now) =>
        {
            if (order.Status != RepairOrderStatus.Open)
            {
                return Illegal(order, "Only an open order's estimate is given");
            }

            var quoted = order.Lines.Where(l => l.Supplement == 0 && l.Status == RepairLineStatus.Proposed).ToList();
            if (quoted.Count == 0)
            {
                return Task.FromResult<Outcome<RepairOrderView>>(Problem.Refused("nothing-quoted", "Quote at least one line before giving the estimate."));
            }

            var estimated = order with { Status = RepairOrderStatus.Estimated, EstimateTotal = quoted.Sum(l => l.Amount) };
            return Done(estimated, now, $"estimate given: {quoted.Count} lines, {estimated.EstimateTotal:0.00}");
        });

    public async Task<Outcome<RepairOrderView>> Answer(int supplement, ApprovalDraft approval, string? operationId)
    {
        var errors = approval?.Validate() ?? new FieldErrors().Add("approvedByName", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Step(nameof(Answer), operationId, [supplement, approval], "record the customer's approval", RoleSets.ServiceDesk, async (order, now) =>
        {
            var lines = order.Lines.Where(l => l.Supplement == supplement).ToList();
            if (supplement == 0 ? order.Status != RepairOrderStatus.Estimated
                : order.Supplements.FirstOrDefault(s => s.Number == supplement) is not { Answer: null })
            {
                return supplement == 0 || order.Supplements.Any(s => s.Number == supplement)
                    ? Problem.Conflict("illegal-transition", supplement == 0
                        ? $"The estimate is answered when it has been given; this order is {order.Status}."
                        : $"Supplement {supplement} was answered already.")
                    : Problem.NotFound($"Supplement {supplement}");
            }

            var answer = new CustomerApproval(supplement, approval!.Approved, approval.ApprovedByName, approval.Method, approval.Reference,
                lines.Where(l => l.Status == RepairLineStatus.Proposed).Sum(l => l.Amount), now, Audit.Who);
            var status = approval.Approved ? RepairLineStatus.Approved : RepairLineStatus.Declined;
            var answered = order with
            {
                Lines = [.. order.Lines.Select(l => l.Supplement == supplement && l.Status == RepairLineStatus.Proposed
                    ? l with { Status = status, Reserved = approval.Approved ? l.Reserved : 0 } : l)],
                Supplements = [.. order.Supplements.Select(s => s.Number == supplement ? s with { Answer = answer } : s)],
            };
            if (supplement == 0)
            {
                // A declined estimate goes back to the desk to be revised or called off.
                answered = approval.Approved
                    ? answered with { Status = RepairOrderStatus.Approved, EstimateApproval = answer }
                    : answered with { Status = RepairOrderStatus.Open, EstimateApproval = answer };
            }

            if (!approval.Approved)
            {
                answered = await LetGo(order, answered);
            }
            else if (supplement > 0)
            {
                // Approved added work during the job: its parts go to the car now.
                answered = await IssueApprovedParts(answered);
            }

            state.State.Pending.Add(new RepairApprovalRow(Key.StoreId, Key.Id, answer));
            return Stage(answered, now, $"{(supplement == 0 ? "estimate" : $"supplement {supplement}")} " +
                $"{(approval.Approved ? "approved" : "declined")} by {approval.ApprovedByName} ({approval.Method}" +
                $"{(approval.Reference is null ? "" : ", " + approval.Reference)}): {answer.Amount:0.00}");
        });
    }

    public async Task<Outcome<RepairOrderView>> Cancel(string reason, string? operationId)
    {
        if (new FieldErrors().Required("reason", reason, 200) is { Any: true } errors)
        {
            return Problem.Invalid(errors);
        }

        return await Step(nameof(Cancel), operationId, [reason], "cancel repair orders", RoleSets.ServiceDesk, async (order, now) =>
        {
            if (order.Status is not (RepairOrderStatus.Open or RepairOrderStatus.Estimated or RepairOrderStatus.Approved))
            {
                return Problem.Conflict("illegal-transition", $"Work has begun on this order ({order.Status}): it is finished and handed back, not called off.");
            }

            await LetGoOfAll();
            if (order.AppointmentId is { } appointmentId && ServiceKeys.DayOf(appointmentId) is { } day)
            {
                // The car is not worked on: the day's capacity it took is free again.
                await Day(day).Release(appointmentId, Key.Id);
            }

            var cancelled = order with
            {
                Status = RepairOrderStatus.Cancelled,
                CancelReason = reason,
                ClosedAt = now,
                Lines = [.. order.Lines.Select(l => l with { Reserved = 0 })],
            };
            return Stage(cancelled, now, $"cancelled: {reason}");
        });
    }

    public Task<Outcome<RepairOrderView>> Close(string? operationId) =>
        Step(nameof(Close), operationId, [], "close repair orders", RoleSets.ServiceDesk, (order, now) =>
            order.Status != RepairOrderStatus.Delivered
                ? Illegal(order, "Only a delivered order is closed")
                : Done(order with { Status = RepairOrderStatus.Closed, ClosedAt = now }, now, "closed"));

    /// <summary>A step on an existing order: replay, role, the change (which stages what it writes), one write, then the feed.</summary>
    private async Task<Outcome<RepairOrderView>> Step(string name, string? operationId, object?[] arguments, string action, StaffRole[] roles,
        Func<RepairOrderView, DateTimeOffset, Task<Outcome<RepairOrderView>>> change)
    {
        var now = clock.GetUtcNow();
        return await Command.Run<RepairOrderState, RepairOrderView>(state, operations,
            new CommandSpec(Key.StoreId, name, operationId, arguments, action, roles),
            () => Order is null ? NotFound() : null,
            () => change(Order!, now),
            order => Published(order, now));
    }

    private Task<Outcome<RepairOrderView>> Done(RepairOrderView next, DateTimeOffset now, string what) =>
        Task.FromResult<Outcome<RepairOrderView>>(Stage(next, now, what));

    /// <summary>The order's next revision with its list row, its lines' rows and the audit line, to be written with the change.</summary>
    private RepairOrderView Stage(RepairOrderView next, DateTimeOffset now, string what)
    {
        var previous = Order;
        next = next with { Revision = (previous?.Revision ?? 0) + 1 };
        state.State.Order = next;
        var groupId = state.State.GroupId ?? "";
        state.State.Pending.Add(new RepairOrderRow(groupId, next));
        foreach (var line in next.Lines.Where(l => previous?.Lines.FirstOrDefault(p => p.Number == l.Number) != l))
        {
            state.State.Pending.Add(new RepairLineRow(Key.StoreId, Key.Id, line, state.State.DoneAt.TryGetValue(line.Number, out var at) ? at : null));
        }

        foreach (var gone in previous?.Lines.Where(p => next.Lines.All(l => l.Number != p.Number)) ?? [])
        {
            state.State.Pending.Add(new RepairLineRemovedRow(Key.StoreId, Key.Id, gone.Number));
        }

        state.State.Pending.Add(new AuditRow(groupId, Key.StoreId, "repair-order", Key.Id, now, Audit.Who, what));
        return next;
    }

    private async Task Published(RepairOrderView order, DateTimeOffset now)
    {
        // Times in the data are the store's wall clock, as a wall screen shows them.
        var zone = await Zone();
        string Local(DateTimeOffset? at) => at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("O", CultureInfo.InvariantCulture) : "";
        await StoreFeed.Publish(GrainFactory, Key.StoreId, now, "repair-order", Key.Id,
            // Wall screens show summaries: the plate masked, as on the service board.
            $"Repair order {Key.Id} ({CarInWorkshop.MaskPlate(order.Arrival.Plate) ?? "no plate"}): {order.Status}",
            new Dictionary<string, string>
            {
                ["repairOrderId"] = Key.Id,
                ["status"] = order.Status.ToString(),
                ["revision"] = order.Revision.ToString(CultureInfo.InvariantCulture),
                // What the service board shows of a car it has not seen yet (a wall screen reads nothing but the feed).
                ["maskedPlate"] = CarInWorkshop.MaskPlate(order.Arrival.Plate) ?? "",
                ["openedAt"] = Local(order.OpenedAt),
                ["promisedAt"] = Local(order.Arrival.PromisedAt),
            });
    }

    /// <summary>
    /// An odometer that reads less than the car's last reading in the group is refused, unless the advisor records that the
    /// instrument cluster was replaced: then the replacement is kept, and the car's pace counts from this reading.
    /// </summary>
    private async Task<Outcome<OdometerResetRow?>> OdometerReset(string groupId, NewRepairOrder arrival, DateTimeOffset now)
    {
        if (arrival.Vin is not { } vin)
        {
            return (OdometerResetRow?)null;
        }

        var last = await database.First(
            "SELECT odometer, opened_at FROM repair_orders WHERE group_id = $1 AND vin = $2 AND status <> 'Cancelled' ORDER BY opened_at DESC LIMIT 1",
            r => (Odometer: r.GetInt32(0), At: r.GetFieldValue<DateTimeOffset>(1)), groupId, vin);
        if (last.At == default || arrival.Odometer >= last.Odometer)
        {
            return (OdometerResetRow?)null;
        }

        if (string.IsNullOrWhiteSpace(arrival.ClusterReplaced))
        {
            return Problem.Refused("odometer-lower",
                $"The odometer reads {arrival.Odometer} km, less than the car's last reading of {last.Odometer} km " +
                $"({last.At:yyyy-MM-dd}): read it again, or record in clusterReplaced why the instrument cluster was replaced.");
        }

        return new OdometerResetRow(groupId, Key.StoreId, vin, now, Key.Id, last.Odometer, arrival.Odometer, arrival.ClusterReplaced.Trim(), Audit.Who);
    }

    private IWorkshopDayGrain Day(DateOnly day) => GrainFactory.GetGrain<IWorkshopDayGrain>(ServiceKeys.Day(Key.StoreId, day));

    private async Task<WorkshopSettings?> Settings() =>
        (await GrainFactory.GetGrain<IWorkshopGrain>(GrainKeys.Store(Key.StoreId)).Get()).Value?.Settings;

    private async Task<TimeZoneInfo> Zone() => StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId));

    private static Task<Outcome<RepairOrderView>> Illegal(RepairOrderView order, string what) =>
        Task.FromResult<Outcome<RepairOrderView>>(Problem.Conflict("illegal-transition", $"{what}; this order is {order.Status}."));

    private static Problem NotSetUp() =>
        Problem.Refused("workshop-not-set-up", "The workshop's bays, roster, opening hours and labour rate are not set up yet (PUT /workshop).");

    private Problem NotFound() => Problem.NotFound($"Repair order '{Key.Id}'");
}
