using Dealership.Contracts.Common;

namespace Dealership.Contracts.Service;

/// <summary>What ends a car's basic warranty first.</summary>
public enum WarrantyBasis
{
    /// <summary>Its years from delivery run out first.</summary>
    Time = 1,

    /// <summary>Its kilometres, at the car's pace, run out first.</summary>
    Distance = 2,
}

/// <summary>An extended warranty (延保) sold for a car, at the selling store's price of the day.</summary>
[GenerateSerializer, Immutable, Alias("ExtendedWarranty")]
public sealed record ExtendedWarranty(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateTimeOffset SoldAt,
    [property: Id(2)] string SoldBy,
    [property: Id(3)] int Years,
    [property: Id(4)] int Km,
    [property: Id(5)] decimal Price,
    [property: Id(6)] DateOnly EndsOn,
    [property: Id(7)] int EndsKm);

/// <summary>
/// A car's warranty: the basic warranty of its model's plan from its delivery (years or kilometres, whichever first; the date the
/// kilometres run out is estimated from the car's pace), any extended warranty sold for it, and whether the store may offer one now.
/// </summary>
/// <param name="BasicEndsOn">When the basic warranty ends (null when the group never delivered the car: its start is unknown).</param>
/// <param name="BasicEndsKm">The basic warranty's distance.</param>
/// <param name="Basis">Whether time or distance ends it first.</param>
/// <param name="InForce">Whether the car is under warranty today (basic or extended).</param>
/// <param name="Extended">The extended warranty sold for the car, if any.</param>
/// <param name="Offer">The extension this store sells, while the car may still have it (under basic warranty, not yet extended).</param>
[GenerateSerializer, Immutable, Alias("CarWarranty")]
public sealed record CarWarranty(
    [property: Id(0)] DateOnly? BasicEndsOn,
    [property: Id(1)] int? BasicEndsKm,
    [property: Id(2)] WarrantyBasis? Basis,
    [property: Id(3)] bool InForce,
    [property: Id(4)] ExtendedWarranty? Extended,
    [property: Id(5)] Stores.ExtendedWarrantyOffer? Offer);

/// <summary>One visit of the car to a workshop of the group.</summary>
[GenerateSerializer, Immutable, Alias("CarVisit")]
public sealed record CarVisit(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string RepairOrderId,
    [property: Id(2)] DateTimeOffset OpenedAt,
    [property: Id(3)] int Odometer,
    [property: Id(4)] RepairOrderStatus Status);

/// <summary>How a call before the warranty's end went.</summary>
public enum WarrantyCallOutcome
{
    /// <summary>The customer took the store's extended warranty: it is sold with the call, at the store's price.</summary>
    Extended = 1,

    /// <summary>Reached, and not taking it (the reason is kept); not called again before this warranty ends.</summary>
    Declined = 2,

    /// <summary>Not reached: tried again another day, three times at most.</summary>
    Unreachable = 3,
}

/// <summary>A call before the warranty's end as the caller records it.</summary>
/// <param name="Outcome">Extended, Declined or Unreachable.</param>
/// <param name="Reason">For Declined: why.</param>
[GenerateSerializer, Immutable, Alias("WarrantyCallDraft")]
public sealed record WarrantyCallDraft(
    [property: Id(0)] WarrantyCallOutcome Outcome,
    [property: Id(1)] string? Reason = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().MaxLength("reason", Reason, 200);
        if (!Enum.IsDefined(Outcome))
        {
            errors.Add("outcome", "must be Extended, Declined or Unreachable.");
        }
        else if (Outcome == WarrantyCallOutcome.Declined && string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add("reason", "is required when the customer declined.");
        }

        return errors;
    }
}

/// <summary>A call about a car's warranty, with who and when.</summary>
[GenerateSerializer, Immutable, Alias("WarrantyCall")]
public sealed record WarrantyCall(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] WarrantyCallOutcome Outcome,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateOnly EndsOn);

/// <summary>
/// A car's after-sales record as the desk reads it: the car and its customer (mobile masked), its next service, its warranty,
/// its visits to the group's workshops (newest first, the last 20) and the calls about its warranty. <see cref="CustomerId"/> names the
/// customer as this store knows them (null when another store of the group does), for recording what they buy here.
/// </summary>
[GenerateSerializer, Immutable, Alias("CarRecord")]
public sealed record CarRecord(
    [property: Id(0)] string Vin,
    [property: Id(1)] string? Model,
    [property: Id(2)] string? Plate,
    [property: Id(3)] string CustomerName,
    [property: Id(4)] string MaskedMobile,
    [property: Id(5)] DateTimeOffset? DeliveredAt,
    [property: Id(6)] NextServiceDue NextService,
    [property: Id(7)] CarWarranty Warranty,
    [property: Id(8)] IReadOnlyList<CarVisit> Visits,
    [property: Id(9)] IReadOnlyList<WarrantyCall> WarrantyCalls,
    [property: Id(10)] string? CustomerId = null);

/// <summary>A car whose basic warranty ends within the store's reminder window: the customer is called to have faults seen to in time.</summary>
[GenerateSerializer, Immutable, Alias("WarrantyReminder")]
public sealed record WarrantyReminder(
    [property: Id(0)] string Vin,
    [property: Id(1)] string? Plate,
    [property: Id(2)] string? Model,
    [property: Id(3)] string CustomerName,
    [property: Id(4)] string MaskedMobile,
    [property: Id(5)] DateOnly EndsOn,
    [property: Id(6)] int EndsKm,
    [property: Id(7)] WarrantyBasis Basis,
    [property: Id(8)] int DaysLeft,
    [property: Id(9)] int UnreachableAttempts);

/// <summary>
/// Cars' warranties at a store: the car's record, the list of cars whose basic warranty ends soon, the calls about them and
/// extended warranties sold at the store's price. SQL over the day's computed cars (with their next services). Key: <see cref="GrainKeys.Store"/>.
/// </summary>
[Alias("IWarrantyGrain")]
public interface IWarrantyGrain : IGrainWithStringKey
{
    /// <summary>The car's record (404 when this store never sold or serviced it, or no plan covers it).</summary>
    [Alias("CarRecord")]
    Task<Outcome<CarRecord>> CarRecord(string vin);

    /// <summary>Cars this store reminds whose basic warranty ends within its window, soonest first.</summary>
    [Alias("Reminders")]
    Task<Outcome<Page<WarrantyReminder>>> Reminders(PageRequest page);

    [Alias("RecordCall")]
    Task<Outcome<CarRecord>> RecordCall(string vin, WarrantyCallDraft draft, string? operationId);

    /// <summary>Sell the store's extended warranty for the car, at its price of the day.</summary>
    [Alias("SellExtension")]
    Task<Outcome<CarRecord>> SellExtension(string vin, string? operationId);
}
