using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;

namespace Dealership.Contracts.Service;

public enum AppointmentStatus
{
    Booked = 1,

    /// <summary>The car came and its repair order is open.</summary>
    Arrived = 2,

    Cancelled = 3,
}

/// <summary>A service booking (预约): who, which car (VIN or plate), what is wrong, when they want to come, the labour it needs.</summary>
/// <param name="CustomerName">Whom the car belongs to.</param>
/// <param name="Mobile">11-digit mainland mobile, to confirm the booking.</param>
/// <param name="Vin">The car's VIN, or its plate, or both.</param>
/// <param name="Plate">The car's plate (e.g. 京A12345).</param>
/// <param name="Concern">What the customer says is wrong, or the service they want.</param>
/// <param name="WantedAt">When the customer wants to bring the car.</param>
/// <param name="ExpectedHours">Labour hours the job is expected to take (0.25-40).</param>
[GenerateSerializer, Immutable, Alias("NewAppointment")]
public sealed record NewAppointment(
    [property: Id(0)] string CustomerName,
    [property: Id(1)] string Mobile,
    [property: Id(2)] string? Vin,
    [property: Id(3)] string? Plate,
    [property: Id(4)] string Concern,
    [property: Id(5)] DateTimeOffset WantedAt,
    [property: Id(6)] decimal ExpectedHours)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("customerName", CustomerName, 60)
            .Required("concern", Concern, 500)
            .Range("expectedHours", ExpectedHours, 0.25m, 40m);
        CarOf.Check(errors, Vin, Plate);
        if (PersonalData.NormaliseMobile(Mobile) is null)
        {
            errors.Add("mobile", "must be an 11-digit mainland mobile number (1xx xxxx xxxx).");
        }

        if (WantedAt == default)
        {
            errors.Add("wantedAt", "is required.");
        }

        return errors;
    }
}

/// <summary>How a car is named at the service desk: its VIN, its plate, or both.</summary>
public static class CarOf
{
    /// <summary>A plate as the desk keeps it: trimmed, letters upper-case (京a12345 and 京A12345 are one car).</summary>
    public static string? Plate(string? plate) => string.IsNullOrWhiteSpace(plate) ? null : plate.Trim().ToUpperInvariant();

    public static FieldErrors Check(FieldErrors errors, string? vin, string? plate)
    {
        if (string.IsNullOrWhiteSpace(vin) && string.IsNullOrWhiteSpace(plate))
        {
            return errors.Add("vin", "give the car's VIN or its plate.");
        }

        if (!string.IsNullOrEmpty(vin) && Vehicles.Vin.Problem(vin) is { } problem)
        {
            errors.Add("vin", problem);
        }

        if (plate is not null && (plate.Length is < 5 or > 10 || plate.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            errors.Add("plate", "must be 5-10 characters without spaces (e.g. 京A12345).");
        }

        return errors;
    }
}

[GenerateSerializer, Immutable, Alias("AppointmentView")]
public sealed record AppointmentView(
    [property: Id(0)] string AppointmentId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] DateOnly Day,
    [property: Id(3)] DateTimeOffset SlotStarts,
    [property: Id(4)] DateTimeOffset EndsBy,
    [property: Id(5)] NewAppointment Booking,
    [property: Id(6)] AppointmentStatus Status,
    [property: Id(7)] bool WalkIn,
    [property: Id(8)] string? RepairOrderId,
    [property: Id(9)] DateTimeOffset BookedAt,
    [property: Id(10)] string BookedBy,
    [property: Id(11)] string? CancelReason,
    [property: Id(12)] int Revision);
