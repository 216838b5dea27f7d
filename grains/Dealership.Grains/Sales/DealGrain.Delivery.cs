using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Grains.Common;
using Dealership.Grains.Partners;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Tasks;
using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Sales;

/// <summary>The deal's delivery: the slot, the technician's PDI, the consultant's checks and the handover.</summary>
public sealed partial class DealGrain
{
    /// <summary>Follow-up calls after a delivery, in days after the handover.</summary>
    public static readonly int[] FollowUpCallDays = [1, 7];

    /// <summary>The technicians' task to inspect a deal's car before its handover.</summary>
    public const string PdiTaskKind = "pdi";

    public Task<Outcome<DealView>> ScheduleHandover(DateTimeOffset slot, string? operationId) =>
        Command(nameof(ScheduleHandover), operationId, [slot], RoleSets.SalesFloor, "book a handover", async now =>
        {
            var s = state.State;
            if (s.Status is not (DealStatus.Signed or DealStatus.Invoiced))
            {
                return Problem.Conflict("illegal-transition", $"A handover is booked on a signed deal; this one is {s.Status}.");
            }

            if (slot <= now || slot > now.AddDays(180))
            {
                return Problem.Invalid("slot", "must be in the future (within 180 days).");
            }

            s.Delivery = s.Delivery with { Slot = slot };
            await AskForPdi(now);
            return $"handover booked for {slot:yyyy-MM-dd HH:mm zzz}";
        });

    public async Task<Outcome<PdiSheet>> GetPdiSheet()
    {
        if (Roles.Refused("read a PDI sheet", RoleSets.PdiReaders) is { } refused)
        {
            return refused;
        }

        if (!Visible())
        {
            return NotFound();
        }

        var s = state.State;
        var lead = s.Delivery.Slot is null ? 0 : await PdiLeadTimeHours();
        return new PdiSheet(Key.DealId, s.Status, Terms.Model, Terms.Trim, Terms.Colour, s.Vin, s.Delivery.Slot, s.Delivery.Slot?.AddHours(-lead),
            Delivery.PdiChecklist, s.Delivery.Pdi, s.ConsultantId);
    }

    private async Task<int> PdiLeadTimeHours() =>
        Math.Max((await StoreFacts.Store(GrainFactory, Key.StoreId))!.Policies.PdiLeadTimeHours, StorePolicies.MinPdiLeadTimeHours);

    /// <summary>
    /// Once a signed deal has both a car and a handover slot, the technicians get its PDI as a task, due the lead time before the slot.
    /// One task per car and slot: a new car or a new slot closes the old task and opens another.
    /// </summary>
    private async Task AskForPdi(DateTimeOffset now)
    {
        var s = state.State;
        if (s.Vin is not { } vin || s.Delivery is not { Slot: { } slot, Pdi: null } || s.Status is not (DealStatus.Signed or DealStatus.Invoiced))
        {
            return;
        }

        var source = $"{Key.DealId}:{PdiTaskKind}:{vin}@{slot.UtcTicks}";
        s.Pending.Add(new PdiTasksDoneRow(Key.StoreId, Key.DealId, source, now, Audit.Who, "handover car or slot changed"));
        await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Add(new TaskDraft(source, PdiTaskKind,
            $"PDI of {Terms.Model} {Terms.Trim} {Terms.Colour} ({vin}) before the handover at {slot:yyyy-MM-dd HH:mm zzz}", null, StaffRole.Technician,
            slot.AddHours(-await PdiLeadTimeHours()),
            new Dictionary<string, string> { ["dealId"] = Key.DealId, ["vin"] = vin, ["slot"] = slot.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }));
    }

