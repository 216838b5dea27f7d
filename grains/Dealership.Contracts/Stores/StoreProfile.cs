using Dealership.Contracts.Common;

namespace Dealership.Contracts.Stores;

/// <summary>What a store is called, what it sells and where it is.</summary>
[GenerateSerializer, Immutable, Alias("StoreProfile")]
public sealed record StoreProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string Brand,
    [property: Id(2)] string TimeZoneId,
    [property: Id(3)] string? Address = null,
    [property: Id(4)] string? Phone = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("name", Name, 100)
            .Required("brand", Brand, 60)
            .MaxLength("address", Address, 200)
            .MaxLength("phone", Phone, 30);
        if (string.IsNullOrWhiteSpace(TimeZoneId))
        {
            errors.Add("timeZoneId", "is required.");
        }
        else if (!StoreClock.TryFindZone(TimeZoneId, out _))
        {
            errors.Add("timeZoneId", "is not a known IANA time zone (e.g. Asia/Shanghai).");
        }

        return errors;
    }
}
