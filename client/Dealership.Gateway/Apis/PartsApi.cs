using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record PartsItemUpdate(string? Description, string? Bin);

public static class PartsApi
{

    public static IEndpointRouteBuilder MapPartsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stores/{storeId}/parts").WithTags("Parts");
        api.MapGet("", List).ForStore(RoleSets.PartsReaders).WithName("ListParts").Answers<Page<PartsItemView>>()
            .WithSummary("The store's parts, optionally searched by number or description.");
        api.MapPost("", Create).ForStore(RoleSets.PartsKeepers).WithName("CreatePartsItem")
            .Creates<PartsItemView>().Conflicts("part-exists", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Add a part number to the store's parts list.");
        api.MapGet("/{partNumber}", Get).ForStore(RoleSets.PartsReaders).WithName("GetPartsItem").Answers<PartsItemView>()
            .WithSummary("One part: on hand and bin.");
        api.MapPut("/{partNumber}", Update).ForStore(RoleSets.PartsKeepers).WithName("UpdatePartsItem").Answers<PartsItemView>()
            .WithSummary("Change description and bin.");
        api.MapPost("/{partNumber}/movements", Move).ForStore(RoleSets.PartsKeepers).WithName("MovePartsStock")
            .Answers<PartsItemView>().Conflicts("idempotency-key-reused").Refuses("insufficient-stock").HonoursIdempotencyKey()
            .WithSummary("Stock in or out with a reason; never below zero (422 insufficient-stock).");
        api.MapGet("/{partNumber}/movements", Movements).ForStore(RoleSets.PartsReaders).WithName("ListPartsMovements")
            .Answers<Page<PartsMovementRecord>>()
            .WithSummary("Stock movements with who and when, newest first.");
        return app;
    }

    private static IPartsItemGrain Grain(IClusterClient cluster, string storeId, string partNumber) =>
        cluster.GetGrain<IPartsItemGrain>(GrainKeys.InStore(storeId, partNumber));

    private static async Task<IResult> List(string storeId, string? search, int? limit, string? after, IClusterClient cluster)
    {
        var errors = new FieldErrors().MaxLength("search", search, 60);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IPartsListGrain>(GrainKeys.Store(storeId)).List(search, page)).ToResult();
    }

    private static async Task<IResult> Create(string storeId, NewPartsItem item, IClusterClient cluster, HttpContext http)
    {
        var errors = item.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await Grain(cluster, storeId, item.PartNumber).Create(http.StoreGroup(), item, operationId);
        return outcome.ToResult(v => TypedResults.Created($"/api/stores/{storeId}/parts/{v.PartNumber}", v));
    }

    private static async Task<IResult> Get(string storeId, string partNumber, IClusterClient cluster) =>
        PartNumbers.Problem(partNumber) is null ? (await Grain(cluster, storeId, partNumber).Get()).ToResult() : NotFound(partNumber);

    private static async Task<IResult> Update(string storeId, string partNumber, PartsItemUpdate update, IClusterClient cluster) =>
        PartNumbers.Problem(partNumber) is null
            ? (await Grain(cluster, storeId, partNumber).Update(update.Description ?? "", update.Bin ?? "")).ToResult()
            : NotFound(partNumber);

    private static async Task<IResult> Move(string storeId, string partNumber, PartsMovement movement, IClusterClient cluster, HttpContext http)
    {
        if (PartNumbers.Problem(partNumber) is not null)
        {
            return NotFound(partNumber);
        }

        var errors = movement.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, partNumber).Move(movement, operationId)).ToResult();
    }

    private static async Task<IResult> Movements(string storeId, string partNumber, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return PartNumbers.Problem(partNumber) is not null ? NotFound(partNumber) : bad ?? (await Grain(cluster, storeId, partNumber).GetMovements(page)).ToResult();
    }

    private static IResult NotFound(string partNumber) => Problems.ToResult(Problem.NotFound("Part"));
}