    public Task<Outcome<DealView>> SignPdi(IReadOnlyList<PdiItem> items, int mileage, string? operationId) =>
        Command(nameof(SignPdi), operationId, [items, mileage], RoleSets.Technician, "sign a PDI", now =>
        {
            var s = state.State;
            if (s.Status is not (DealStatus.Signed or DealStatus.Invoiced))
            {
                return Done(Problem.Conflict("illegal-transition", $"The PDI is done on a signed deal; this one is {s.Status}."));
            }

            if (s.Vin is null)
            {
                return Done(Problem.Refused("no-vehicle", "No car is allocated to inspect."));
            }

            var errors = new FieldErrors().Range("mileage", mileage, 0, 1_000);
            items ??= [];
            var missing = Delivery.PdiChecklist.Where(c => !items.Any(i => i is not null && string.Equals(i.Name, c, StringComparison.OrdinalIgnoreCase))).ToList();
            if (missing.Count > 0 || items.Count != Delivery.PdiChecklist.Count)
            {
                errors.Add("items", $"must cover exactly the checklist: {string.Join(", ", Delivery.PdiChecklist)}" +
                    (missing.Count > 0 ? $" (missing: {string.Join(", ", missing)})." : "."));
            }

            for (var i = 0; i < items.Count; i++)
            {
                errors.MaxLength($"items[{i}].note", items[i]?.Note, 200);
            }

            if (errors.Any)
            {
                return Done(Problem.Invalid(errors));
            }

            if (items.Where(i => !i.Passed).Select(i => i.Name).ToList() is { Count: > 0 } failed)
            {
                return Done(Problem.Refused("pdi-failed", $"The PDI is signed only when every item passes; failed: {string.Join(", ", failed)}."));
            }

            s.Delivery = s.Delivery with { Pdi = new PdiRecord(now, Audit.Who, items, mileage, s.Vin) };
            s.Pending.Add(new PdiTasksDoneRow(Key.StoreId, Key.DealId, null, now, Audit.Who, $"PDI signed at {mileage} km"));
            return Done($"PDI signed on {s.Vin} at {mileage} km");
        });

    public Task<Outcome<DealView>> ConfirmDeliveryChecks(bool configurationMatchesContract, bool warrantyExplained, bool maintenanceExplained,
        string? operationId) =>
        Command(nameof(ConfirmDeliveryChecks), operationId, [configurationMatchesContract, warrantyExplained, maintenanceExplained], RoleSets.SalesFloor,
            "confirm delivery checks", now =>
            {
                var s = state.State;
                var errors = new FieldErrors();
                if (!configurationMatchesContract)
                {
                    errors.Add("configurationMatchesContract", "must be confirmed: the car is configured as the contract says.");
                }

                if (!warrantyExplained)
                {
                    errors.Add("warrantyExplained", "must be confirmed: the warranty terms were explained.");
                }

                if (!maintenanceExplained)
                {
                    errors.Add("maintenanceExplained", "must be confirmed: the maintenance schedule was explained.");
                }

                if (errors.Any)
                {
                    return Done(Problem.Invalid(errors));
                }

                if (s.Status is not (DealStatus.Signed or DealStatus.Invoiced) || s.Vin is null)
                {
                    return Done(Problem.Conflict("illegal-transition", "Delivery checks are made on a signed deal with a car allocated."));
                }

                s.Delivery = s.Delivery with { Checks = new DeliveryChecks(true, true, true, now, Audit.Who) };
                return Done("configuration checked against the contract; warranty and maintenance terms explained");
            });

