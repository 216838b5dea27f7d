using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

public sealed record PurchaseOrderLinesRequest([property: Required] IReadOnlyList<OrderLineDraft>? Lines);

public sealed record DraftOrdersRequest(IReadOnlyList<OrderLineDraft>? Lines);

public sealed record PurchaseOrderSentRequest(string? SupplierReference);

public sealed record PurchaseOrderReasonRequest([property: Required] string? Reason);

/// <summary>The drafts made from the parts review, one per supplier.</summary>
public sealed record PurchaseOrderDrafts(IReadOnlyList<PurchaseOrderView> Items);

/// <summary>The parts planner's purchase orders (采购订单): drafts from the review, approval, sending, receiving with claims.</summary>
public static partial class PurchaseOrdersApi
{
    public const string Tag = "Purchase orders";
    private const string Prefix = "po";

    public static IEndpointRouteBuilder MapPurchaseOrdersApi(this IEndpointRouteBuilder app)
    {
        var store = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        store.MapPost("/parts-planning/orders", DraftFromReview).ForStore(RoleSets.PartsKeepers).WithName("DraftPurchaseOrders")
            .Answers<PurchaseOrderDrafts>().Conflicts("idempotency-key-reused").Refuses("nothing-to-order", "no-supplier", "no-cost").HonoursIdempotencyKey()
            .WithSummary("Turn the suggestion list into purchase order drafts, one per supplier: the planner's edited lines (part number and " +
                "quantity), or without them every suggestion of today's review. Every line is checked (a part of the store, a supplier, a cost) " +
                "before any draft is written. Answers the drafts (several orders, so no single Location).");
        store.MapGet("/supplier-claims", Claims).ForStore(RoleSets.PurchaseReaders).WithName("ListSupplierClaims").Answers<Page<SupplierClaim>>()
            .WithSummary("Claims on suppliers for what arrived damaged or short, newest first, optionally in one status, a page at a time.");

        var api = store.MapGroup("/purchase-orders");
        api.MapPost("", Draft).ForStore(RoleSets.PartsKeepers).WithName("DraftPurchaseOrder").Creates<PurchaseOrderView>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("A draft for one supplier: its lines (part number, quantity; each unit cost from the part's average cost unless the " +
                "supplier's is given).");
        api.MapPost("/required", Require).ForStore(RoleSets.PurchaseRequirers).WithName("RequirePurchaseOrder").Creates<PurchaseOrderView>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("Group HQ requires an order of the store (the group's parts orders): a draft, marked requiredBy, that the store's " +
                "planner is given as a task; the general manager approves it as any other, and only HQ calls it off.");
        api.MapGet("", List).ForStore(RoleSets.PurchaseReaders).WithName("ListPurchaseOrders").Answers<Page<PurchaseOrderSummary>>()
            .WithSummary("The store's purchase orders, newest first, optionally in one status or of one supplier, a page at a time.");
        api.MapGet("/{purchaseOrderId}", Get).ForStore(RoleSets.PurchaseReaders).WithName("GetPurchaseOrder").Answers<PurchaseOrderView>()
            .WithSummary("A purchase order with its lines (ordered, accepted, damaged, short, credited, still expected), receipts and claims.");
        api.MapPut("/{purchaseOrderId}/lines", Revise).ForStore(RoleSets.PartsKeepers).WithName("RevisePurchaseOrder").Answers<PurchaseOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Replace a draft's lines.");
        api.MapPost("/{purchaseOrderId}/approve", Approve).ForStore(RoleSets.PurchaseApprovers).WithName("ApprovePurchaseOrder")
            .Answers<PurchaseOrderView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The general manager approves a draft; its lines are then on order.");
        api.MapPost("/{purchaseOrderId}/sent", Sent).ForStore(RoleSets.PartsKeepers).WithName("MarkPurchaseOrderSent").Answers<PurchaseOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The approved order went to the supplier, with their reference if they gave one.");
        api.MapPost("/{purchaseOrderId}/receipts", Receive).ForStore(RoleSets.PartsKeepers).WithName("ReceivePurchaseOrder").Creates<PartsReceipt>()
            .Conflicts("illegal-transition", "delivery-note-received", "too-many-receipts", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("A delivery counted at the dock against its delivery note: per order line what the note says was delivered, what " +
                "was accepted (into stock at the order's unit cost, moving the average cost) and what was damaged; the rest is short. " +
                "Every damaged or short quantity opens a claim on the supplier. A count that does not match the order (a line it has not, " +
                "more delivered than is still expected, nothing delivered) is a 400 naming the line. Answers the receipt slip.");
        api.MapGet("/{purchaseOrderId}/receipts/{number:int}", Receipt).ForStore(RoleSets.PurchaseReaders).WithName("GetPartsReceipt")
            .Answers<PartsReceipt>().WithSummary("A receipt slip (入库单): its lines as counted, their value, the claims it opened.");
        api.MapGet("/{purchaseOrderId}/receipts/{number:int}/slip.html", SlipPage).ForStore(RoleSets.PurchaseReaders).WithName("PrintPartsReceipt")
            .AnswersFile("text/html").WithSummary("The receipt slip as a page to print and sign at the dock (in the store's time zone).");
        api.MapPost("/{purchaseOrderId}/close", Close).ForStore(RoleSets.PartsKeepers).WithName("ClosePurchaseOrder").Answers<PurchaseOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Nothing more is expected of a sent order: what was not delivered is no longer on order.");
        api.MapPost("/{purchaseOrderId}/cancel", Cancel).ForStore([.. RoleSets.PartsKeepers, .. RoleSets.PurchaseRequirers]).WithName("CancelPurchaseOrder").Answers<PurchaseOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Call off an order nothing was received of.");
        api.MapPost("/{purchaseOrderId}/claims/{claimId}/resolution", Resolve).ForStore(RoleSets.PartsKeepers).WithName("SettleSupplierClaim")
            .Answers<SupplierClaim>().Conflicts("claim-settled", "claim-exceeds-outstanding", "illegal-transition", "idempotency-key-reused")
            .HonoursIdempotencyKey()
            .WithSummary("The supplier settled a claim: Credited (the units will not come: no longer on order, and the account owes them no " +
                "more), Replaced (they stay on order) or Withdrawn (a shortage whose units were found: into stock; a damage claim the supplier " +
                "refused: the store keeps the units, no longer expected).");
        api.MapGet("/{purchaseOrderId}/export", Export).ForStore(RoleSets.PurchaseReaders).WithName("ExportPurchaseOrder")
            .AnswersFile("text/csv", PurchaseOrderExport.XlsxType)
            .WithSummary("The order for the supplier as CSV (format=csv, the default) or .xlsx (format=xlsx): PurchaseOrder, Supplier, Line, " +
                "PartNumber, Description, Quantity, UnitCost, Amount, ApprovedBy, ApprovedAt.");
        return app;
    }

    [GeneratedRegex(@"^po[0-9a-f]{16}\.[0-9]{1,4}\.[0-9]{1,3}\.[DS]$")]
    private static partial Regex ClaimId();

    private static IPurchaseOrderGrain Grain(IClusterClient cluster, string storeId, string purchaseOrderId) =>
        cluster.GetGrain<IPurchaseOrderGrain>(GrainKeys.InStore(storeId, purchaseOrderId));

    private static IResult NotFound() => Problems.ToResult(Problem.NotFound("Purchase order"));

    private static async Task<IResult> DraftFromReview(string storeId, DraftOrdersRequest? request, IClusterClient cluster, HttpContext http)
    {
        var (_, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var seed = Idempotency.NewRecordId(http, Prefix, storeId);
        var drafts = await cluster.GetGrain<IPartsListGrain>(GrainKeys.Store(storeId)).DraftOrders(request?.Lines, seed);
        return drafts.ToResult(d => TypedResults.Ok(new PurchaseOrderDrafts(d)));
    }

    private static Task<IResult> Draft(string storeId, NewPurchaseOrder order, IClusterClient cluster, HttpContext http) =>
        Open(storeId, order, cluster, http, required: false);

    private static Task<IResult> Require(string storeId, NewPurchaseOrder order, IClusterClient cluster, HttpContext http) =>
        Open(storeId, order, cluster, http, required: true);

    private static async Task<IResult> Open(string storeId, NewPurchaseOrder order, IClusterClient cluster, HttpContext http, bool required)
    {
        if (order is null)
        {
            return Problems.Invalid("supplier", "is required.");
        }

        var errors = order.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (_, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var grain = Grain(cluster, storeId, Idempotency.NewRecordId(http, Prefix, storeId));
        return (await (required ? grain.Require(order) : grain.Draft(order))).ToResult(o => TypedResults.Created($"/api/stores/{storeId}/purchase-orders/{o.PurchaseOrderId}", o));
    }

    private static async Task<IResult> List(string storeId, PurchaseOrderStatus? status, string? supplier, int? limit, string? after, IClusterClient cluster)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return Problems.Invalid("status", "is not a purchase order status.");
        }

        if (new FieldErrors().MaxLength("supplier", supplier, 80) is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IPurchaseOrderListGrain>(GrainKeys.Store(storeId)).List(status, supplier, page)).ToResult();
    }

    private static async Task<IResult> Claims(string storeId, ClaimStatus? status, int? limit, string? after, IClusterClient cluster)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return Problems.Invalid("status", "is not a claim status.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IPurchaseOrderListGrain>(GrainKeys.Store(storeId)).Claims(status, page)).ToResult();
    }

    private static async Task<IResult> Get(string storeId, string purchaseOrderId, IClusterClient cluster) =>
        Idempotency.IsRecordId(purchaseOrderId, Prefix) ? (await Grain(cluster, storeId, purchaseOrderId).Get()).ToResult() : NotFound();

    private static async Task<IResult> Revise(string storeId, string purchaseOrderId, PurchaseOrderLinesRequest request, IClusterClient cluster, HttpContext http)
    {
        if (NewPurchaseOrder.CheckLines(new FieldErrors(), request.Lines) is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        return await OnOrder(storeId, purchaseOrderId, cluster, http, (order, op) => order.ReviseLines(request.Lines!, op));
    }

    private static Task<IResult> Approve(string storeId, string purchaseOrderId, IClusterClient cluster, HttpContext http) =>
        OnOrder(storeId, purchaseOrderId, cluster, http, (order, op) => order.Approve(op));

    private static Task<IResult> Sent(string storeId, string purchaseOrderId, PurchaseOrderSentRequest? request, IClusterClient cluster, HttpContext http) =>
        new FieldErrors().MaxLength("supplierReference", request?.SupplierReference, 60) is { Any: true } errors
            ? Task.FromResult(Problems.Invalid(errors))
            : OnOrder(storeId, purchaseOrderId, cluster, http, (order, op) => order.MarkSent(request?.SupplierReference, op));

    private static Task<IResult> Close(string storeId, string purchaseOrderId, PurchaseOrderReasonRequest request, IClusterClient cluster, HttpContext http) =>
        new FieldErrors().Required("reason", request.Reason, 200) is { Any: true } errors
            ? Task.FromResult(Problems.Invalid(errors))
            : OnOrder(storeId, purchaseOrderId, cluster, http, (order, op) => order.Close(request.Reason!, op));

    private static Task<IResult> Cancel(string storeId, string purchaseOrderId, PurchaseOrderReasonRequest request, IClusterClient cluster, HttpContext http) =>
        new FieldErrors().Required("reason", request.Reason, 200) is { Any: true } errors
            ? Task.FromResult(Problems.Invalid(errors))
            : OnOrder(storeId, purchaseOrderId, cluster, http, (order, op) => order.Cancel(request.Reason!, op));

    private static async Task<IResult> Receive(string storeId, string purchaseOrderId, NewPartsReceipt receipt, IClusterClient cluster, HttpContext http)
    {
        if (receipt is null)
        {
            return Problems.Invalid("deliveryNote", "is required.");
        }

        var errors = receipt.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (!Idempotency.IsRecordId(purchaseOrderId, Prefix))
        {
            return NotFound();
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, purchaseOrderId).Receive(receipt, operationId))
            .ToResult(r => TypedResults.Created($"/api/stores/{storeId}/purchase-orders/{purchaseOrderId}/receipts/{r.Number}", r));
    }

    private static async Task<IResult> Receipt(string storeId, string purchaseOrderId, int number, IClusterClient cluster) =>
        Idempotency.IsRecordId(purchaseOrderId, Prefix) ? (await Grain(cluster, storeId, purchaseOrderId).GetReceipt(number)).ToResult() : NotFound();

    private static async Task<IResult> SlipPage(string storeId, string purchaseOrderId, int number, IClusterClient cluster, HttpContext http)
    {
        if (!Idempotency.IsRecordId(purchaseOrderId, Prefix))
        {
            return NotFound();
        }

        var slip = await Grain(cluster, storeId, purchaseOrderId).GetReceipt(number);
        if (slip.Value is not { } receipt)
        {
            return slip.ToResult();
        }

        var store = (await cluster.GetGrain<Dealership.Contracts.Stores.IStoreGrain>(GrainKeys.Store(storeId)).Get()).Value;
        var zone = http.Items[StoreTimeConverter.ZoneItem] as TimeZoneInfo ?? TimeZoneInfo.Utc;
        return TypedResults.Content(ReceiptSlipPage.Html(store?.Profile.Name ?? storeId, receipt, zone), "text/html; charset=utf-8");
    }

    private static async Task<IResult> Resolve(string storeId, string purchaseOrderId, string claimId, ClaimResolution resolution, IClusterClient cluster,
        HttpContext http)
    {
        if (!Idempotency.IsRecordId(purchaseOrderId, Prefix) || !ClaimId().IsMatch(claimId) || !claimId.StartsWith(purchaseOrderId + ".", StringComparison.Ordinal))
        {
            return Problems.ToResult(Problem.NotFound("Claim"));
        }

        if (resolution is null || !Enum.IsDefined(resolution.Outcome) || resolution.Outcome == ClaimStatus.Open)
        {
            return Problems.Invalid("outcome", "must be Credited, Replaced or Withdrawn.");
        }

        if (new FieldErrors().MaxLength("note", resolution.Note, 200) is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, purchaseOrderId).ResolveClaim(claimId, resolution, operationId)).ToResult();
    }

