using System.Text.RegularExpressions;
using Dealership.Contracts.Common;

namespace Dealership.Contracts.Vehicles;

/// <summary>What the receiving inspection (入库验收) found on a car.</summary>
public enum Inspection
{
    Ok = 1,
    Damaged = 2,
}

/// <summary>One car on an OEM delivery note.</summary>
[GenerateSerializer, Immutable, Alias("ShipmentLine")]
public sealed record ShipmentLine(
    [property: Id(0)] string Vin,
    [property: Id(1)] string Model,
    [property: Id(2)] string Trim,
    [property: Id(3)] string Colour,
    [property: Id(4)] decimal Cost,
    [property: Id(5)] Inspection Inspection,
    [property: Id(6)] string? DamageNote = null,
    [property: Id(7)] FloorPlan? FloorPlan = null)
{
    public FieldErrors Validate()
    {
        var errors = new NewVehicle(Vin, Model, Trim, Colour, Cost, VehicleStatus.InStock, FloorPlan: FloorPlan).Validate()
            .MaxLength("damageNote", DamageNote, 200);
        if (!Enum.IsDefined(Inspection))
        {
            errors.Add("inspection", "must be Ok or Damaged.");
        }
        else if (Inspection == Inspection.Damaged && string.IsNullOrWhiteSpace(DamageNote))
        {
            errors.Add("damageNote", "say what is damaged.");
        }

        return errors;
    }
}

/// <summary>An OEM delivery: many cars received in one action.</summary>
[GenerateSerializer, Immutable, Alias("NewShipment")]
public sealed partial record NewShipment(
    [property: Id(0)] string ShipmentNumber,
    [property: Id(1)] IReadOnlyList<ShipmentLine> Lines)
{
    public const int MaxLines = 200;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    public static bool IsShipmentNumber(string? number) => number is not null && NumberPattern().IsMatch(number);

    /// <summary>
    /// What makes the request malformed as a whole (a 400): the shipment number, the number of lines, a missing line. A line's
    /// own faults are that line's refusal (<see cref="LineProblem"/>): the other cars are still received.
    /// </summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (!IsShipmentNumber(ShipmentNumber))
        {
            errors.Add("shipmentNumber", "must be 2-40 characters: capital letters, digits and '-'.");
        }

        var lines = Lines ?? [];
        if (lines.Count is 0 or > MaxLines)
        {
            errors.Add("lines", $"must list 1 to {MaxLines} cars.");
            return errors;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is null)
            {
                errors.Add($"lines[{i}]", "is required.");
            }
        }

        return errors;
    }

    /// <summary>Why line <paramref name="index"/> cannot be received as written (its fields, or a VIN named earlier), or null.</summary>
    public string? LineProblem(int index)
    {
        var line = Lines[index];
        var faults = line.Validate().ToDictionary();
        if (faults.Count > 0)
        {
            return string.Join("; ", faults.Select(f => $"{f.Key} {string.Join(" ", f.Value)}"));
        }

        return Lines.Take(index).Any(l => l?.Vin == line.Vin) ? "vin appears earlier in this shipment." : null;
    }
}

/// <summary>What happened to one car of a shipment.</summary>
[GenerateSerializer, Immutable, Alias("ShipmentLineResult")]
public sealed record ShipmentLineResult(
    [property: Id(0)] string Vin,
    [property: Id(1)] bool Received,
    [property: Id(2)] string? Code,
    [property: Id(3)] string? Detail);

/// <summary>The receipt of a shipment, per VIN, with who received it and when.</summary>
[GenerateSerializer, Immutable, Alias("ShipmentReport")]
public sealed record ShipmentReport(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string ShipmentNumber,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] string ReceivedBy,
    [property: Id(4)] int ReceivedCount,
    [property: Id(5)] int RefusedCount,
    [property: Id(6)] IReadOnlyList<ShipmentLineResult> Lines);

/// <summary>One OEM shipment received at a store. Key: <see cref="GrainKeys.InStore"/>(store, shipment number).</summary>
[Alias("IShipmentGrain")]
public interface IShipmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Receives every car of the shipment into stock (a Receipt ledger entry each, inspection noted). A line that cannot be
    /// received — a malformed VIN (<c>invalid-line</c>, naming the VIN as typed), a VIN named twice, a VIN already in the group
    /// (<c>vin-exists</c>) — is refused while the others are received; each car is received whole or not at all. When no car
    /// can be received the answer is 422 <c>shipment-refused</c> with each line's reason, and nothing is kept.
    /// Receiving the same shipment again returns the same report and changes nothing; another content under the same
    /// number is refused with <c>shipment-exists</c>.
    /// </summary>
    [Alias("Receive")]
    Task<Outcome<ShipmentReport>> Receive(string groupId, NewShipment shipment);

    [Alias("Get")]
    Task<Outcome<ShipmentReport>> Get();
}
