using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record EndDriveRequest(int EndMileage);

public static class TestDrivesApi
{
    public const string Prefix = "td";

    public static IEndpointRouteBuilder MapTestDrivesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/test-drives").WithTags("Sales floor");
        api.MapPost("", Start).ForStore(RoleSets.SalesFloor).WithName("StartTestDrive").Creates<TestDriveView>()
            .Conflicts("vehicle-on-test-drive", "consultant-on-test-drive", "vehicle-unavailable", "vehicle-booked", "idempotency-key-reused")
            .Refuses("licence-expired", "not-a-demo-car", "consultant-inactive").HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("Start a test drive in a free demo car. An expired licence is refused (422 licence-expired); a car or consultant " +
                "already on a drive gets 409. The licence number is shown masked.");
        api.MapGet("/{driveId}", Get).ForStore(RoleSets.SalesFloor).WithName("GetTestDrive").Answers<TestDriveView>()
            .WithSummary("One test drive.");
        api.MapPost("/{driveId}/end", End).ForStore(RoleSets.SalesFloor).WithName("EndTestDrive")
            .Answers<TestDriveView>().Conflicts("test-drive-finished")
            .WithSummary("End the drive with the odometer reading; car and consultant are free again.");
        return app;
    }

    private static ITestDriveGrain Grain(IClusterClient cluster, string storeId, string driveId) =>
        cluster.GetGrain<ITestDriveGrain>(GrainKeys.InStore(storeId, driveId));

    private static async Task<IResult> Start(string storeId, NewTestDrive drive, IClusterClient cluster, HttpContext http)
    {
        if (drive is null)
        {
            return Problems.Invalid("customerId", "is required.");
        }

        var errors = drive.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (_, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var driveId = Idempotency.NewRecordId(http, Prefix, storeId);
        var outcome = await Grain(cluster, storeId, driveId).Start(drive);
        return outcome.ToResult(d => TypedResults.Created($"/api/stores/{storeId}/test-drives/{d.DriveId}", d));
    }

    private static async Task<IResult> Get(string storeId, string driveId, IClusterClient cluster) =>
        Idempotency.IsRecordId(driveId, Prefix) ? (await Grain(cluster, storeId, driveId).Get()).ToResult() : NotFound();

    private static async Task<IResult> End(string storeId, string driveId, EndDriveRequest request, IClusterClient cluster) =>
        Idempotency.IsRecordId(driveId, Prefix) ? (await Grain(cluster, storeId, driveId).End(request.EndMileage)).ToResult() : NotFound();

    private static IResult NotFound() => Problems.ToResult(Problem.NotFound("Test drive"));
}
