using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Vehicles;

/// <summary>
/// The car's lifecycle as one state machine (DOMAIN workflow 6):
/// ordered → in transit → in stock → reserved → sold → delivered. A reservation can be made on a car in
/// transit or in stock (配车); the physical state and the reservation are tracked apart, so a reserved car
/// that arrives is still reserved.
/// </summary>
public static class VehicleRules
{
    /// <summary>The state staff see: "reserved" while a deal holds a car that is in transit or in stock.</summary>
    public static VehicleStatus Visible(VehicleStatus physical, bool reserved) =>
        reserved && physical is VehicleStatus.InTransit or VehicleStatus.InStock ? VehicleStatus.Reserved : physical;

    /// <summary>The physical state after a clerk's move, or null if the move is not allowed from here.</summary>
    public static VehicleStatus? After(VehicleStatus physical, VehicleMove move) => (move, physical) switch
    {
        (VehicleMove.Ship, VehicleStatus.Ordered) => VehicleStatus.InTransit,
        (VehicleMove.Receive, VehicleStatus.InTransit) => VehicleStatus.InStock,
        (VehicleMove.Return, VehicleStatus.Delivered) => VehicleStatus.InStock,
        _ => null,
    };

    /// <summary>The stock ledger entry a clerk's move makes, if any: stock in on receipt and on a return.</summary>
    public static LedgerEntryType? LedgerEntry(VehicleMove move) => move switch
    {
        VehicleMove.Receive => LedgerEntryType.Receipt,
        VehicleMove.Return => LedgerEntryType.Return,
        _ => null,
    };

    /// <summary>Only the deal holding the car invoices it, and only once the car is in stock.</summary>
    public static bool CanSell(VehicleStatus physical, string? reservedFor, string dealId) =>
        physical == VehicleStatus.InStock && reservedFor == dealId;

    /// <summary>Only the deal that invoiced the car hands it over.</summary>
    public static bool CanDeliver(VehicleStatus physical, string? reservedFor, string dealId) =>
        physical == VehicleStatus.Sold && reservedFor == dealId;

    public static bool CanReserve(VehicleStatus physical) => physical is VehicleStatus.InTransit or VehicleStatus.InStock;

    public static bool CanRelease(VehicleStatus physical) => physical is VehicleStatus.InTransit or VehicleStatus.InStock;
}
