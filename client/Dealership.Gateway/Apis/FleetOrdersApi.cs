using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>Fleet orders (大客户批量订单): one contract with a key account, a deal per car, taken through allocation, invoicing and handover in batches.</summary>
public static class FleetOrdersApi
{
    public const string Tag = "FleetOrders";
    public const string Prefix = "fo";

    private static readonly StaffRole[] BatchRunners = [.. RoleSets.SalesFloor, StaffRole.Cashier];

    public static IEndpointRouteBuilder MapFleetOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/fleet-orders").WithTags(Tag);
        api.MapGet("", List).ForStore(RoleSets.DealReaders).WithName("ListFleetOrders").Answers<Page<FleetOrderSummary>>()
            .WithSummary("The store's fleet orders, newest first (accountId= for one account's), each with how many cars are allocated, invoiced, " +
                "delivered and cancelled.");
        api.MapPost("", Place).ForStore(RoleSets.Managers).WithName("PlaceFleetOrder").Creates<FleetOrder>()
            .Refuses("credit-limit-exceeded", "no-agreed-price", "not-priced").Conflicts("idempotency-key-reused").HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("Place a fleet order for a key account: the buyer who signs (a customer of the store), the consultant, and the cars by " +
                "specification, each at the account's agreed price. What the account owes plus what it has on order plus this order must stay " +
                "within its credit limit (422 credit-limit-exceeded) unless the general manager approves it with creditApproval (the reason). " +
                "One deal per car is opened, approved within the agreement and signed.");
        api.MapGet("/{orderId}", Get).ForStore(RoleSets.DealReaders).WithName("GetFleetOrder").Answers<FleetOrder>()
            .WithSummary("A fleet order: its terms, every car's deal and where it stands, the progress and the batches run on it (newest first).");
        api.MapPost("/{orderId}/batches", Batch).ForStore(BatchRunners).WithName("RunFleetBatch").Answers<FleetBatch>()
            .Refuses("no-cars-ready").Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Take the next cars of the order ready for a step through it: Allocate (cars in stock and free, by specification), " +
                "Invoice (the cashier; on the account's ledger, due after its payment days), BookHandover (a slot) or Deliver (invoiced cars " +
                "with a signed PDI handed over). Each car's deal decides as for any sale; the answer lists what was done and what was refused, and why.");
        return app;
    }

    private static IFleetOrderGrain Grain(IClusterClient cluster, string storeId, string orderId) =>
        cluster.GetGrain<IFleetOrderGrain>(GrainKeys.InStore(storeId, orderId));

    private static async Task<IResult> List(string storeId, string? accountId, int? limit, string? after, IClusterClient cluster)
    {
        if (accountId is not null && !Ids.IsValid(accountId))
        {
            return Problems.Invalid("accountId", "is not a key account id.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IReceivablesGrain>(GrainKeys.Store(storeId)).FleetOrders(accountId, page)).ToResult();
    }

    private static async Task<IResult> Place(string storeId, NewFleetOrder order, IClusterClient cluster, HttpContext http)
    {
        var errors = order?.Validate() ?? new FieldErrors().Add("accountId", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (_, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var orderId = Idempotency.NewRecordId(http, Prefix, storeId);
        return (await Grain(cluster, storeId, orderId).Place(order!))
            .ToResult(o => TypedResults.Created($"/api/stores/{storeId}/fleet-orders/{o.OrderId}", o));
    }

    private static async Task<IResult> Get(string storeId, string orderId, IClusterClient cluster) =>
        Idempotency.IsRecordId(orderId, Prefix) ? (await Grain(cluster, storeId, orderId).Get()).ToResult() : NotFound(orderId);

    private static async Task<IResult> Batch(string storeId, string orderId, FleetBatchRequest batch, IClusterClient cluster, HttpContext http)
    {
        if (!Idempotency.IsRecordId(orderId, Prefix))
        {
            return NotFound(orderId);
        }

        var errors = batch?.Validate() ?? new FieldErrors().Add("step", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, orderId).RunBatch(batch!, operationId)).ToResult();
    }

    private static IResult NotFound(string orderId) => Problems.ToResult(Problem.NotFound($"Fleet order '{orderId}'"));
}
