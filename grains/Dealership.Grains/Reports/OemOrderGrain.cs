using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Tasks;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Reports;

public sealed class OemOrderState : RecordedState
{
    /// <summary>The order with its latest history entries (<see cref="OemOrderGrain.HistoryKept"/>); every entry is in the audit trail.</summary>
    public OemOrderView? Order { get; set; }
}

/// <summary>
/// Next month's vehicle order to the OEM: the clerk drafts it (from the system's proposal), the GM or sales manager approves it
/// under the store's seal, and from then on it is locked.
/// </summary>
public sealed class OemOrderGrain(
    [PersistentState("oem-order", GrainsSetup.StorageName)] IPersistentState<OemOrderState> state,
    OperationLog operations,
    Database database,
    StoreSeals seals,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IOemOrderGrain, IScopedGrain
{
    /// <summary>History entries the order shows; the audit trail holds them all.</summary>
    public const int HistoryKept = 20;


    private (string StoreId, string Name) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private string Month => GrainKeys.OemOrderMonth(Key.Name);

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<OemOrderView>> Propose(int? targetUnits, string? operationId)
    {
        if (targetUnits is < 0 or > 5_000)
        {
            return Problem.Invalid("targetUnits", "must be between 0 and 5000.");
        }

        return await Command(nameof(Propose), operationId, [targetUnits], RoleSets.Clerk, "draft the OEM order", async now =>
        {
            var order = state.State.Order;
            if (order is { Status: not OemOrderStatus.Draft })
            {
                return Locked(order);
            }

            if (!DateOnly.TryParseExact($"{Month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                return Problem.NotFound($"OEM order '{Month}'");
            }

            var stock = (await GrainFactory.GetGrain<IVehicleListGrain>(GrainKeys.Store(Key.StoreId)).Stock(StockFilter.All, PageRequest.All)).Value!;
            // The pace comes from the three complete months before the one in which the order is drafted.
            var drafted = new DateOnly(stock.Date.Year, stock.Date.Month, 1);
            var numbers = GrainFactory.GetGrain<ISalesNumbersGrain>(GrainKeys.Store(Key.StoreId));
            var months = await Task.WhenAll(Enumerable.Range(1, 3).Select(back =>
                numbers.RetailBySpec(drafted.AddMonths(-back), drafted.AddMonths(1 - back).AddDays(-1))));
            // Active prospects by the model they came in for: the store's own demand when sales history is too thin.
            var interest = (await database.List(
                "SELECT model_of_interest, count(*)::int FROM customers WHERE store_id = $1 AND prospect_status = 'Active' " +
                "AND model_of_interest IS NOT NULL GROUP BY model_of_interest",
                r => (Model: r.GetString(0), Count: r.GetInt32(1)), Key.StoreId))
                .GroupBy(i => i.Model, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Sum(i => i.Count), StringComparer.OrdinalIgnoreCase);
            // Without a target in the request, the month's target as the sales manager split it (group HQ's year, by season).
            targetUnits ??= await database.First(
                "SELECT units FROM sales_targets WHERE store_id = $1 AND year = $2 AND month = $3 AND consultant_id = '' AND units > 0",
                r => (int?)r.GetInt32(0), Key.StoreId, first.Year, first.Month);
            var proposal = OemOrderRules.Propose(stock.Rows, months, targetUnits, await Awaited(first), interest);
            var basis = OemOrderRules.Basis(months, targetUnits, proposal, interest);
            var lines = proposal.Where(p => p.Proposed > 0).Select(p => new OemOrderLine(p.Model, p.Trim, p.Colour, p.Proposed)).ToArray();
            state.State.Order = (order ?? Empty()) with { Proposal = proposal, Lines = lines, TargetUnits = targetUnits, ProposalBasis = basis };
            return $"proposal made from {basis}: {lines.Sum(l => l.Quantity)} cars in {lines.Length} lines";
        }, mayCreate: true);
    }

    public Task<Outcome<OemOrderView>> MarkSent(string? reference, string? operationId)
    {
        if (new FieldErrors().MaxLength("reference", reference, 80) is { Any: true } errors)
        {
            return Task.FromResult<Outcome<OemOrderView>>(Problem.Invalid(errors));
        }

        return Command(nameof(MarkSent), operationId, [reference], RoleSets.Clerk, "send OEM orders", now =>
        {
            var order = state.State.Order!;
            if (order.Status != OemOrderStatus.Approved)
            {
                return Task.FromResult<Outcome<string>>(order.Status == OemOrderStatus.Sent
                    ? Problem.Conflict("order-sent", "The order was already sent to the OEM.")
                    : Problem.Conflict("not-approved", "Only an approved order is sent to the OEM."));
            }

            state.State.Order = order with { Status = OemOrderStatus.Sent, Sent = new OemOrderDispatch(Audit.Who, now, reference) };
            return Task.FromResult<Outcome<string>>($"sent to the OEM{(reference is null ? "" : $" (reference {reference})")}");
        });
    }

    public Task<Outcome<OemOrderView>> Export()
    {
        if (Roles.Refused("export OEM orders", RoleSets.ReportReaders) is { } refused)
        {
            return Task.FromResult<Outcome<OemOrderView>>(refused);
        }

        Outcome<OemOrderView> outcome = state.State.Order switch
        {
            null => Problem.NotFound($"OEM order '{Month}'"),
            { Status: not (OemOrderStatus.Approved or OemOrderStatus.Sent) } => Problem.Conflict("not-approved", "Only an approved order is exported."),
            var order when !seals.Verify(order) => Problem.Conflict("seal-broken",
                "The order's lines, approver or approval time no longer match its store seal: it is not exported. Ask the group's IT to check the order's history."),
            var order => order,
        };
        return Task.FromResult(outcome);
    }

    public Task<Outcome<OemOrderView>> Get() =>
        Task.FromResult(state.State.Order is { } o ? o : (Outcome<OemOrderView>)Problem.NotFound($"OEM order '{Month}'"));

    public async Task<Outcome<OemOrderView>> EditLines(IReadOnlyList<OemOrderLine> lines, string? operationId)
    {
        var errors = OemOrderLines.Validate(lines);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(EditLines), operationId, [lines], RoleSets.Clerk, "edit the OEM order", now =>
        {
            var order = state.State.Order!;
            if (order.Status != OemOrderStatus.Draft)
            {
                return Task.FromResult(Locked(order));
            }

            state.State.Order = order with { Lines = lines.Where(l => l.Quantity > 0).ToArray() };
            return Task.FromResult<Outcome<string>>($"lines edited: {lines.Sum(l => l.Quantity)} cars in {state.State.Order.Lines.Count} lines");
        });
    }

    public Task<Outcome<OemOrderView>> Submit(string? operationId) =>
        Command(nameof(Submit), operationId, [], RoleSets.Clerk, "submit the OEM order", now =>
        {
            var order = state.State.Order!;
            if (order.Status != OemOrderStatus.Draft)
            {
                return Task.FromResult(Locked(order));
            }

            if (order.Lines.Count == 0)
            {
                return Task.FromResult<Outcome<string>>(Problem.Refused("order-empty", "The order has no lines to submit."));
            }

            state.State.Order = order with { Status = OemOrderStatus.Submitted, RejectionReason = null };
            return Task.FromResult<Outcome<string>>($"submitted for approval: {order.Lines.Sum(l => l.Quantity)} cars");
        });

    public async Task<Outcome<OemOrderView>> Decide(bool approve, string? reason, string? operationId)
    {
        var errors = approve ? new FieldErrors().MaxLength("reason", reason, 500) : new FieldErrors().Required("reason", reason, 500);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(Decide), operationId, [approve, reason], RoleSets.Managers, "approve OEM orders", async now =>
        {
            var order = state.State.Order!;
            if (order.Status != OemOrderStatus.Submitted)
            {
                return order.Status == OemOrderStatus.Approved
                    ? Locked(order)
                    : Problem.Conflict("illegal-transition", "Only a submitted order is approved or rejected.");
            }

            if (!approve)
            {
                state.State.Order = order with { Status = OemOrderStatus.Draft, RejectionReason = reason };
                await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Add(new TaskDraft(
                    $"oem-order-{Month}:rejected-{order.Revision}", "oem-order-rejected", $"Rework the OEM order for {Month}: {reason}", null,
                    StaffRole.SalesInformationClerk, now.AddDays(1), new Dictionary<string, string> { ["month"] = Month }));
                return $"rejected, back to the clerk: {reason}";
            }

            var store = (await StoreFacts.Store(GrainFactory, Key.StoreId))!;
            var seal = new OemOrderSeal(store.Profile.Name, Audit.Who, now, OemOrderRules.Digest(Key.StoreId, Month, order.Lines),
                seals.Seal(Key.StoreId, order, Audit.Who, now));
            state.State.Order = order with { Status = OemOrderStatus.Approved, Seal = seal, RejectionReason = null };
            return $"approved and sealed ({store.Profile.Name}); locked";
        });
    }

    /// <summary>What the approved orders of the last <see cref="OemOrderRules.OpenOrderMonths"/> months before this one still await.</summary>
    private async Task<IReadOnlyDictionary<string, int>> Awaited(DateOnly first)
    {
        var earlier = new List<OemOrderView>();
        for (var back = 1; back <= OemOrderRules.OpenOrderMonths; back++)
        {
            var month = first.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            if ((await GrainFactory.GetGrain<IOemOrderGrain>(GrainKeys.OemOrder(Key.StoreId, month)).Get()).Value is { Seal: not null } order)
            {
                earlier.Add(order);
            }
        }

        if (earlier.Count == 0)
        {
            return new Dictionary<string, int>();
        }

        // Cars new to this store (registered, or received from the OEM) since the earliest of those approvals.
        var since = earlier.Min(o => o.Seal!.ApprovedAt);
        var arrived = await database.List(
            "SELECT v.model, v.trim, v.colour, count(*)::int FROM vehicle_history h JOIN vehicles v ON v.group_id = h.group_id AND v.vin = h.vin " +
            "WHERE h.store_id = $1 AND h.revision = 1 AND h.at >= $2 GROUP BY v.model, v.trim, v.colour",
            r => (Spec: OemOrderLines.Spec(r.GetString(0), r.GetString(1), r.GetString(2)), Count: r.GetInt32(3)), Key.StoreId, since);
        return OemOrderRules.Awaited(earlier, arrived.ToDictionary(a => a.Spec, a => a.Count, StringComparer.Ordinal));
    }

    private OemOrderView Empty() => new(Key.StoreId, Month, OemOrderStatus.Draft, [], [], null, null, null, [], 0);

    private static Outcome<string> Locked(OemOrderView order) =>
        Problem.Conflict("order-locked", order.Status == OemOrderStatus.Approved
            ? "The order is approved and locked."
            : "The order is submitted; it changes only if the approver rejects it.");

    /// <summary>
    /// The frame of every command (replay, role, the change, one write) with the order's own record of it: the change returns its
    /// audit line, which goes into the order's history and the audit trail.
    /// </summary>
    private async Task<Outcome<OemOrderView>> Command(string name, string? operationId, object?[] arguments, StaffRole[] roles, string action,
        Func<DateTimeOffset, Task<Outcome<string>>> change, bool mayCreate = false)
    {
        var now = clock.GetUtcNow();
        var what = "";
        return await Common.Command.Run<OemOrderState, OemOrderView>(state, operations,
            new CommandSpec(Key.StoreId, name, operationId, arguments, action, roles),
            () => state.State.Order is null && !mayCreate ? Problem.NotFound($"OEM order '{Month}'") : null,
            async () =>
            {
                var outcome = await change(now);
                if (!outcome.IsOk)
                {
                    return outcome.Problem!;
                }

                what = outcome.Value!;
                var order = state.State.Order!;
                var entry = new OemOrderEvent(now, Audit.Who, what);
                state.State.Order = order with { History = [.. order.History.TakeLast(HistoryKept - 1), entry], Revision = order.Revision + 1 };
                state.State.Pending.Add(new AuditRow(await storeGroups.GroupOf(Key.StoreId) ?? "", Key.StoreId, "oem-order", Month, now, entry.By, what));
                return state.State.Order;
            },
            order => StoreFeed.Publish(GrainFactory, Key.StoreId, now, "oem-order", Month, $"OEM order {Month}: {what}",
                new Dictionary<string, string> { ["month"] = Month, ["status"] = order.Status.ToString() }));
    }
}