    public Task<Outcome<DealView>> StartHandover(string? operationId) =>
        Command(nameof(StartHandover), operationId, [], RoleSets.SalesFloor, "hand over cars", async now =>
        {
            var s = state.State;
            if (s.Delivery.StartedAt is not null && s.Status == DealStatus.Invoiced)
            {
                return "handover already started";
            }

            if (HandoverRefusals(await PdiLeadTimeHours()) is { Count: > 0 } reasons)
            {
                return Problem.Refused("handover-refused", "Handover refused: " + string.Join("; ", reasons) + ".");
            }

            await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, s.ConsultantId))
                .BeginWork(ConsultantStatus.Delivering, Key.DealId, onlyIfAvailable: false);
            s.Delivery = s.Delivery with { StartedAt = now };
            return "handover started";
        });

    public Task<Outcome<DealView>> CompleteHandover(string? operationId) =>
        Command(nameof(CompleteHandover), operationId, [], RoleSets.SalesFloor, "hand over cars", async now =>
        {
            var s = state.State;
            if (s.Status != DealStatus.Invoiced || s.Delivery.StartedAt is null)
            {
                return Problem.Conflict("illegal-transition", $"Start the handover first (the deal is {s.Status}).");
            }

            // The car leaves stock: a SaleOut entry in the store's ledger, made by the car's own grain.
            var car = Car(await Group(), s.Vin!);
            var delivered = await car.Deliver(Key.StoreId, Key.DealId);
            if (!delivered.IsOk && !await AlreadyMoved(car, VehicleStatus.Delivered))
            {
                return delivered.Problem!;
            }

            s.Delivery = s.Delivery with { HandedOverAt = now, HandedOverBy = Audit.Who };
            s.Status = DealStatus.Delivered;
            s.Pending.Add(PartnerEvents.Of(groupId, Key.StoreId, WebhookEventTypes.VehicleDelivered, s.Vin!, now, new
            {
                dealId = Key.DealId,
                vin = s.Vin,
                customerId = s.CustomerId,
                Terms.Model,
                Terms.Trim,
                Terms.Colour,
                deliveredAt = now,
            }, new { name = s.CustomerName }));
            await Count(SalesFactKind.Delivery, now);
            var tasks = GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId));
            foreach (var day in FollowUpCallDays)
            {
                await tasks.Add(new TaskDraft($"{Key.DealId}:follow-up-day-{day}", AfterSale.FollowUpCallGrain.TaskKind,
                    $"Follow-up call to {s.CustomerName}, day {day} after delivery of {Terms.Model} {Terms.Trim} ({s.Vin})",
                    null, StaffRole.CustomerServiceCaller, now.AddDays(day),
                    new Dictionary<string, string> { ["dealId"] = Key.DealId, ["customerId"] = s.CustomerId!, ["vin"] = s.Vin! }));
            }

            await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, s.ConsultantId)).EndWork(Key.DealId, ConsultantStatus.Available);
            return $"handed over: {s.Vin} left stock; follow-up calls on day {string.Join(" and ", FollowUpCallDays)} for customer service";
        });

    /// <summary>Every reason the car may not be handed over yet (none: go ahead).</summary>
    private List<string> HandoverRefusals(int pdiLeadTimeHours)
    {
        var s = state.State;
        var reasons = new List<string>();
        if (s.Status is not (DealStatus.Signed or DealStatus.Invoiced))
        {
            reasons.Add($"the deal is {s.Status}, not signed");
            return reasons;
        }

        if (s.Vin is null)
        {
            reasons.Add("no car is allocated");
        }

        // Every unmet condition at once, so the consultant fixes them in one go.
        if (s.Delivery.Slot is null)
        {
            reasons.Add("no handover slot is booked");
        }

        if (s.Delivery.Pdi is not { } pdi)
        {
            reasons.Add("the PDI is not signed");
        }
        else if (pdi.Vin != s.Vin)
        {
            // A PDI signed before its VIN was recorded, or on another car, says nothing about this one.
            reasons.Add($"the PDI was not made on {s.Vin} (sign it on this car)");
        }
        else if (s.Delivery.Slot is { } slot && pdi.SignedAt > slot.AddHours(-pdiLeadTimeHours))
        {
            reasons.Add($"the PDI was signed {(slot - pdi.SignedAt).TotalHours:0.#} h before the slot; the store requires at least {pdiLeadTimeHours} h (rebook the slot)");
        }

        if (PaymentShortfall() is { } shortfall)
        {
            reasons.Add(shortfall.TrimEnd('.').ToLowerInvariant()[..1] + shortfall.TrimEnd('.')[1..]);
        }

        if (s.Invoice is null)
        {
            reasons.Add("the sales invoice is not issued");
        }

        if (s.Delivery.Checks is null)
        {
            reasons.Add("configuration, warranty and maintenance are not confirmed with the customer");
        }

        return reasons;
    }
}
