using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record TransferRequest([property: Required] string? Vin, [property: Required] string? FromStoreId);

public sealed record RejectRequest([property: Required] string? Reason);

public static class TransfersApi
{
    private const string Prefix = "tr";


    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/transfers").WithTags("Vehicles");
        api.MapPost("", Request).ForStore(RoleSets.StockKeepers).WithName("RequestTransfer")
            .Creates<TransferView>().Conflicts("vin-reserved", "illegal-transition", "idempotency-key-reused")
            .HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("The receiving store asks another store of the group for a car in stock (not reserved).");
        api.MapGet("", List).ForStore(RoleSets.TransferReaders).WithName("ListTransfers").Answers<Page<TransferView>>()
            .WithSummary("The store's transfers, newest requests first, a page at a time: direction=Outgoing (cars it sends), Incoming, or both; " +
                "optionally in one status.");
        api.MapGet("/{transferId}", Get).ForStore(RoleSets.TransferReaders).WithName("GetTransfer").Answers<TransferView>()
            .WithSummary("A transfer seen from either store.");
        api.MapPost("/{transferId}/approve", Approve).ForStore(RoleSets.Managers).WithName("ApproveTransfer")
            .Answers<TransferView>().Conflicts("illegal-transition", "vin-reserved", "vehicle-on-test-drive")
            .WithSummary("The sending store's manager approves: the car leaves (TransferOut ledger entry).");
        api.MapPost("/{transferId}/reject", Reject).ForStore(RoleSets.Managers).WithName("RejectTransfer")
            .Answers<TransferView>().Conflicts("illegal-transition")
            .WithSummary("The sending store's manager refuses, with a reason.");
        api.MapPost("/{transferId}/receive", Receive).ForStore(RoleSets.StockKeepers).WithName("ReceiveTransfer")
            .Answers<TransferView>().Conflicts("illegal-transition")
            .WithSummary("The receiving store takes the car into stock (TransferIn ledger entry); it leaves the sending store's list.");
        return app;
    }

    private static async Task<IResult> List(string storeId, TransferDirection? direction, TransferStatus? status, int? limit, string? after,
        IClusterClient cluster)
    {
        var errors = new FieldErrors();
        if (direction is { } d && !Enum.IsDefined(d))
        {
            errors.Add("direction", "must be Outgoing, Incoming or Both.");
        }

        if (status is { } s && !Enum.IsDefined(s))
        {
            errors.Add("status", "is not a transfer status.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return errors.Any ? Problems.Invalid(errors)
            : bad ?? (await cluster.GetGrain<ITransferListGrain>(GrainKeys.Store(storeId)).List(direction ?? TransferDirection.Both, status, page)).ToResult();
    }

    private static ITransferGrain Grain(IClusterClient cluster, HttpContext http, string transferId) =>
        cluster.GetGrain<ITransferGrain>(GrainKeys.InGroup(http.StoreGroup(), transferId));

    private static async Task<IResult> Request(string storeId, TransferRequest request, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors().Id("fromStoreId", request.FromStoreId);
        if (Vin.Problem(request.Vin) is { } vinProblem)
        {
            errors.Add("vin", vinProblem);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (_, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        // The transfer id is derived from the Idempotency-Key, so a retry lands on the same transfer.
        var transferId = Idempotency.NewRecordId(http, Prefix, storeId);
        var outcome = await Grain(cluster, http, transferId).Request(request.Vin!, request.FromStoreId!, storeId);
        return outcome.ToResult(v => TypedResults.Created($"/api/stores/{storeId}/transfers/{v.TransferId}", v));
    }

    private static async Task<IResult> Get(string storeId, string transferId, IClusterClient cluster, HttpContext http) =>
        Idempotency.IsRecordId(transferId, Prefix) ? (await Grain(cluster, http, transferId).Get(storeId)).ToResult() : NotFound();

    private static async Task<IResult> Approve(string storeId, string transferId, IClusterClient cluster, HttpContext http) =>
        Idempotency.IsRecordId(transferId, Prefix) ? (await Grain(cluster, http, transferId).Approve(storeId)).ToResult() : NotFound();

    private static async Task<IResult> Reject(string storeId, string transferId, RejectRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!Idempotency.IsRecordId(transferId, Prefix))
        {
            return NotFound();
        }

        var errors = new FieldErrors().Required("reason", request.Reason, 200);
        return errors.Any ? Problems.Invalid(errors) : (await Grain(cluster, http, transferId).Reject(storeId, request.Reason!)).ToResult();
    }

    private static async Task<IResult> Receive(string storeId, string transferId, IClusterClient cluster, HttpContext http) =>
        Idempotency.IsRecordId(transferId, Prefix) ? (await Grain(cluster, http, transferId).Receive(storeId)).ToResult() : NotFound();

    private static IResult NotFound() => Problems.ToResult(Problem.NotFound("Transfer"));
}
