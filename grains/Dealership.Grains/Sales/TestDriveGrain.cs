using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Sales;

public sealed class TestDriveState : RecordedState
{
    public TestDriveView? Drive { get; set; }

    /// <summary>The licence number in full: the signed test-drive record needs it. It never leaves the grain.</summary>
    public string? LicenceNumber { get; set; }
}

/// <summary>
/// A test drive. The car's grain and the consultant's grain each admit one drive at a time, so two drives can never
/// share a car or a consultant, however the requests interleave.
/// </summary>
public sealed class TestDriveGrain(
    [PersistentState("test-drive", GrainsSetup.StorageName)] IPersistentState<TestDriveState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, ITestDriveGrain, IScopedGrain
{

    private (string StoreId, string DriveId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<TestDriveView>> Start(NewTestDrive drive)
    {
        var errors = drive.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("start a test drive", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        var licence = PersonalData.NormaliseLicence(drive.LicenceNumber)!;
        if (state.State.Drive is { } existing)
        {
            return existing.CustomerId == drive.CustomerId && existing.Vin == drive.Vin && state.State.LicenceNumber == licence
                ? existing
                : Problem.Conflict("idempotency-key-reused", "This test drive id was already used for another customer or car.");
        }

        if (await StoreFacts.Store(GrainFactory, Key.StoreId) is not { } store)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        var now = clock.GetUtcNow();
        if (drive.LicenceExpiry < StoreFacts.LocalDate(now, store.Profile.TimeZoneId))
        {
            return Problem.Refused("licence-expired", $"The driving licence expired on {drive.LicenceExpiry:yyyy-MM-dd}; no test drive on it.");
        }

        var customer = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(Key.StoreId, drive.CustomerId)).Get();
        if (!customer.IsOk)
        {
            return Problem.Invalid("customerId", "is not a customer of this store (log their visit first).");
        }

        var consultantId = drive.ConsultantId ?? StoreFacts.CallingConsultant() ?? customer.Value!.Prospect?.ConsultantId;
        if (consultantId is null)
        {
            return Problem.Invalid("consultantId", "is required: the customer has no consultant yet.");
        }

        var consultant = GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, consultantId));
        var taken = await consultant.BeginWork(ConsultantStatus.OnTestDrive, Key.DriveId, onlyIfAvailable: false);
        if (!taken.IsOk)
        {
            return taken.Problem!.Code == "not-found" ? Problem.Invalid("consultantId", "is not a consultant of this store.") : taken.Problem;
        }

        var group = await storeGroups.GroupOf(Key.StoreId);
        var car = await GrainFactory.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group!, drive.Vin)).StartTestDrive(Key.StoreId, Key.DriveId, drive.CustomerId);
        if (!car.IsOk)
        {
            // The consultant is free again: the drive never started.
            await consultant.EndWork(Key.DriveId, ConsultantStatus.WithCustomer);
            return car.Problem!.Code == "not-found" ? Problem.Invalid("vin", "is not a car of this store.") : car.Problem;
        }

        state.State.LicenceNumber = licence;
        state.State.Drive = new TestDriveView(Key.DriveId, Key.StoreId, drive.CustomerId, drive.Vin, consultantId, PersonalData.MaskLicence(licence),
            drive.LicenceExpiry, TestDriveStatus.Driving, now, Audit.Who, drive.StartMileage, null, null, null);
        state.State.Pending.Add(new SalesFactRow(store.GroupId, Key.StoreId,
            new SalesFact(Key.DriveId, SalesFactKind.TestDrive, StoreFacts.LocalDate(now, store.Profile.TimeZoneId), consultantId), now));
        await state.WriteStateAsync();
        await Publish(now, $"{consultantId} out on a test drive in {drive.Vin}");
        return state.State.Drive;
    }

    public async Task<Outcome<TestDriveView>> End(int endMileage)
    {
        if (state.State.Drive is not { } drive || StoreFacts.HiddenFrom(drive.ConsultantId))
        {
            return NotFound();
        }

        if (Roles.Refused("end a test drive", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        if (drive.Status == TestDriveStatus.Finished)
        {
            return drive.EndMileage == endMileage ? drive : Problem.Conflict("test-drive-finished", "This test drive has already ended.");
        }

        if (endMileage < drive.StartMileage || endMileage > drive.StartMileage + 2_000)
        {
            return Problem.Invalid("endMileage", $"must be between the start mileage {drive.StartMileage} and {drive.StartMileage + 2_000} km.");
        }

        var group = await storeGroups.GroupOf(Key.StoreId);
        await GrainFactory.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group!, drive.Vin)).EndTestDrive(Key.StoreId, Key.DriveId, endMileage);
        await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, drive.ConsultantId)).EndWork(Key.DriveId, ConsultantStatus.WithCustomer);
        var now = clock.GetUtcNow();
        state.State.Drive = drive with { Status = TestDriveStatus.Finished, EndedAt = now, EndedBy = Audit.Who, EndMileage = endMileage };
        await state.WriteStateAsync();
        await Publish(now, $"{drive.Vin} back from a test drive ({endMileage - drive.StartMileage} km)");
        return state.State.Drive;
    }

    public Task<Outcome<TestDriveView>> Get() =>
        Task.FromResult(state.State.Drive is { } d && !StoreFacts.HiddenFrom(d.ConsultantId) ? d : (Outcome<TestDriveView>)NotFound());

    private Task Publish(DateTimeOffset at, string summary)
    {
        var d = state.State.Drive!;
        return StoreFeed.Publish(GrainFactory, Key.StoreId, at, "test-drive", Key.DriveId, summary, new Dictionary<string, string>
        {
            ["driveId"] = Key.DriveId,
            ["vin"] = d.Vin,
            ["consultantId"] = d.ConsultantId,
            ["status"] = d.Status.ToString(),
        });
    }

    private Problem NotFound() => Problem.NotFound($"Test drive '{Key.DriveId}'");
}
