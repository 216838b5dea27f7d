using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Parts;

public sealed class PurchaseOrderState : RecordedState
{
    public PurchaseOrderView? Order { get; set; }

    public string? GroupId { get; set; }

    /// <summary>The supplier's delivery notes already received against this order (a note is received once).</summary>
    public List<string> DeliveryNotes { get; set; } = [];

    /// <summary>Units a receipt recorded that are not yet in their parts' stock (taken in right after the receipt's write).</summary>
    public List<PendingTakeIn> PendingTakeIns { get; set; } = [];

    /// <summary>The planner's task for an order group HQ requires, completed when the order is approved.</summary>
    public string? RequiredTaskId { get; set; }
}

/// <summary>Units to take into a part's stock, once for good under <see cref="Source"/> (the receipt's line, or a claim).</summary>
public sealed class PendingTakeIn
{
    public string PartNumber { get; set; } = "";
    public int Quantity { get; set; }
    public decimal UnitCost { get; set; }
    public string Note { get; set; } = "";
    public string Source { get; set; } = "";
}

/// <summary>
/// A purchase order of one store's parts department. Its lines are bounded (at most 500) and live with it, as do its receipts'
/// headers (at most 100) and its claims; the receipts' lines are rows. A receipt is one write: the order, the slip's lines, its
/// claims and the units to take in; then each part takes its units in, once for good under the receipt line's name, so a
/// failure half-way is finished by the next call or by the order's reminder, and nothing is taken in twice.
/// </summary>
public sealed class PurchaseOrderGrain(
    [PersistentState("purchase-order", GrainsSetup.StorageName)] IPersistentState<PurchaseOrderState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IPurchaseOrderGrain, IScopedGrain, IRemindable
{
    /// <summary>Parts moved at once while receiving: enough to keep the silo busy, few enough to leave room for the floor.</summary>
    private const int ReceivingParallelism = 16;

    private const int MaxReceipts = 100;

    /// <summary>Finishes taking in what a receipt recorded, if a failure stopped it half-way.</summary>
    private const string TakeInReminder = "take-in";

    private (string StoreId, string OrderId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private PurchaseOrderView? Order => state.State.Order;

    public async ValueTask<GrainScope> GetScope() => new(state.State.GroupId ?? await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public Task<Outcome<PurchaseOrderView>> Draft(NewPurchaseOrder order) => Open(order, required: false);

    public async Task<Outcome<PurchaseOrderView>> Require(NewPurchaseOrder order)
    {
        var required = await Open(order, required: true);
        if (required.Value is { } draft)
        {
            // The store's planner completes what the group requires: it is on their task list until it is done.
            var task = await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Add(new TaskDraft(
                $"purchase-order-{draft.PurchaseOrderId}:required", "purchase-order-required",
                $"Group HQ requires purchase order {draft.PurchaseOrderId} for {draft.Supplier}: {draft.Lines.Count} lines, {draft.Amount:0.00}", null,
                StaffRole.PartsPlanner, draft.CreatedAt.AddDays(1), new Dictionary<string, string> { ["purchaseOrderId"] = draft.PurchaseOrderId }));
            if (state.State.RequiredTaskId != task.TaskId)
            {
                state.State.RequiredTaskId = task.TaskId;
                await state.WriteStateAsync();
            }
        }

        return required;
    }

    private async Task<Outcome<PurchaseOrderView>> Open(NewPurchaseOrder order, bool required)
    {
        var errors = order?.Validate() ?? new FieldErrors().Add("supplier", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if ((required ? Roles.Refused("require purchase orders", RoleSets.PurchaseRequirers) : Roles.Refused("draft purchase orders", RoleSets.PartsKeepers))
            is { } refused)
        {
            return refused;
        }

        if (Order is { } existing)
        {
            // The same Idempotency-Key again: the order it made, if it asked for the same one.
            var same = existing.Supplier == order!.Supplier && existing.Lines.Select(l => (l.PartNumber, l.Quantity))
                .SequenceEqual(order.Lines.Select(l => (l.PartNumber, l.Quantity)));
            return same ? existing : Problem.Conflict("idempotency-key-reused", "This Idempotency-Key already drafted another purchase order.");
        }

        var lines = await Lines(order!.Lines);
        if (!lines.IsOk)
        {
            return lines.Problem!;
        }

        var now = clock.GetUtcNow();
        state.State.GroupId = await storeGroups.GroupOf(Key.StoreId);
        var draft = new PurchaseOrderView(Key.OrderId, Key.StoreId, order.Supplier, PurchaseOrderStatus.Draft, lines.Value!, Amount(lines.Value!),
            order.Note, now, Audit.Who, null, null, null, null, null, null, null, null, [], [], 0, required ? Audit.Who : null);
        Stage(draft, now, (required ? "required by group HQ" : "drafted") + $" for {order.Supplier}: {draft.Lines.Count} lines, {draft.Amount:0.00}",
            linesChanged: true);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failure)
        {
            // Not written: forget it, so a retry drafts it again rather than answering with an order that does not exist.
            await state.ReadBackAfter(failure);
            throw;
        }

        return Order!;
    }

    public Task<Outcome<PurchaseOrderView>> Get() =>
        Task.FromResult(Order is { } order ? (Roles.Refused("read purchase orders", RoleSets.PurchaseReaders) ?? (Outcome<PurchaseOrderView>)order) : NotFound());

    public async Task<Outcome<PurchaseOrderView>> ReviseLines(IReadOnlyList<OrderLineDraft> lines, string? operationId)
    {
        var errors = NewPurchaseOrder.CheckLines(new FieldErrors(), lines);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Run(nameof(ReviseLines), operationId, [lines], "revise purchase orders", RoleSets.PartsKeepers, async (order, now) =>
        {
            if (order.Status != PurchaseOrderStatus.Draft)
            {
                return Problem.Conflict("illegal-transition", $"Only a draft's lines change; this order is {order.Status}.");
            }

            if (order.RequiredBy is not null)
            {
                return Problem.Forbidden("The lines of an order group HQ requires are group HQ's: ask HQ to call it off and require another.");
            }

            var priced = await Lines(lines);
            if (!priced.IsOk)
            {
                return priced.Problem!;
            }

            var revised = order with { Lines = priced.Value!, Amount = Amount(priced.Value!) };
            Stage(revised, now, $"lines revised: {revised.Lines.Count} lines, {revised.Amount:0.00}", linesChanged: true);
            return revised;
        });
    }

    public async Task<Outcome<PurchaseOrderView>> Approve(string? operationId)
    {
        var approved = await Approval(operationId);
        if (approved.IsOk && state.State.RequiredTaskId is { } taskId)
        {
            // The group's order is on its way: the planner's task for it is done.
            await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Complete(taskId, $"approved as purchase order {Key.OrderId}");
        }

        return approved;
    }

    private Task<Outcome<PurchaseOrderView>> Approval(string? operationId) =>
        Run(nameof(Approve), operationId, [], "approve purchase orders", RoleSets.PurchaseApprovers, (order, now) =>
        {
            if (order.Status != PurchaseOrderStatus.Draft)
            {
                return Task.FromResult<Outcome<PurchaseOrderView>>(
                    Problem.Conflict("illegal-transition", $"Only a draft is approved; this order is {order.Status}."));
            }

            var approved = order with { Status = PurchaseOrderStatus.Approved, ApprovedAt = now, ApprovedBy = Audit.Who };
            Stage(approved, now, $"approved: {order.Amount:0.00}", linesChanged: true);
            return Task.FromResult<Outcome<PurchaseOrderView>>(approved);
        });

    public Task<Outcome<PurchaseOrderView>> MarkSent(string? supplierReference, string? operationId)
    {
        var errors = new FieldErrors().MaxLength("supplierReference", supplierReference, 60);
        if (errors.Any)
        {
            return Task.FromResult<Outcome<PurchaseOrderView>>(Problem.Invalid(errors));
        }

        return Run(nameof(MarkSent), operationId, [supplierReference], "send purchase orders", RoleSets.PartsKeepers, (order, now) =>
        {
            if (order.Status != PurchaseOrderStatus.Approved)
            {
                return Task.FromResult<Outcome<PurchaseOrderView>>(
                    Problem.Conflict("illegal-transition", $"An order is sent once approved; this one is {order.Status}."));
            }

            var sent = order with { Status = PurchaseOrderStatus.Sent, SentAt = now, SentBy = Audit.Who, SupplierReference = supplierReference };
            Stage(sent, now, "sent to the supplier" + (supplierReference is null ? "" : $" (their reference {supplierReference})"), linesChanged: false);
            return Task.FromResult<Outcome<PurchaseOrderView>>(sent);
        });
    }

    public async Task<Outcome<PartsReceipt>> Receive(NewPartsReceipt receipt, string? operationId)
    {
        var errors = receipt?.Validate() ?? new FieldErrors().Add("deliveryNote", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        await TakeInPending();
        return await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(Receive), operationId, [receipt], "receive parts", RoleSets.PartsKeepers),
            () => Order is null ? NotFound() : null,
            () => Task.FromResult(ReceiveDelivery(Order!, receipt!)),
            _ => TakeInPending());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == TakeInReminder)
        {
            await TakeInPending();
        }
    }

    /// <summary>
    /// Takes into stock what receipts recorded, a bounded number of parts at a time; each part takes a source in once, so
    /// running this again after a failure is safe. A reminder stands while anything is pending, in case the silo stops here.
    /// </summary>
    private async Task TakeInPending()
    {
        var pending = state.State.PendingTakeIns;
        if (pending.Count == 0)
        {
            return;
        }

        await this.RegisterOrUpdateReminder(TakeInReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        using var gate = new SemaphoreSlim(ReceivingParallelism);
        var results = await Task.WhenAll(pending.Select(async move =>
        {
            await gate.WaitAsync();
            try
            {
                var part = GrainFactory.GetGrain<IPartsItemGrain>(GrainKeys.InStore(Key.StoreId, move.PartNumber));
                return (await part.TakeIn(move.Quantity, move.UnitCost, move.Note, move.Source)).IsOk;
            }
            finally
            {
                gate.Release();
            }
        }));

        // A part that cannot take its units in now stays pending, and the reminder tries again.
        state.State.PendingTakeIns = [.. pending.Where((_, i) => !results[i])];
        await state.WriteStateAsync();
        if (state.State.PendingTakeIns.Count == 0 && await this.GetReminder(TakeInReminder) is { } done)
        {
            await this.UnregisterReminder(done);
        }
    }

    public async Task<Outcome<PartsReceipt>> GetReceipt(int number)
    {
        if (Order is not { } order || order.Receipts.FirstOrDefault(r => r.Number == number) is not { } header)
        {
            return Problem.NotFound($"Receipt {number} of purchase order {Key.OrderId}");
        }

        if (Roles.Refused("read purchase orders", RoleSets.PurchaseReaders) is { } refused)
        {
            return refused;
        }

        var lines = await database.List(
            $"SELECT {PartsReceiptLineRow.Columns} FROM parts_receipt_lines WHERE store_id = $1 AND purchase_order_id = $2 AND receipt = $3 ORDER BY line",
            PartsReceiptLineRow.Read, Key.StoreId, Key.OrderId, number);
        return Slip(order, header, [.. lines.Select(l => l.Line)]);
    }

    public async Task<Outcome<PurchaseOrderView>> Close(string reason, string? operationId)
    {
        var errors = new FieldErrors().Required("reason", reason, 200);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Run(nameof(Close), operationId, [reason], "close purchase orders", RoleSets.PartsKeepers, (order, now) =>
        {
            if (order.Status is not (PurchaseOrderStatus.Sent or PurchaseOrderStatus.PartlyReceived or PurchaseOrderStatus.Received))
            {
                return Task.FromResult<Outcome<PurchaseOrderView>>(Problem.Conflict("illegal-transition",
                    $"An order is closed once sent (a draft or an approved order is cancelled); this one is {order.Status}."));
            }

            if (order.RequiredBy is not null && order.Lines.Any(l => l.Outstanding > 0))
            {
                return Task.FromResult<Outcome<PurchaseOrderView>>(Problem.Forbidden(
                    "An order group HQ requires is completed: it is closed once nothing more is expected, or called off by HQ."));
            }

            var closed = order with { Status = PurchaseOrderStatus.Closed, ClosedAt = now, ClosedBy = Audit.Who, ClosingReason = reason };
            var dropped = order.Lines.Sum(l => l.Outstanding);
            Stage(closed, now, $"closed ({reason})" + (dropped > 0 ? $"; {dropped} units no longer expected" : ""), linesChanged: true);
            return Task.FromResult<Outcome<PurchaseOrderView>>(closed);
        });
    }

    public async Task<Outcome<PurchaseOrderView>> Cancel(string reason, string? operationId)
    {
        var errors = new FieldErrors().Required("reason", reason, 200);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Run(nameof(Cancel), operationId, [reason], "cancel purchase orders", [.. RoleSets.PartsKeepers, .. RoleSets.PurchaseRequirers], (order, now) =>
        {
            // An order the group required is called off by the group; the store's own orders by the store.
            if ((order.RequiredBy is not null) != (Caller.Current?.Role == StaffRole.GroupHq))
            {
                return Task.FromResult<Outcome<PurchaseOrderView>>(Problem.Forbidden(order.RequiredBy is not null
                    ? "An order group HQ requires is called off by group HQ only."
                    : "Group HQ calls off only the orders it required."));
            }

            if (order.Status is not (PurchaseOrderStatus.Draft or PurchaseOrderStatus.Approved or PurchaseOrderStatus.Sent) || order.Receipts.Count > 0)
            {
                return Task.FromResult<Outcome<PurchaseOrderView>>(Problem.Conflict("illegal-transition",
                    $"Only an order with nothing received is cancelled (one with receipts is closed); this one is {order.Status}."));
            }

            var cancelled = order with { Status = PurchaseOrderStatus.Cancelled, ClosedAt = now, ClosedBy = Audit.Who, ClosingReason = reason };
            Stage(cancelled, now, $"cancelled ({reason})", linesChanged: true);
            return Task.FromResult<Outcome<PurchaseOrderView>>(cancelled);
        });
    }

    public async Task<Outcome<SupplierClaim>> ResolveClaim(string claimId, ClaimResolution resolution, string? operationId)
    {
        var errors = new FieldErrors().MaxLength("note", resolution?.Note, 200);
        if (resolution is null || resolution.Outcome is not (ClaimStatus.Credited or ClaimStatus.Replaced or ClaimStatus.Withdrawn))
        {
            errors.Add("outcome", "must be Credited, Replaced or Withdrawn.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(ResolveClaim), operationId, [claimId, resolution], "settle supplier claims", RoleSets.PartsKeepers),
            () => Order?.Claims.Any(c => c.ClaimId == claimId) == true ? null : Problem.NotFound($"Claim {claimId}"),
            () => Task.FromResult(Settle(Order!, claimId, resolution!)),
            _ => TakeInPending());
    }

    private Outcome<SupplierClaim> Settle(PurchaseOrderView order, string claimId, ClaimResolution resolution)
    {
        var claim = order.Claims.Single(c => c.ClaimId == claimId);
        if (claim.Status != ClaimStatus.Open)
        {
            return claim.Status == resolution.Outcome ? claim : Problem.Conflict("claim-settled", $"Claim {claimId} was already settled: {claim.Status}.");
        }

        var line = order.Lines.Single(l => l.Line == LineOf(claim));
        var outcome = resolution.Outcome;
        if (outcome is ClaimStatus.Credited && claim.Quantity > line.Outstanding)
        {
            return Problem.Conflict("claim-exceeds-outstanding",
                $"Only {line.Outstanding} of {line.PartNumber} are still expected: the rest arrived since, so {claim.Quantity} cannot be credited.");
        }

        if (outcome is ClaimStatus.Replaced && order.Status is PurchaseOrderStatus.Closed or PurchaseOrderStatus.Cancelled)
        {
            return Problem.Conflict("illegal-transition", $"Units cannot be sent again against an order that is {order.Status}.");
        }

        var now = clock.GetUtcNow();
        var settled = claim with { Status = outcome, ResolvedAt = now, ResolvedBy = Audit.Who, Resolution = resolution.Note };
        var changedLine = (outcome, claim.Kind) switch
        {
            // Credited units will not come: no longer on order, and the account owes them no more.
            (ClaimStatus.Credited, _) => line with { Credited = line.Credited + claim.Quantity },

            // A shortage withdrawn: the units were there after all (found on a second count): into stock at the order's cost.
            (ClaimStatus.Withdrawn, ClaimKind.Short) => line with { Accepted = line.Accepted + Math.Min(claim.Quantity, line.Outstanding) },

            // A damage claim withdrawn: the store keeps and pays for the damaged units; they are written off, no longer expected.
            (ClaimStatus.Withdrawn, ClaimKind.Damaged) => line with { WrittenOff = line.WrittenOff + Math.Min(claim.Quantity, line.Outstanding) },

            // Replaced: the supplier sends them again; they stay on order.
            _ => line,
        };
        if ((outcome, claim.Kind) is (ClaimStatus.Withdrawn, ClaimKind.Short) && changedLine.Accepted > line.Accepted)
        {
            state.State.PendingTakeIns.Add(new PendingTakeIn
            {
                PartNumber = line.PartNumber,
                Quantity = changedLine.Accepted - line.Accepted,
                UnitCost = line.UnitCost,
                Note = $"PO {order.PurchaseOrderId} line {line.Line}: shortage claim {claimId} withdrawn, the units found",
                Source = $"claim/{claimId}",
            });
        }

        var lines = order.Lines.Select(l => l.Line == line.Line ? changedLine : l).ToList();
        var status = order.Status == PurchaseOrderStatus.PartlyReceived && lines.All(l => l.Outstanding == 0) ? PurchaseOrderStatus.Received : order.Status;
        var changed = order with { Lines = lines, Status = status, Claims = [.. order.Claims.Select(c => c.ClaimId == claimId ? settled : c)] };
        state.State.Pending.Add(new SupplierClaimRow(Key.StoreId, settled));
        if (outcome == ClaimStatus.Credited)
        {
            // What the store owes the supplier falls by the claim, in the same write.
            state.State.Pending.Add(new SupplierLedgerRow(Key.StoreId, order.Supplier, new SupplierLedgerEntry($"credit:{claimId}", now, Audit.Who,
                SupplierEntryKind.Credit, -claim.Amount, resolution.Note ?? $"claim {claimId}", order.PurchaseOrderId, claim.Receipt,
                $"{claim.Kind} {claim.Quantity} × {claim.PartNumber}")));
        }

        Stage(changed, now, $"claim {claimId} ({claim.Kind}, {claim.Quantity} × {claim.PartNumber}) settled: {outcome}" +
            (resolution.Note is null ? "" : $" — {resolution.Note}"), linesChanged: true);
        return settled;
    }

    private Outcome<PartsReceipt> ReceiveDelivery(PurchaseOrderView order, NewPartsReceipt receipt)
    {
        if (order.Status is not (PurchaseOrderStatus.Sent or PurchaseOrderStatus.PartlyReceived))
        {
            return Problem.Conflict("illegal-transition", $"Deliveries are received against a sent order; this one is {order.Status}.");
        }

        if (state.State.DeliveryNotes.Contains(receipt.DeliveryNote, StringComparer.OrdinalIgnoreCase))
        {
            return Problem.Conflict("delivery-note-received", $"Delivery note {receipt.DeliveryNote} was already received against this order.");
        }

        if (order.Receipts.Count >= MaxReceipts)
        {
            return Problem.Conflict("too-many-receipts", $"An order takes at most {MaxReceipts} deliveries; close it and order the rest anew.");
        }

        // The count must match the order: a line it has, and no more delivered than is still expected of it.
        var counted = new List<PartsReceiptLine>();
        var errors = new FieldErrors();
        for (var i = 0; i < receipt.Lines.Count; i++)
        {
            var count = receipt.Lines[i];
            if (order.Lines.FirstOrDefault(l => l.Line == count.Line) is not { } line)
            {
                errors.Add($"lines[{i}].line", $"is not a line of purchase order {order.PurchaseOrderId}.");
                continue;
            }

            if (count.Delivered > line.Outstanding)
            {
                errors.Add($"lines[{i}].delivered", $"is more than the {line.Outstanding} of {line.PartNumber} still expected; count an " +
                    "over-delivery apart and send it back or order it.");
                continue;
            }

            counted.Add(new PartsReceiptLine(line.Line, line.PartNumber, line.Description, count.Delivered, count.Accepted, count.Damaged,
                count.Delivered - count.Accepted - count.Damaged, line.UnitCost));
        }

        if (!errors.Any && counted.Sum(l => l.Delivered) == 0)
        {
            errors.Add("lines", "must count at least one unit delivered.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var number = order.Receipts.Count + 1;
        var claims = new List<SupplierClaim>();
        foreach (var line in counted)
        {
            if (line.Damaged > 0)
            {
                claims.Add(Claim(order, number, line, ClaimKind.Damaged, line.Damaged, now));
            }

            if (line.Short > 0)
            {
                claims.Add(Claim(order, number, line, ClaimKind.Short, line.Short, now));
            }
        }

        var amount = decimal.Round(counted.Sum(l => l.Amount), 2);
        var slip = new PartsReceipt(number, order.PurchaseOrderId, order.Supplier, receipt.DeliveryNote, now, Audit.Who, counted, amount,
            [.. claims.Select(c => c.ClaimId)]);
        var lines = order.Lines.Select(l => counted.FirstOrDefault(c => c.Line == l.Line) is { } c
            ? l with { Accepted = l.Accepted + c.Accepted, Damaged = l.Damaged + c.Damaged, Short = l.Short + c.Short }
            : l).ToList();
        var received = order with
        {
            Lines = lines,
            Status = lines.All(l => l.Outstanding == 0) ? PurchaseOrderStatus.Received : PurchaseOrderStatus.PartlyReceived,
            Receipts = [.. order.Receipts, new PartsReceiptHeader(number, receipt.DeliveryNote, now, Audit.Who, amount)],
            Claims = [.. order.Claims, .. claims],
        };
        state.State.DeliveryNotes.Add(receipt.DeliveryNote);
        state.State.PendingTakeIns.AddRange(counted.Where(l => l.Accepted > 0).Select(l => new PendingTakeIn
        {
            PartNumber = l.PartNumber,
            Quantity = l.Accepted,
            UnitCost = l.UnitCost,
            Note = $"PO {order.PurchaseOrderId} line {l.Line}, delivery note {receipt.DeliveryNote}",
            Source = $"receipt/{order.PurchaseOrderId}/{number}/{l.Line}",
        }));
        state.State.Pending.AddRange(counted.Select(l => new PartsReceiptLineRow(Key.StoreId, slip, l)));
        state.State.Pending.AddRange(claims.Select(c => new SupplierClaimRow(Key.StoreId, c)));
        Stage(received, now, $"received delivery note {receipt.DeliveryNote}: {counted.Sum(l => l.Accepted)} units into stock, {amount:0.00}" +
            (claims.Count > 0 ? $"; {claims.Count} claims opened" : ""), linesChanged: true);
        return slip;
    }

    private static int LineOf(SupplierClaim claim) => int.Parse(claim.ClaimId.Split('.')[^2], CultureInfo.InvariantCulture);

    private static SupplierClaim Claim(PurchaseOrderView order, int receipt, PartsReceiptLine line, ClaimKind kind, int quantity, DateTimeOffset now) =>
        new($"{order.PurchaseOrderId}.{receipt}.{line.Line}.{(kind == ClaimKind.Damaged ? 'D' : 'S')}", order.PurchaseOrderId, receipt, order.Supplier,
            line.PartNumber, kind, quantity, line.UnitCost, decimal.Round(quantity * line.UnitCost, 2), ClaimStatus.Open, now, Audit.Who, null, null, null);

    private static PartsReceipt Slip(PurchaseOrderView order, PartsReceiptHeader header, IReadOnlyList<PartsReceiptLine> lines) =>
        new(header.Number, order.PurchaseOrderId, order.Supplier, header.DeliveryNote, header.ReceivedAt, header.ReceivedBy, lines, header.Amount,
            [.. order.Claims.Where(c => c.Receipt == header.Number).Select(c => c.ClaimId)]);

    /// <summary>Each line priced from the store's books: the part's description and its average cost, unless the planner gives the supplier's cost.</summary>
    private async Task<Outcome<IReadOnlyList<PurchaseOrderLine>>> Lines(IReadOnlyList<OrderLineDraft> drafts)
    {
        var numbers = drafts.Select(d => d.PartNumber).ToArray();
        var books = (await database.List(
            "SELECT part_number, description, average_cost FROM parts_items WHERE store_id = $1 AND part_number = ANY($2)",
            r => (PartNumber: r.GetString(0), Description: r.GetString(1), Cost: r.GetDecimal(2)), Key.StoreId, numbers)).ToDictionary(b => b.PartNumber);
        var errors = new FieldErrors();
        var lines = new List<PurchaseOrderLine>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (!books.TryGetValue(draft.PartNumber, out var book))
            {
                errors.Add($"lines[{i}].partNumber", $"{draft.PartNumber} is not a part of this store.");
                continue;
            }

            var cost = draft.UnitCost ?? book.Cost;
            if (cost <= 0)
            {
                errors.Add($"lines[{i}].unitCost", $"is required: {draft.PartNumber} has no cost in the books yet.");
                continue;
            }

            lines.Add(new PurchaseOrderLine(i + 1, draft.PartNumber, book.Description, draft.Quantity, Money.Exact(decimal.Round(cost, 4)), 0, 0, 0, 0));
        }

        return errors.Any ? Problem.Invalid(errors) : lines;
    }

    private static decimal Amount(IEnumerable<PurchaseOrderLine> lines) => decimal.Round(lines.Sum(l => l.Amount), 2);

    /// <summary>A step on an existing order: the Idempotency-Key, the role, then the change, its rows and its audit line in one write.</summary>
    private Task<Outcome<PurchaseOrderView>> Run(string name, string? operationId, object?[] arguments, string action, StaffRole[] roles,
        Func<PurchaseOrderView, DateTimeOffset, Task<Outcome<PurchaseOrderView>>> change) =>
        Command.Run(state, operations, new CommandSpec(Key.StoreId, name, operationId, arguments, action, roles),
            () => Order is null ? NotFound() : null,
            () => change(Order!, clock.GetUtcNow()));

    /// <summary>The order as it now stands, with its list row, its lines' rows (what is on order) and an audit line.</summary>
    private void Stage(PurchaseOrderView order, DateTimeOffset now, string what, bool linesChanged)
    {
        var next = order with { Revision = order.Revision + 1 };
        state.State.Order = next;
        var s = state.State;
        s.Pending.Add(new PurchaseOrderRow(s.GroupId!, next));
        if (linesChanged)
        {
            var open = next.Status is PurchaseOrderStatus.Approved or PurchaseOrderStatus.Sent or PurchaseOrderStatus.PartlyReceived;
            s.Pending.Add(new PurchaseOrderLinesCleared(Key.StoreId, Key.OrderId));
            s.Pending.AddRange(next.Lines.Select(l => new PurchaseOrderLineRow(Key.StoreId, Key.OrderId, l, open)));
        }

        s.Pending.Add(new AuditRow(s.GroupId!, Key.StoreId, "purchase-order", Key.OrderId, now, Audit.Who, what));
    }

    private Problem NotFound() => Problem.NotFound($"Purchase order {Key.OrderId}");
}