    private static async Task<IResult> Export(string storeId, string purchaseOrderId, string? format, IClusterClient cluster, HttpContext http)
    {
        if (format is not (null or "csv" or "xlsx"))
        {
            return Problems.Invalid("format", "must be csv or xlsx.");
        }

        if (!Idempotency.IsRecordId(purchaseOrderId, Prefix))
        {
            return NotFound();
        }

        var outcome = await Grain(cluster, storeId, purchaseOrderId).Get();
        if (outcome.Value is not { } order)
        {
            return outcome.ToResult();
        }

        var zone = http.Items[StoreTimeConverter.ZoneItem] as TimeZoneInfo ?? TimeZoneInfo.Utc;
        var name = $"{storeId}-{order.PurchaseOrderId}";
        return format == "xlsx"
            ? TypedResults.File(PurchaseOrderExport.Xlsx(order, zone), PurchaseOrderExport.XlsxType, name + ".xlsx")
            : TypedResults.File(CsvFile.Csv(PurchaseOrderExport.Rows(order, zone)), "text/csv; charset=utf-8", name + ".csv");
    }

    private static async Task<IResult> OnOrder(string storeId, string purchaseOrderId, IClusterClient cluster, HttpContext http,
        Func<IPurchaseOrderGrain, string?, Task<Outcome<PurchaseOrderView>>> step)
    {
        if (!Idempotency.IsRecordId(purchaseOrderId, Prefix))
        {
            return NotFound();
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await step(Grain(cluster, storeId, purchaseOrderId), operationId)).ToResult();
    }
}
