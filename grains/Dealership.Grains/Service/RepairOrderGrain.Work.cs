using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Common;
using Dealership.Grains.Ownership;

namespace Dealership.Grains.Service;

/// <summary>The quote, the work and the handover of a repair order.</summary>
public sealed partial class RepairOrderGrain
{
    public async Task<Outcome<RepairOrderView>> AddLines(IReadOnlyList<NewRepairLine> lines, string? finding, string? operationId)
    {
        var errors = NewRepairLine.CheckAll(new FieldErrors(), lines).MaxLength("finding", finding, 300);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Step(nameof(AddLines), operationId, [lines, finding], "quote repair work", RoleSets.ServiceDesk, async (order, now) =>
        {
            var onEstimate = order.Status is RepairOrderStatus.Open or RepairOrderStatus.Estimated;
            if (!onEstimate && order.Status is not (RepairOrderStatus.InProgress or RepairOrderStatus.WaitingForParts))
            {
                return Problem.Conflict("illegal-transition", $"Work is quoted before approval, or as a supplement during the job; this order is {order.Status}.");
            }

            if (!onEstimate && string.IsNullOrWhiteSpace(finding))
            {
                return Problem.Invalid("finding", "say what was found: added work is a supplement the customer must approve.");
            }

            if (order.Lines.Count + lines.Count > MaxLines || (!onEstimate && order.Supplements.Count >= MaxSupplements))
            {
                return Problem.Refused("too-many-lines", $"A repair order holds at most {MaxLines} lines and {MaxSupplements} supplements.");
            }

            if (await Settings() is not { } settings)
            {
                return NotSetUp();
            }

            // Every line is priced from the store's books and checked before anything is held.
            var supplement = onEstimate ? 0 : order.Supplements.Count + 1;
            var priced = new List<RepairLine>();
            var bad = new FieldErrors();
            var number = state.State.LineCount;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                number++;
                if (line.Kind == RepairLineKind.Labour)
                {
                    if (line.TechnicianId is { } technician && settings.Technicians.All(t => t.StaffId != technician))
                    {
                        bad.Add($"lines[{i}].technicianId", "is not on the workshop's roster.");
                    }

                    var hours = line.Hours!.Value;
                    priced.Add(new RepairLine(number, RepairLineKind.Labour, supplement, RepairLineStatus.Proposed, line.Operation!, line.Reason, hours,
                        settings.LabourRate, Money(hours * settings.LabourRate), line.TechnicianId, null, 0, 0, 0, false, null));
                    continue;
                }

                var part = (await Part(line.PartNumber!).Get()).Value;
                if (part is null)
                {
                    bad.Add($"lines[{i}].partNumber", "is not a part of this store.");
                }
                else if (part.Planning.Price <= 0)
                {
                    bad.Add($"lines[{i}].partNumber", "has no selling price in the parts books.");
                }
                else
                {
                    priced.Add(new RepairLine(number, RepairLineKind.Part, supplement, RepairLineStatus.Proposed, part.Description, line.Reason,
                        line.Quantity!.Value, part.Planning.Price, Money(line.Quantity!.Value * part.Planning.Price), null, line.PartNumber, 0, 0, 0, false, null));
                }
            }

            if (bad.Any)
            {
                return Problem.Invalid(bad);
            }

            state.State.LineCount = number;

            for (var i = 0; i < priced.Count; i++)
            {
                if (priced[i].Kind == RepairLineKind.Part)
                {
                    priced[i] = await Hold(priced[i]);
                }
            }

            var quoted = order with
            {
                // A changed estimate is given again before the customer approves it.
                Status = onEstimate ? RepairOrderStatus.Open : order.Status,
                Lines = [.. order.Lines, .. priced],
                Supplements = onEstimate ? order.Supplements : [.. order.Supplements, new RepairSupplement(supplement, finding!, now, Audit.Who, null)],
            };
            var shortParts = priced.Where(l => l.Kind == RepairLineKind.Part && l.Reserved < l.Quantity).Select(l => l.PartNumber).ToList();
            return Stage(quoted, now, $"{(onEstimate ? "quoted" : $"supplement {supplement} ({finding})")}: " +
                string.Join("; ", priced.Select(l => $"{l.Description} {l.Amount:0.00}")) +
                (shortParts.Count == 0 ? "" : $"; not in stock: {string.Join(", ", shortParts)}"));
        });
    }

    public Task<Outcome<RepairOrderView>> RemoveLine(int line, string? operationId) =>
        Step(nameof(RemoveLine), operationId, [line], "quote repair work", RoleSets.ServiceDesk, async (order, now) =>
        {
            if (order.Lines.FirstOrDefault(l => l.Number == line) is not { } removed)
            {
                return Problem.NotFound($"Line {line}");
            }

            if (order.Status is not (RepairOrderStatus.Open or RepairOrderStatus.Estimated) || removed.Status != RepairLineStatus.Proposed)
            {
                return Problem.Conflict("illegal-transition", "Only a line of an estimate not yet approved is taken off; approved work is done or declined.");
            }

            var without = order with { Status = RepairOrderStatus.Open, Lines = [.. order.Lines.Where(l => l.Number != line)] };
            return Stage(await LetGo(order, without), now, $"line {line} taken off the estimate: {removed.Description}");
        });

    public Task<Outcome<RepairOrderView>> StartWork(string? operationId) =>
        Step(nameof(StartWork), operationId, [], "start repair work", RoleSets.Workshop, async (order, now) =>
        {
            if (order.Status is not (RepairOrderStatus.Approved or RepairOrderStatus.WaitingForParts))
            {
                return Problem.Conflict("illegal-transition", $"Work starts once the customer approved the estimate; this order is {order.Status}.");
            }

            var started = await IssueApprovedParts(order);
            var issued = started.Lines.Where(l => l.Issued != (order.Lines.FirstOrDefault(o => o.Number == l.Number)?.Issued ?? 0))
                .Select(l => $"{l.Issued - order.Lines.First(o => o.Number == l.Number).Issued} × {l.PartNumber}").ToList();
            return Stage(started, now, $"{(started.Status == RepairOrderStatus.WaitingForParts ? "waiting for parts" : "work started")}" +
                (issued.Count == 0 ? "" : $"; issued {string.Join(", ", issued)}"));
        });

    public Task<Outcome<RepairOrderView>> ClockOn(int line, string? operationId) =>
        Step(nameof(ClockOn), operationId, [line], "clock on repair work", RoleSets.Technician, async (order, now) =>
        {
            var technician = Caller.Current?.StaffId ?? "system";
            var elsewhere = await database.First(
                "SELECT repair_order_id, line FROM technician_open_clocks WHERE store_id = $1 AND technician_id = $2 AND repair_order_id <> $3",
                r => $"line {r.GetInt32(1)} of repair order {r.GetString(0)}", Key.StoreId, technician, Key.Id);
            if (elsewhere is not null)
            {
                // One technician, one job at a time: worked hours are never counted twice.
                return Problem.Conflict("clocked-on", $"You are clocked on {elsewhere}: clock off there first.");
            }

            if (order.Lines.FirstOrDefault(l => l.Number == line) is not { Kind: RepairLineKind.Labour } work)
            {
                return Problem.NotFound($"Labour line {line}");
            }

            if (work.Status != RepairLineStatus.Approved)
            {
                // Work the customer has not approved is never done.
                return Problem.Conflict("not-approved", $"Line {line} is {work.Status}: the customer has not approved it.");
            }

            if (order.Status != RepairOrderStatus.InProgress)
            {
                return await Illegal(order, "Technicians clock on while the order is in progress");
            }

            if (work.TechnicianId is { } assigned && assigned != technician)
            {
                return Problem.Forbidden($"Line {line} is {assigned}'s job (the desk reassigns it).");
            }

            if (order.Lines.FirstOrDefault(l => l.ClockedOnSince is not null && l.TechnicianId == technician) is { } busy)
            {
                return Problem.Conflict("clocked-on",
                    busy.Number == line ? $"You are clocked on line {line} already." : $"You are clocked on line {busy.Number}: clock off first.");
            }

            if (!state.State.WorkedBy.Contains(technician))
            {
                state.State.WorkedBy.Add(technician);
            }

            state.State.DoneAt.Remove(line);
            var on = work with { TechnicianId = technician, ClockedOnSince = now, Done = false };
            state.State.Pending.Add(new OpenClockRow(Key.StoreId, technician, Key.Id, line, now));
            return Stage(order with { Lines = [.. order.Lines.Select(l => l.Number == line ? on : l)] }, now, $"line {line}: {technician} clocked on");
        });

    public Task<Outcome<RepairOrderView>> ClockOff(int line, bool done, string? operationId) =>
        Step(nameof(ClockOff), operationId, [line, done], "clock off repair work", ClockKeepers, (order, now) =>
        {
            if (order.Lines.FirstOrDefault(l => l.Number == line) is not { Kind: RepairLineKind.Labour, ClockedOnSince: { } since } work)
            {
                return Task.FromResult<Outcome<RepairOrderView>>(Problem.Conflict("not-clocked-on", $"Nobody is clocked on line {line}."));
            }

            // The technician clocks off; the desk may do it for one who forgot (or went home), and says so in the audit line.
            if (Caller.Current is { IsPlatform: false, Role: StaffRole.Technician } caller && caller.StaffId != work.TechnicianId)
            {
                return Task.FromResult<Outcome<RepairOrderView>>(Problem.Forbidden($"{work.TechnicianId} is clocked on line {line}, not you."));
            }

            var minutes = (int)Math.Ceiling((now - since).TotalMinutes);
            state.State.ClockCount++;
            state.State.Pending.Add(new RepairClockRow(Key.StoreId, Key.Id, state.State.ClockCount, line, work.TechnicianId!, since, now, minutes, done));
            if (done)
            {
                state.State.DoneAt[line] = now;
            }

            var off = work with { ClockedOnSince = null, WorkedMinutes = work.WorkedMinutes + minutes, Done = done };
            state.State.Pending.Add(new OpenClockClearedRow(Key.StoreId, work.TechnicianId!, Key.Id));
            var onBehalf = Caller.Current is { Role: not StaffRole.Technician } ? $" by {Audit.Who}" : "";
            return Done(order with { Lines = [.. order.Lines.Select(l => l.Number == line ? off : l)] }, now,
                $"line {line}: {work.TechnicianId} clocked off{onBehalf} after {minutes} min{(done ? ", done" : "")}");
        });

    public async Task<Outcome<RepairOrderView>> AssignTechnician(int line, string technicianId, string? operationId)
    {
        if (!Ids.IsValid(technicianId))
        {
            return Problem.Invalid("technicianId", "must be a staff id.");
        }

        return await Step(nameof(AssignTechnician), operationId, [line, technicianId], "assign repair work", RoleSets.ServiceDesk, async (order, now) =>
        {
            if (order.Lines.FirstOrDefault(l => l.Number == line) is not { Kind: RepairLineKind.Labour } work)
            {
                return Problem.NotFound($"Labour line {line}");
            }

            if (work.ClockedOnSince is not null)
            {
                return Problem.Conflict("clocked-on", $"{work.TechnicianId} is clocked on line {line}: clock off first.");
            }

            if (order.Status is RepairOrderStatus.Delivered or RepairOrderStatus.Closed or RepairOrderStatus.Cancelled)
            {
                return Problem.Conflict("illegal-transition", $"This order is {order.Status}.");
            }

            if (await Settings() is not { } settings || settings.Technicians.All(t => t.StaffId != technicianId))
            {
                return Problem.Invalid("technicianId", "is not on the workshop's roster.");
            }

            return Stage(order with { Lines = [.. order.Lines.Select(l => l.Number == line ? l with { TechnicianId = technicianId } : l)] }, now,
                $"line {line} assigned to {technicianId}" + (work.TechnicianId is { } before ? $" (was {before})" : ""));
        });
    }

    public Task<Outcome<RepairOrderView>> SubmitForQualityCheck(string? operationId) =>
        Step(nameof(SubmitForQualityCheck), operationId, [], "hand work to the quality check", RoleSets.Workshop, (order, now) =>
        {
            if (order.Status != RepairOrderStatus.InProgress)
            {
                return Illegal(order, "Only work in progress goes to the quality check");
            }

            var problem = order.Supplements.FirstOrDefault(s => s.Answer is null) is { } pending
                    ? Problem.Conflict("supplement-pending", $"Supplement {pending.Number} waits for the customer's answer.")
                : order.Lines.FirstOrDefault(l => l.ClockedOnSince is not null) is { } open
                    ? Problem.Conflict("clocked-on", $"{open.TechnicianId} is still clocked on line {open.Number}.")
                : order.Lines.Where(l => l is { Kind: RepairLineKind.Labour, Status: RepairLineStatus.Approved, Done: false }).Select(l => l.Number).ToList()
                    is { Count: > 0 } undone
                    ? Problem.Conflict("work-not-done", $"Approved work not finished: line {string.Join(", ", undone)}.")
                : null;
            return problem is not null
                ? Task.FromResult<Outcome<RepairOrderView>>(problem)
                : Done(order with { Status = RepairOrderStatus.QualityCheck, QualityCheck = null }, now, "work finished: to the quality check");
        });

    public async Task<Outcome<RepairOrderView>> RecordQualityCheck(QualityCheckDraft check, string? operationId)
    {
        var errors = check?.Validate() ?? new FieldErrors().Add("items", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Step(nameof(RecordQualityCheck), operationId, [check], "check the quality of repair work", RoleSets.QualityCheckers, (order, now) =>
        {
            if (order.Status != RepairOrderStatus.QualityCheck || order.QualityCheck is { Passed: true })
            {
                return Illegal(order, "The quality check follows finished work");
            }

            var checker = Caller.Current?.StaffId;
            if (checker is not null && (state.State.WorkedBy.Contains(checker) || order.Lines.Any(l => l.TechnicianId == checker)))
            {
                // Nobody checks their own work.
                return Task.FromResult<Outcome<RepairOrderView>>(Problem.Forbidden("You worked on this car: someone else does its quality check."));
            }

            var passed = check!.Items.All(i => i.Passed);
            var record = new QualityCheckRecord(check.Items, passed, now, Audit.Who);
            var failed = check.Items.Where(i => !i.Passed).Select(i => $"{i.Item}: {i.Note}").ToList();
            var checkedOrder = order with { QualityCheck = record, Status = passed ? RepairOrderStatus.QualityCheck : RepairOrderStatus.InProgress };
            if (!passed)
            {
                // Back to work: the labour is done again (and clocked) before the car comes back to the check.
                state.State.DoneAt.Clear();
                checkedOrder = checkedOrder with { Lines = [.. order.Lines.Select(l => l.Kind == RepairLineKind.Labour ? l with { Done = false } : l)] };
            }

            return Done(checkedOrder, now,
                passed ? $"quality check passed ({check.Items.Count} points)" : $"quality check failed, back to work: {string.Join("; ", failed)}");
        });
    }

    public Task<Outcome<RepairOrderView>> RecordWash(string? operationId) =>
        Step(nameof(RecordWash), operationId, [], "record the wash", RoleSets.Workshop, (order, now) =>
            order is not { Status: RepairOrderStatus.QualityCheck, QualityCheck.Passed: true }
                ? Illegal(order, "The car is washed after it passed its quality check")
                : Done(order with { Status = RepairOrderStatus.Washed, WashedAt = now }, now, "washed"));

    public Task<Outcome<RepairOrderView>> IssueInvoice(string? operationId) =>
        Step(nameof(IssueInvoice), operationId, [], "invoice repair work", RoleSets.ServiceDesk, async (order, now) =>
        {
            if (order.Status != RepairOrderStatus.Washed)
            {
                return await Illegal(order, "The invoice is issued for a washed car");
            }

            var invoice = InvoiceOf(order, now, Audit.Who);
            var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
            state.State.Pending.Add(InvoiceRecord(order, invoice, StoreFacts.LocalDate(now, StoreFacts.Zone(store)), store?.Policies.VatRate ?? 0.13m));
            return await Done(order with { Status = RepairOrderStatus.Ready, Invoice = invoice }, now,
                $"invoiced: labour {invoice.LabourTotal:0.00}, parts {invoice.PartsTotal:0.00}, total {invoice.Total:0.00}");
        });

    /// <summary>The repair order's invoice as a row of the store's sales invoices (VAT included at the store's rate), for its voucher.</summary>
    private InvoiceRow InvoiceRecord(RepairOrderView order, ServiceInvoice invoice, DateOnly localDate, decimal vatRate) =>
        new(state.State.GroupId ?? "", Key.StoreId, localDate, invoice.IssuedBy, new InvoiceFact(
            $"SVC-{Key.Id.ToUpperInvariant()}", "Service", Key.Id, invoice.IssuedAt, order.Arrival.CustomerName, invoice.Total,
            VoucherRules.VatIn(invoice.Total, vatRate),
            [.. invoice.Labour.Select(l => new InvoiceFactLine("Labour", l.Description, l.Amount)),
                .. invoice.Parts.Select(l => new InvoiceFactLine("Part", l.Description, l.Amount))],
            0m));

    /// <summary>The approved work as the customer pays for it: labour at its hours, parts at what was issued and kept; declined or unanswered work never.</summary>
    public static ServiceInvoice InvoiceOf(RepairOrderView order, DateTimeOffset at, string by)
    {
        var charged = order.Lines.Where(l => l.Status == RepairLineStatus.Approved).ToList();
        var labour = charged.Where(l => l.Kind == RepairLineKind.Labour)
            .Select(l => new ServiceInvoiceLine(l.Number, l.Kind, l.Description, l.Reason, l.Quantity, l.UnitPrice, l.Amount, l.Supplement)).ToList();
        var parts = charged.Where(l => l.Kind == RepairLineKind.Part && l.Issued > 0)
            .Select(l => new ServiceInvoiceLine(l.Number, l.Kind, l.Description, l.Reason, l.Issued, l.UnitPrice, Money(l.Issued * l.UnitPrice), l.Supplement))
            .ToList();
        var labourTotal = labour.Sum(l => l.Amount);
        var partsTotal = parts.Sum(l => l.Amount);
        return new ServiceInvoice(labour, parts, labourTotal, partsTotal, labourTotal + partsTotal, at, by);
    }

    public async Task<Outcome<RepairOrderView>> Deliver(ServiceHandover handover, string? operationId)
    {
        var errors = handover?.Validate() ?? new FieldErrors().Add("paidWith", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var delivered = await Step(nameof(Deliver), operationId, [handover], "hand cars back", RoleSets.ServiceHandover, async (order, now) =>
        {
            if (order.Status != RepairOrderStatus.Ready || order.Invoice is not { } invoice)
            {
                return await Illegal(order, "A car goes back once it is invoiced");
            }

            if (handover!.Amount != invoice.Total)
            {
                return Problem.Refused("amount-mismatch",
                    $"The invoice is {invoice.Total:0.00}; {handover.Amount:0.00} was given. The car goes back paid in full.");
            }

            // The follow-up call is made after the write; the reminder makes it if that step is cut short.
            await this.RegisterOrUpdateReminder(FollowUpReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            await LetGoOfAll();
            return Stage(order with { Status = RepairOrderStatus.Delivered, DeliveredAt = now, DeliveredBy = Audit.Who, Handover = handover }, now,
                $"handed back, paid {handover.Amount:0.00} by {handover.PaidWith}" +
                (handover.NextVisit is { } next ? $"; next visit {next:yyyy-MM-dd}" : ""));
        });

        if (delivered.IsOk)
        {
            await EnsureFollowUp();
        }

        return delivered;
    }

    private const string FollowUpReminder = "follow-up";

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == FollowUpReminder)
        {
            await EnsureFollowUp();
        }
    }

    /// <summary>The call after a handover, made once (its source id keeps it to one), then the reminder that guards it goes.</summary>
    private async Task EnsureFollowUp()
    {
        if (Order is { DeliveredAt: { } at } order && state.State.FollowUpTaskId is null && await Settings() is { } settings)
        {
            // The call is due some days after handover, and goes to the customer-service caller, not the advisor who served.
            var task = await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Add(new TaskDraft(
                $"{Key.Id}:follow-up", FollowUpTaskKind,
                $"Follow-up call: {order.Arrival.CustomerName}, {order.Arrival.Plate ?? order.Arrival.Vin} (repair order {Key.Id})", null,
                StaffRole.CustomerServiceCaller, at.AddDays(settings.FollowUpDays),
                new Dictionary<string, string>
                {
                    ["repairOrderId"] = Key.Id,
                    ["customerId"] = order.CustomerId,
                    ["advisorId"] = order.AdvisorId,
                    ["attempt"] = 1.ToString(CultureInfo.InvariantCulture),
                }));
            state.State.FollowUpTaskId = task.TaskId;
            await state.WriteStateAsync();
        }

        if (Order is null || state.State.FollowUpTaskId is not null)
        {
            var reminder = await this.GetReminder(FollowUpReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    /// <summary>Who clocks a technician off: the technician, or the desk for one who forgot.</summary>
    private static readonly StaffRole[] ClockKeepers = [StaffRole.Technician, .. RoleSets.ServiceDesk];
}
