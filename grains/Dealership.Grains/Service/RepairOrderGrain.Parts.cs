using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Service;

namespace Dealership.Grains.Service;

/// <summary>
/// The parts of a repair order: held on the quote (预留), issued when the work starts, returned when not used. Each move names
/// the order, so the parts department sees what is held and issued for which car.
/// </summary>
public sealed partial class RepairOrderGrain
{
    private IPartsItemGrain Part(string partNumber) => GrainFactory.GetGrain<IPartsItemGrain>(GrainKeys.InStore(Key.StoreId, partNumber));

    /// <summary>
    /// Holds a quoted part line's units for this order. When the shelf has not enough, nothing is held (<c>reserved</c> 0): the
    /// order will wait for the part when work starts, and the planner sees the shortfall.
    /// </summary>
    private async Task<RepairLine> Hold(RepairLine line)
    {
        if (!state.State.HeldParts.Contains(line.PartNumber!))
        {
            state.State.HeldParts.Add(line.PartNumber!);
        }

        var held = await Part(line.PartNumber!).Reserve(Key.Id, (int)line.Quantity - line.Issued, $"{Key.Id}:hold:{line.Number}:{line.PartNumber}");
        return line with { Reserved = held.IsOk ? (int)line.Quantity - line.Issued : 0 };
    }

    /// <summary>
    /// Lets go of whatever this order still holds of every part it ever held, when the order ends (cancelled, or handed back with
    /// all its parts issued): nothing of it stays on the shelf's holds, whatever a failed call left behind.
    /// </summary>
    private async Task LetGoOfAll()
    {
        foreach (var partNumber in state.State.HeldParts)
        {
            var part = (await Part(partNumber).Get()).Value;
            if (part?.Reservations?.Any(r => r.RepairOrder == Key.Id) == true)
            {
                await Part(partNumber).Release(Key.Id, $"{Key.Id}:end:{partNumber}:{part.Revision}");
            }
        }
    }

    /// <summary>
    /// Brings each part's hold for this order from what <paramref name="before"/> held to what <paramref name="after"/> wants (a
    /// line removed, declined or called off holds nothing): the hold is let go and taken again at its new size.
    /// </summary>
    private async Task<RepairOrderView> LetGo(RepairOrderView before, RepairOrderView after)
    {
        var parts = before.Lines.Where(l => l.Kind == RepairLineKind.Part).Select(l => l.PartNumber!).Distinct().ToList();
        foreach (var partNumber in parts)
        {
            var had = before.Lines.Where(l => l.PartNumber == partNumber).Sum(l => l.Reserved);
            var want = after.Lines.Where(l => l.PartNumber == partNumber).Sum(l => l.Reserved);
            if (had == want)
            {
                continue;
            }

            var step = $"{Key.Id}:r{before.Revision}:{partNumber}";
            if (had > 0)
            {
                await Part(partNumber).Release(Key.Id, step + ":release");
            }

            if (want > 0 && !(await Part(partNumber).Reserve(Key.Id, want, step + ":hold")).IsOk)
            {
                after = after with { Lines = [.. after.Lines.Select(l => l.PartNumber == partNumber ? l with { Reserved = 0 } : l)] };
            }
        }

        return after;
    }

    /// <summary>
    /// Issues every approved part line's units not yet issued. A part the shelf cannot give puts the order to wait for parts; once
    /// all are issued the order is (again) in progress.
    /// </summary>
    private async Task<RepairOrderView> IssueApprovedParts(RepairOrderView order)
    {
        var lines = order.Lines.ToList();
        var short_ = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var need = (int)line.Quantity - line.Issued;
            if (line is not { Kind: RepairLineKind.Part, Status: RepairLineStatus.Approved } || need <= 0)
            {
                continue;
            }

            var moved = await Part(line.PartNumber!).Move(
                new PartsMovement(-need, PartsMovementReason.IssueToRepair, $"repair order {Key.Id} line {line.Number}", null, Key.Id),
                $"{Key.Id}:issue:{line.Number}:{line.Issued}");
            if (moved.IsOk)
            {
                lines[i] = line with { Issued = line.Issued + need, Reserved = Math.Max(0, line.Reserved - need) };
            }
            else
            {
                short_ = true;
            }
        }

        return order with
        {
            Lines = lines,
            Status = short_ ? RepairOrderStatus.WaitingForParts
                : order.Status is RepairOrderStatus.Approved or RepairOrderStatus.WaitingForParts ? RepairOrderStatus.InProgress : order.Status,
        };
    }

    public async Task<Outcome<RepairOrderView>> ReturnParts(int line, int quantity, string? operationId)
    {
        if (new FieldErrors().Range("quantity", quantity, 1, 1000) is { Any: true } errors)
        {
            return Problem.Invalid(errors);
        }

        return await Step(nameof(ReturnParts), operationId, [line, quantity], "return unused parts", Contracts.Staff.RoleSets.Workshop, async (order, now) =>
        {
            if (order.Lines.FirstOrDefault(l => l.Number == line) is not { Kind: RepairLineKind.Part } part)
            {
                return Problem.NotFound($"Part line {line}");
            }

            if (order.Status is not (RepairOrderStatus.InProgress or RepairOrderStatus.WaitingForParts or RepairOrderStatus.QualityCheck))
            {
                return Problem.Conflict("illegal-transition", $"Unused parts go back before the car is washed; this order is {order.Status}.");
            }

            if (quantity > part.Issued)
            {
                return Problem.Refused("return-exceeds-issue", $"Only {part.Issued} of {part.PartNumber} were issued to line {line}.");
            }

            var moved = await Part(part.PartNumber!).Move(
                new PartsMovement(quantity, PartsMovementReason.ReturnFromRepair, $"unused on repair order {Key.Id} line {line}", null, Key.Id),
                $"{Key.Id}:return:{line}:{part.Issued}");
            if (moved.Problem is { } problem)
            {
                return problem;
            }

            // What was returned is no longer to be issued either: the line now asks for what was used.
            var returned = part with { Issued = part.Issued - quantity, Quantity = part.Quantity - quantity };
            returned = returned with { Amount = Money(returned.Quantity * returned.UnitPrice) };
            return Stage(order with { Lines = [.. order.Lines.Select(l => l.Number == line ? returned : l)] }, now,
                $"line {line}: {quantity} × {part.PartNumber} returned unused");
        });
    }

    private static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
