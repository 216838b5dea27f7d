using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record PartsItemUpdate(string? Description, string? Bin);

/// <summary>Units to hold for a repair order.</summary>
public sealed record PartsHoldRequest([property: Required] string? RepairOrder, [property: Required] int? Quantity);

/// <summary>The planner's data of a part, as a whole: supplier (may be empty), lead time, pack size, minimum and price.</summary>
public sealed record PartsPlanningRequest(
    string? Supplier,
    [property: Required] int? LeadTimeDays,
    [property: Required] int? PackSize,
    [property: Required] int? Minimum,
    [property: Required] decimal? Price);

public static class PartsApi
{

    public static IEndpointRouteBuilder MapPartsApi(this IEndpointRouteBuilder app, ApiVersion version)
    {
        var api = app.MapGroup("/stores/{storeId}/parts").WithTags("Parts");
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
            .Answers<PartsItemView>().Conflicts("idempotency-key-reused").Refuses("insufficient-stock", "return-exceeds-issue").HonoursIdempotencyKey()
            .WithSummary("Stock in or out with a reason; never below zero, never taking what is held for another repair order (422 " +
                "insufficient-stock). A return names its repair order: at most what was issued to it (422 return-exceeds-issue).");
        api.MapPut("/{partNumber}/planning", SetPlanning).ForStore(RoleSets.PartsKeepers).WithName("SetPartsPlanning")
            .Answers<PartsItemView>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The planner's data of a part: supplier, lead time (days), pack size, the minimum stocked while its history is " +
                "short, and its price.");
        api.MapPost("/{partNumber}/reservations", Reserve).ForStore(RoleSets.PartsHolders).WithName("HoldParts")
            .AnswersOrCreates<PartsItemView, PartsReservation>(version).Conflicts("idempotency-key-reused").Refuses("insufficient-stock").HonoursIdempotencyKey()
            .WithSummary("Hold units for a repair order (预留) from what is available; an issue to that order (a movement with its repairOrder) " +
                "takes them first. Another hold for the same order adds to it. Version 1 answers the part with its holds; version 2 the " +
                "order's hold.");
        api.MapGet("/{partNumber}/reservations/{repairOrder}", Hold).ForStore(RoleSets.PartsReaders).WithName("GetPartsHold")
            .Answers<PartsReservation>().WithSummary("What is held of the part for one repair order.");
        api.MapDelete("/{partNumber}/reservations/{repairOrder}", Release).ForStore(RoleSets.PartsHolders).WithName("ReleaseParts")
            .Answers<PartsItemView>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Let go of what is held for a repair order (the customer declined the work).");
        api.MapGet("/{partNumber}/movements", Movements).ForStore(RoleSets.PartsReaders).WithName("ListPartsMovements")
            .Answers<Page<PartsMovementRecord>>()
            .WithSummary("Stock movements with who and when, newest first.");
        app.MapGet("/stores/{storeId}/parts-planning", Review).WithTags("Parts").ForStore(RoleSets.PartsReaders).WithName("ReviewParts")
            .Answers<PartsPlanningReview>()
            .WithSummary("The parts review (periodic review at the store's service level and review period): for each part its demand over " +
                "the last year, safety stock, reorder point, the quantity to order now in whole packs and its value, and its movement class " +
                "(Dead: nothing moved for the store's months). toOrderOnly=true lists only parts to order or below their reorder point.");
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

    private static async Task<IResult> SetPlanning(string storeId, string partNumber, PartsPlanningRequest request, IClusterClient cluster,
        HttpContext http)
    {
        if (PartNumbers.Problem(partNumber) is not null)
        {
            return NotFound(partNumber);
        }

        var errors = new FieldErrors();
        foreach (var (field, missing) in new[] { ("leadTimeDays", request.LeadTimeDays is null), ("packSize", request.PackSize is null),
            ("minimum", request.Minimum is null), ("price", request.Price is null) })
        {
            if (missing)
            {
                errors.Add(field, "is required.");
            }
        }

        var planning = new PartsPlanningData(string.IsNullOrWhiteSpace(request.Supplier) ? null : request.Supplier.Trim(), request.LeadTimeDays ?? 0,
            request.PackSize ?? 0, request.Minimum ?? 0, request.Price ?? 0m);
        if (planning.Check(errors).Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, partNumber).SetPlanning(planning, operationId)).ToResult();
    }

    private static async Task<IResult> Reserve(string storeId, string partNumber, PartsHoldRequest request, IClusterClient cluster, HttpContext http)
    {
        if (PartNumbers.Problem(partNumber) is not null)
        {
            return NotFound(partNumber);
        }

        var errors = new FieldErrors();
        if (PartsReservation.RepairOrderProblem(request.RepairOrder) is { } problem)
        {
            errors.Add("repairOrder", problem);
        }

        if (request.Quantity is not { } quantity)
        {
            errors.Add("quantity", "is required.");
        }
        else
        {
            errors.Range("quantity", quantity, 1, 100_000);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, partNumber).Reserve(request.RepairOrder!, request.Quantity!.Value, operationId))
            .ToResult(ApiVersions.Of(http.Request) == ApiVersion.V2
                ? p => TypedResults.Created($"/api/stores/{storeId}/parts/{partNumber}/reservations/{Uri.EscapeDataString(request.RepairOrder!)}",
                    HoldOf(p, request.RepairOrder!))
                : null);
    }

    private static PartsReservation? HoldOf(PartsItemView part, string repairOrder) => part.Reservations?.FirstOrDefault(r => r.RepairOrder == repairOrder);

    private static async Task<IResult> Hold(string storeId, string partNumber, string repairOrder, IClusterClient cluster)
    {
        if (PartNumbers.Problem(partNumber) is not null)
        {
            return NotFound(partNumber);
        }

        var part = await Grain(cluster, storeId, partNumber).Get();
        return part.ToResult(p => HoldOf(p, repairOrder) is { } hold
            ? TypedResults.Ok(hold)
            : Problems.ToResult(Problem.NotFound($"A hold of {partNumber} for {repairOrder}")));
    }

    private static async Task<IResult> Release(string storeId, string partNumber, string repairOrder, IClusterClient cluster, HttpContext http)
    {
        if (PartNumbers.Problem(partNumber) is not null)
        {
            return NotFound(partNumber);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, partNumber).Release(repairOrder, operationId)).ToResult();
    }

    private static async Task<IResult> Review(string storeId, bool? toOrderOnly, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IPartsListGrain>(GrainKeys.Store(storeId)).Review(toOrderOnly ?? false, page)).ToResult();
    }

    private static async Task<IResult> Movements(string storeId, string partNumber, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return PartNumbers.Problem(partNumber) is not null ? NotFound(partNumber) : bad ?? (await Grain(cluster, storeId, partNumber).GetMovements(page)).ToResult();
    }

    private static IResult NotFound(string partNumber) => Problems.ToResult(Problem.NotFound("Part"));
}
