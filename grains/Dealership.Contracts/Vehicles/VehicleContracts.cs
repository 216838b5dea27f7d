using Dealership.Contracts.Common;

namespace Dealership.Contracts.Vehicles;

/// <summary>Where a car is in its life at the dealership (DOMAIN workflow 6). Demo is a flag, not a state.</summary>
public enum VehicleStatus
{
    Ordered = 1,
    InTransit = 2,
    InStock = 3,
    Reserved = 4,
    Sold = 5,
    Delivered = 6,
    TransferredOut = 7,
}

/// <summary>Where the certificate of conformity (合格证) is kept.</summary>
public enum CertificateLocation
{
    NotYetReceived = 0,
    InSafe = 1,
    WithFloorPlanBank = 2,
    HandedToCustomer = 3,
}

/// <summary>Kinds of stock ledger entry (入库/出库); stock is what the ledger says, never an edit.</summary>
public enum LedgerEntryType
{
    Receipt = 1,
    TransferOut = 2,
    TransferIn = 3,
    SaleOut = 4,
    Return = 5,
    Correction = 6,
}

/// <summary>Floor-plan credit (库存融资) on a car: who lent and when it must be repaid.</summary>
[GenerateSerializer, Immutable, Alias("FloorPlan")]
public sealed record FloorPlan([property: Id(0)] string Lender, [property: Id(1)] DateOnly DueDate);

/// <summary>A car to register in a store: what it is, what it cost, and where it is now.</summary>
[GenerateSerializer, Immutable, Alias("NewVehicle")]
public sealed record NewVehicle(
    [property: Id(0)] string Vin,
    [property: Id(1)] string Model,
    [property: Id(2)] string Trim,
    [property: Id(3)] string Colour,
    [property: Id(4)] decimal Cost,
    [property: Id(5)] VehicleStatus Status,
    [property: Id(6)] bool Demo = false,
    [property: Id(7)] CertificateLocation Certificate = CertificateLocation.NotYetReceived,
    [property: Id(8)] FloorPlan? FloorPlan = null,
    [property: Id(9)] DateTimeOffset? InStockSince = null)
{
    /// <summary>How far back an opening balance may date a car's arrival.</summary>
    public const int OpeningBalanceMaxDays = 3650;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("model", Model, 60)
            .Required("trim", Trim, 60)
            .Required("colour", Colour, 40)
            .Range("cost", Cost, 0.01m, 100_000_000m);
        if (Vehicles.Vin.Problem(Vin) is { } vinProblem)
        {
            errors.Add("vin", vinProblem);
        }

        if (Status is not (VehicleStatus.Ordered or VehicleStatus.InTransit or VehicleStatus.InStock))
        {
            errors.Add("status", "a new car is Ordered, InTransit or InStock.");
        }

        if (!Enum.IsDefined(Certificate))
        {
            errors.Add("certificate", "is not a known location.");
        }

        if (FloorPlan is not null)
        {
            errors.Required("floorPlan.lender", FloorPlan.Lender, 80);
        }

        if (decimal.Round(Cost, 2) != Cost)
        {
            errors.Add("cost", "must have at most 2 decimal places.");
        }

        if (InStockSince is not null && Status != VehicleStatus.InStock)
        {
            errors.Add("inStockSince", "is given only for a car registered in stock (an opening balance).");
        }

        return errors;
    }
}

/// <summary>A live reservation of a car for one deal (配车).</summary>
[GenerateSerializer, Immutable, Alias("Reservation")]
public sealed record Reservation(
    [property: Id(0)] string DealId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By);

/// <summary>One line of a car's history: a state change or a stock movement, with who and when.</summary>
[GenerateSerializer, Immutable, Alias("VehicleEvent")]
public sealed record VehicleEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string What,
    [property: Id(3)] VehicleStatus? From,
    [property: Id(4)] VehicleStatus? To,
    [property: Id(5)] LedgerEntryType? Ledger,
    [property: Id(6)] string StoreId);

[GenerateSerializer, Immutable, Alias("VehicleView")]
public sealed record VehicleView(
    [property: Id(0)] string Vin,
    [property: Id(1)] string GroupId,
    [property: Id(2)] string StoreId,
    [property: Id(3)] string Model,
    [property: Id(4)] string Trim,
    [property: Id(5)] string Colour,
    [property: Id(6)] decimal Cost,
    [property: Id(7)] VehicleStatus Status,
    [property: Id(8)] bool Demo,
    [property: Id(9)] CertificateLocation Certificate,
    [property: Id(10)] FloorPlan? FloorPlan,
    [property: Id(11)] Reservation? Reservation,
    [property: Id(12)] DateTimeOffset? InStockSince,
    [property: Id(13)] int Revision,
    [property: Id(14)] string? OnTestDrive = null,
    [property: Id(15)] DateTimeOffset? ArrivedInGroup = null);

/// <summary>
/// A move a clerk makes on a car by hand. Selling and delivering are not among them: only a deal moves a car to Sold (its
/// invoice) and Delivered (its handover), so no car leaves stock without an invoice and its payment.
/// </summary>
public enum VehicleMove
{
    /// <summary>Ordered → InTransit: the OEM has shipped it.</summary>
    Ship = 1,

    /// <summary>InTransit → InStock: received at the store (a Receipt ledger entry).</summary>
    Receive = 2,

    /// <summary>Delivered → InStock: the customer returned the car (退车; a Return ledger entry).</summary>
    Return = 5,
}

/// <summary>One line of a store's vehicle list.</summary>
[GenerateSerializer, Immutable, Alias("VehicleSummary")]
public sealed record VehicleSummary(
    [property: Id(0)] string Vin,
    [property: Id(1)] string Model,
    [property: Id(2)] string Trim,
    [property: Id(3)] string Colour,
    [property: Id(4)] VehicleStatus Status,
    [property: Id(5)] bool Demo,
    [property: Id(6)] DateTimeOffset? InStockSince,
    [property: Id(7)] int Revision,
    [property: Id(8)] CertificateLocation Certificate = CertificateLocation.NotYetReceived,
    [property: Id(9)] FloorPlan? FloorPlan = null,
    [property: Id(10)] DateTimeOffset? ArrivedInGroup = null);
