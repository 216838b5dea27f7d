namespace Dealership.Contracts.Sales;

/// <summary>
/// What the technician needs for a car's pre-delivery inspection: the car, the handover it is for, the checklist and, once signed, the
/// record. No money and no customer contact: the technician does not read deals.
/// </summary>
[GenerateSerializer, Immutable, Alias("PdiSheet")]
public sealed record PdiSheet(
    [property: Id(0)] string DealId,
    [property: Id(1)] DealStatus Status,
    [property: Id(2)] string Model,
    [property: Id(3)] string Trim,
    [property: Id(4)] string Colour,
    [property: Id(5)] string? Vin,
    [property: Id(6)] DateTimeOffset? HandoverSlot,
    [property: Id(7)] DateTimeOffset? SignBy,
    [property: Id(8)] IReadOnlyList<string> Checklist,
    [property: Id(9)] PdiRecord? Pdi,
    [property: Id(10)] string ConsultantId);
