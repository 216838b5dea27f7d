using Dealership.Contracts.Common;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Dealership.Contracts.Staff;

namespace Dealership.Grains.Vehicles;

public sealed class ShipmentState
{
    public string? Fingerprint { get; set; }
    public ShipmentReport? Report { get; set; }
}

/// <summary>
/// Receives an OEM shipment car by car. Each car is its own grain and its own write, so one refused VIN never stops the
/// others and no car is ever half received. If the process dies part-way, receiving the shipment again finishes it:
/// cars already received under this shipment number answer as received without a second write.
/// </summary>
public sealed class ShipmentGrain(
    [PersistentState("shipment", GrainsSetup.StorageName)] IPersistentState<ShipmentState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IShipmentGrain, IScopedGrain
{
    private (string StoreId, string Number) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<ShipmentReport>> Receive(string groupId, NewShipment shipment)
    {
        var errors = shipment.Validate();
        if (shipment.ShipmentNumber != Key.Number)
        {
            errors.Add("shipmentNumber", "does not match the shipment's key.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("receive shipments", RoleSets.StockKeepers) is { } refused)
        {
            return refused;
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Receive), shipment.ShipmentNumber, shipment.Lines);
        if (state.State.Report is { } done)
        {
            return state.State.Fingerprint == fingerprint
                ? done
                : Problem.Conflict("shipment-exists", $"Shipment {Key.Number} was already received with other cars.");
        }

        if (Scope.Check(groupId, Key.StoreId) is not null || await storeGroups.GroupOf(Key.StoreId) != groupId)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        var results = await Task.WhenAll(shipment.Lines.Select(async (line, i) =>
        {
            // A line written wrongly is that line's refusal, with the VIN as typed; it touches no car.
            if (shipment.LineProblem(i) is { } problem)
            {
                return new ShipmentLineResult(line.Vin ?? "", false, "invalid-line", problem);
            }

            var car = GrainFactory.GetGrain<IVehicleGrain>(GrainKeys.InGroup(groupId, line.Vin));
            var outcome = await car.ReceiveFromShipment(Key.StoreId, Key.Number, line);
            return new ShipmentLineResult(line.Vin, outcome.IsOk, outcome.Problem?.Code, outcome.Problem?.Detail);
        }));

        if (results.All(r => !r.Received))
        {
            // Nothing was received: nothing is kept, so the corrected delivery note can be received under the same number.
            return new Problem(ProblemKind.Refused, "shipment-refused", $"No car of shipment {Key.Number} could be received.",
                results.Select((r, i) => (Field: $"lines[{i}].vin", Reason: $"{r.Vin}: {r.Code} — {r.Detail}"))
                    .ToDictionary(e => e.Field, e => new[] { e.Reason }));
        }

        var report = new ShipmentReport(Key.StoreId, Key.Number, clock.GetUtcNow(), Audit.Who,
            results.Count(r => r.Received), results.Count(r => !r.Received), results);
        state.State.Fingerprint = fingerprint;
        state.State.Report = report;
        await state.WriteStateAsync();
        return report;
    }

    public Task<Outcome<ShipmentReport>> Get() =>
        Task.FromResult(state.State.Report is { } report ? report : (Outcome<ShipmentReport>)Problem.NotFound($"Shipment {Key.Number}"));
}
