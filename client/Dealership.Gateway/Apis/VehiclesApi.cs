using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record MoveRequest(VehicleMove Move);

public sealed record ReservationRequest([property: Required] string? DealId);

/// <summary>The car's details as a whole (a PUT): the demo flag and the certificate's place are both stated, never reset by omission.</summary>
public sealed record VehicleDetailsRequest([property: Required] bool? Demo, [property: Required] CertificateLocation? Certificate, FloorPlan? FloorPlan);

public static class VehiclesApi
{


    public static IEndpointRouteBuilder MapVehiclesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/vehicles").WithTags("Vehicles");
        api.MapGet("", List).ForStore(RoleSets.VehicleReaders).WithName("ListVehicles").Answers<Page<VehicleSummary>>()
            .WithSummary("The store's vehicles, optionally by status.");
        api.MapPost("", Register).ForStore(RoleSets.StockKeepers).WithName("RegisterVehicle")
            .Creates<VehicleView>().Conflicts("vin-exists", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Register a car (ordered, in transit or in stock). A VIN already in the group is refused (409 vin-exists).");
        api.MapGet("/{vin}", Get).ForStore(RoleSets.VehicleReaders).WithName("GetVehicle").Answers<VehicleView>()
            .WithSummary("One car of this store.");
        api.MapGet("/{vin}/history", History).ForStore(RoleSets.VehicleReaders).WithName("GetVehicleHistory").Answers<Page<VehicleEvent>>()
            .WithSummary("The car's state changes and stock ledger entries with who and when.");
        api.MapPost("/{vin}/moves", Move).ForStore(RoleSets.StockKeepers).WithName("MoveVehicle")
            .Answers<VehicleView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Ship, Receive or Return (a delivered car back into stock); illegal moves get 409 illegal-transition. Selling and " +
                "delivering are done by the deal (invoice, handover), never here.");
        api.MapPost("/{vin}/reservation", Reserve).ForStore(RoleSets.SalesFloor)
            .WithName("ReserveVehicle")
            .Answers<VehicleView>().Conflicts("vin-already-reserved", "illegal-transition", "vehicle-on-test-drive", "idempotency-key-reused")
            .HonoursIdempotencyKey().WithSummary("Reserve the car for a deal (配车). Another deal's reservation gives 409 vin-already-reserved.");
        api.MapPost("/{vin}/reservation/release", Release).ForStore(RoleSets.Managers)
            .WithName("ReleaseVehicle")
            .Answers<VehicleView>().Conflicts("not-reserved-by-deal", "illegal-transition", "idempotency-key-reused")
            .HonoursIdempotencyKey().WithSummary("Release the car from the deal holding it.");
        api.MapPut("/{vin}/details", UpdateDetails).ForStore(RoleSets.StockKeepers).WithName("UpdateVehicleDetails").Answers<VehicleView>()
            .WithSummary("Demo flag, certificate (合格证) location and floor-plan lender and due date.");
        return app;
    }

    private static IVehicleGrain Grain(IClusterClient cluster, HttpContext http, string vin) =>
        cluster.GetGrain<IVehicleGrain>(GrainKeys.InGroup(http.StoreGroup(), vin));

    private static async Task<IResult> List(string storeId, VehicleStatus? status, int? limit, string? after, IClusterClient cluster)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return Problems.Invalid("status", "is not a vehicle status.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IVehicleListGrain>(GrainKeys.Store(storeId)).List(status, page)).ToResult();
    }

    private static async Task<IResult> Register(string storeId, NewVehicle vehicle, IClusterClient cluster, HttpContext http)
    {
        var errors = vehicle.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await Grain(cluster, http, vehicle.Vin).Register(storeId, vehicle, operationId);
        return outcome.ToResult(v => TypedResults.Created($"/api/stores/{storeId}/vehicles/{v.Vin}", v));
    }

    private static async Task<IResult> Get(string storeId, string vin, IClusterClient cluster, HttpContext http) =>
        Vin.IsValid(vin) ? (await Grain(cluster, http, vin).Get(storeId)).ToResult() : NotFound(vin);

    private static async Task<IResult> History(string storeId, string vin, int? limit, string? after, IClusterClient cluster, HttpContext http)
    {
        var (page, bad) = Paging.Read(limit, after);
        return !Vin.IsValid(vin) ? NotFound(vin) : bad ?? (await Grain(cluster, http, vin).GetHistory(storeId, page)).ToResult();
    }

    private static async Task<IResult> Move(string storeId, string vin, MoveRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!Vin.IsValid(vin))
        {
            return NotFound(vin);
        }

        if (!Enum.IsDefined(request.Move))
        {
            return Problems.Invalid("move", "must be Ship, Receive or Return (a car is sold and delivered by its deal: invoice and handover).");
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, http, vin).Move(storeId, request.Move, operationId)).ToResult();
    }

    private static Task<IResult> Reserve(string storeId, string vin, ReservationRequest request, IClusterClient cluster, HttpContext http) =>
        ForDeal(vin, request, http, (car, dealId, operationId) => car.Reserve(storeId, dealId, operationId), cluster);

    private static Task<IResult> Release(string storeId, string vin, ReservationRequest request, IClusterClient cluster, HttpContext http) =>
        ForDeal(vin, request, http, (car, dealId, operationId) => car.Release(storeId, dealId, operationId), cluster);

    /// <summary>Reserve and release: the same checks of VIN, deal id and Idempotency-Key, then the grain call.</summary>
    private static async Task<IResult> ForDeal(string vin, ReservationRequest request, HttpContext http,
        Func<IVehicleGrain, string, string?, Task<Outcome<VehicleView>>> call, IClusterClient cluster)
    {
        if (!Vin.IsValid(vin))
        {
            return NotFound(vin);
        }

        if (string.IsNullOrWhiteSpace(request.DealId) || request.DealId.Length > 80)
        {
            return Problems.Invalid("dealId", "is required (at most 80 characters).");
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await call(Grain(cluster, http, vin), request.DealId, operationId)).ToResult();
    }

    private static async Task<IResult> UpdateDetails(string storeId, string vin, VehicleDetailsRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!Vin.IsValid(vin))
        {
            return NotFound(vin);
        }

        var errors = new FieldErrors();
        if (request.Demo is null)
        {
            errors.Add("demo", "is required (true or false).");
        }

        if (request.Certificate is not { } certificate || !Enum.IsDefined(certificate))
        {
            errors.Add("certificate", "is required: NotYetReceived, InSafe, WithFloorPlanBank or HandedToCustomer.");
        }

        return errors.Any
            ? Problems.Invalid(errors)
            : (await Grain(cluster, http, vin).UpdateDetails(storeId, request.Demo!.Value, request.Certificate!.Value, request.FloorPlan)).ToResult();
    }

    private static IResult NotFound(string vin) => Problems.ToResult(Problem.NotFound("Vehicle"));
}
