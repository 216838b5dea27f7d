using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>What a consultant sends to start a test drive. The licence number is checked, stored, and only ever shown masked.</summary>
[GenerateSerializer, Immutable, Alias("NewTestDrive")]
public sealed record NewTestDrive(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Vin,
    [property: Id(2)] string LicenceNumber,
    [property: Id(3)] DateOnly LicenceExpiry,
    [property: Id(4)] int StartMileage,
    [property: Id(5)] string? ConsultantId)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Range("startMileage", StartMileage, 0, 2_000_000);
        if (!PersonalData.IsCustomerId(CustomerId))
        {
            errors.Add("customerId", "is not a customer id.");
        }

        if (Vehicles.Vin.Problem(Vin) is { } vinProblem)
        {
            errors.Add("vin", vinProblem);
        }

        if (PersonalData.NormaliseLicence(LicenceNumber) is null)
        {
            errors.Add("licenceNumber", "must be the 18-character licence (ID) number.");
        }

        if (LicenceExpiry == default)
        {
            errors.Add("licenceExpiry", "is required.");
        }

        if (ConsultantId is not null)
        {
            errors.Id("consultantId", ConsultantId);
        }

        return errors;
    }

    /// <summary>The request without the licence number, for idempotency fingerprints (never stored in clear outside the drive).</summary>
    public NewTestDrive Redacted() => this with { LicenceNumber = PersonalData.MaskLicence(LicenceNumber) };
}

public enum TestDriveStatus
{
    Driving = 1,
    Finished = 2,
}

[GenerateSerializer, Immutable, Alias("TestDriveView")]
public sealed record TestDriveView(
    [property: Id(0)] string DriveId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string Vin,
    [property: Id(4)] string ConsultantId,
    [property: Id(5)] string MaskedLicence,
    [property: Id(6)] DateOnly LicenceExpiry,
    [property: Id(7)] TestDriveStatus Status,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] string StartedBy,
    [property: Id(10)] int StartMileage,
    [property: Id(11)] DateTimeOffset? EndedAt,
    [property: Id(12)] string? EndedBy,
    [property: Id(13)] int? EndMileage);

/// <summary>A test drive. Key: <see cref="GrainKeys.InStore"/>(store, drive id).</summary>
[Alias("ITestDriveGrain")]
public interface ITestDriveGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the drive: the licence must not have expired, the car must be a free demo car of the store and the consultant
    /// must not be on another drive (409 <c>vehicle-on-test-drive</c> / <c>consultant-on-test-drive</c>).
    /// </summary>
    [Alias("Start")]
    Task<Outcome<TestDriveView>> Start(NewTestDrive drive);

    /// <summary>Ends the drive with the odometer reading; the car and the consultant are free again.</summary>
    [Alias("End")]
    Task<Outcome<TestDriveView>> End(int endMileage);

    [Alias("Get")]
    Task<Outcome<TestDriveView>> Get();
}
