using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>Booking a demo car for a customer's test drive at a time (a slot), the day's bookings, and cancelling one.</summary>
public static class TestDriveBookingsApi
{
    public const string Prefix = "tb";

    public static IEndpointRouteBuilder MapTestDriveBookingsApi(this IEndpointRouteBuilder app)
    {
        var store = app.MapGroup("/stores/{storeId}").WithTags("Sales floor");
        store.MapGet("/test-drive-bookings", List).ForStore(RoleSets.SalesFloorReaders).WithName("ListTestDriveBookings")
            .Answers<Page<TestDriveBooking>>()
            .WithSummary("The test-drive bookings starting on a day (?date=yyyy-MM-dd, the store's today by default), optionally of one car " +
                "(?vin=), by start time; cancelled ones with ?cancelled=true.");
        store.MapPost("/vehicles/{vin}/test-drive-bookings", Book).ForStore(RoleSets.SalesFloor).WithName("BookTestDrive")
            .Creates<TestDriveBooking>().Conflicts("booking-overlaps", "idempotency-key-reused").Refuses("not-a-demo-car")
            .HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("Book the demo car for a customer's test drive from start to end (15 minutes to 4 hours, up to 60 days ahead). A slot " +
                "overlapping another booking of the car gets 409 booking-overlaps.");
        store.MapPost("/vehicles/{vin}/test-drive-bookings/{bookingId}/cancel", Cancel).ForStore(RoleSets.SalesFloor)
            .WithName("CancelTestDriveBooking").Answers<TestDriveBooking>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Cancel a booking (kept on record with who and when).");
        return app;
    }

    private static IVehicleGrain Car(IClusterClient cluster, HttpContext http, string vin) =>
        cluster.GetGrain<IVehicleGrain>(GrainKeys.InGroup(http.StoreGroup(), vin));

    private static async Task<IResult> List(string storeId, string? date, string? vin, bool? cancelled, int? limit, string? after,
        IClusterClient cluster, HttpContext http)
    {
        var day = http.Today();
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return Problems.Invalid("date", "must be a date (yyyy-MM-dd).");
        }

        if (vin is not null && !Vin.IsValid(vin))
        {
            return Problems.Invalid("vin", "is not a valid VIN.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IVehicleListGrain>(GrainKeys.Store(storeId)).Bookings(day, vin, cancelled ?? false, page)).ToResult();
    }

    private static async Task<IResult> Book(string storeId, string vin, NewTestDriveBooking booking, IClusterClient cluster, HttpContext http)
    {
        if (!Vin.IsValid(vin))
        {
            return Problems.ToResult(Problem.NotFound("Vehicle"));
        }

        if (booking is null)
        {
            return Problems.Invalid("customerId", "is required.");
        }

        var errors = booking.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var bookingId = Idempotency.NewRecordId(http, Prefix, storeId);
        var outcome = await Car(cluster, http, vin).Book(storeId, bookingId, booking, operationId);
        var zone = http.Items[StoreTimeConverter.ZoneItem] as TimeZoneInfo ?? TimeZoneInfo.Utc;
        return outcome.ToResult(b =>
            TypedResults.Created($"/api/stores/{storeId}/test-drive-bookings?date={TimeZoneInfo.ConvertTime(b.Start, zone):yyyy-MM-dd}&vin={b.Vin}", b));
    }

    private static async Task<IResult> Cancel(string storeId, string vin, string bookingId, IClusterClient cluster, HttpContext http)
    {
        if (!Vin.IsValid(vin) || !Idempotency.IsRecordId(bookingId, Prefix))
        {
            return Problems.ToResult(Problem.NotFound("Booking"));
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Car(cluster, http, vin).CancelBooking(storeId, bookingId, operationId)).ToResult();
    }
}
