using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;

namespace Dealership.Contracts.Vehicles;

/// <summary>A consultant books a demo car for a customer's test drive at a time; no two bookings of one car overlap.</summary>
[GenerateSerializer, Immutable, Alias("NewTestDriveBooking")]
public sealed record NewTestDriveBooking(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] string? ConsultantId = null,
    [property: Id(4)] string? Note = null)
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(4);

    /// <summary>How far ahead a drive may be booked.</summary>
    public const int MaxDaysAhead = 60;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors().MaxLength("note", Note, 200);
        if (!PersonalData.IsCustomerId(CustomerId))
        {
            errors.Add("customerId", "is not a customer id.");
        }

        if (ConsultantId is not null)
        {
            errors.Id("consultantId", ConsultantId);
        }

        if (Start == default)
        {
            errors.Add("start", "is required.");
        }

        if (End - Start < Shortest || End - Start > Longest)
        {
            errors.Add("end", $"must be {Shortest.TotalMinutes:0} minutes to {Longest.TotalHours:0} hours after the start.");
        }

        return errors;
    }
}

/// <summary>A booked test-drive slot on one car; cancelled bookings stay on record with who and when.</summary>
[GenerateSerializer, Immutable, Alias("TestDriveBooking")]
public sealed record TestDriveBooking(
    [property: Id(0)] string BookingId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string Vin,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] string? ConsultantId,
    [property: Id(5)] DateTimeOffset Start,
    [property: Id(6)] DateTimeOffset End,
    [property: Id(7)] string? Note,
    [property: Id(8)] DateTimeOffset BookedAt,
    [property: Id(9)] string BookedBy,
    [property: Id(10)] DateTimeOffset? CancelledAt = null,
    [property: Id(11)] string? CancelledBy = null);
