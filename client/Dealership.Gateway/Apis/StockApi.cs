using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record CorrectionRequest([property: Required] string? Vin, int Quantity, [property: Required] string? Reason);

/// <summary>The sales information clerk's stock list and stock ledger.</summary>
public static class StockApi
{

    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app, ApiVersion version)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags("Vehicles");
        api.MapGet("/stock", Stock).ForStore(RoleSets.StockListReaders).WithName("GetStockList").Answers<StockReport>()
            .WithSummary("The stock list: filters status, model, trim, colour, minDays, demo, aged; days in stock, aged units, certificate " +
                "(合格证) and floor-plan due dates with overdue flags, and the inventory coefficient (null and flagged in a month without retail sales).");
        api.MapGet("/stock-ledger", Ledger).ForStore(RoleSets.StockKeepers).WithName("GetStockLedger").Answers<Page<StockLedgerEntry>>()
            .WithSummary("The append-only stock ledger (入库/出库), optionally of one VIN.");
        api.MapGet("/stock-ledger/{number:long}", Line).ForStore(RoleSets.StockKeepers).WithName("GetStockLedgerLine").Answers<StockLedgerEntry>()
            .WithSummary("One line of the stock ledger, by its number.");
        api.MapPost("/stock-ledger/corrections", Correct).ForStore(RoleSets.StockKeepers).WithName("CorrectStockLedger")
            .AnswersOrCreates<StockLedgerEntry, StockLedgerEntry>(version).Conflicts("ledger-balance", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("A correction after a physical count: +1 or −1 for a known VIN, with a reason.");
        return app;
    }

    private static async Task<IResult> Stock(string storeId, VehicleStatus? status, string? model, string? trim, string? colour, int? minDays,
        bool? demo, bool? aged, int? limit, string? after, IClusterClient cluster)
    {
        var errors = new FieldErrors().MaxLength("model", model, 60).MaxLength("trim", trim, 60).MaxLength("colour", colour, 40);
        if (status is { } s && !Enum.IsDefined(s))
        {
            errors.Add("status", "is not a vehicle status.");
        }

        if (minDays is < 0 or > 10_000)
        {
            errors.Add("minDays", "must be between 0 and 10000.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (page, bad) = Paging.Read(limit, after);
        var filter = new StockFilter(status, model, trim, colour, minDays, demo, aged ?? false);
        return bad ?? (await cluster.GetGrain<IVehicleListGrain>(GrainKeys.Store(storeId)).Stock(filter, page)).ToResult();
    }

    private static async Task<IResult> Ledger(string storeId, string? vin, int? limit, string? after, IClusterClient cluster)
    {
        if (vin is not null && !Vin.IsValid(vin))
        {
            return Problems.Invalid("vin", "is not a valid VIN.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IStockLedgerGrain>(GrainKeys.Store(storeId)).List(vin, page)).ToResult();
    }

    private static async Task<IResult> Correct(string storeId, CorrectionRequest request, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors().Required("reason", request.Reason, 300);
        if (Vin.Problem(request.Vin) is { } vinProblem)
        {
            errors.Add("vin", vinProblem);
        }

        if (request.Quantity is not (1 or -1))
        {
            errors.Add("quantity", "must be 1 (found on hand) or -1 (not on hand).");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await cluster.GetGrain<IStockLedgerGrain>(GrainKeys.Store(storeId)).Correct(request.Vin!, request.Quantity, request.Reason!, operationId))
            .ToResult(ApiVersions.Of(http.Request) == ApiVersion.V2 ? e => TypedResults.Created($"/api/stores/{storeId}/stock-ledger/{e.Number}", e) : null);
    }

    private static async Task<IResult> Line(string storeId, long number, IClusterClient cluster) =>
        (await cluster.GetGrain<IStockLedgerGrain>(GrainKeys.Store(storeId)).Get(number)).ToResult();
}
