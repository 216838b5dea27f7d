using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

/// <summary>Lines to quote; once work has begun they are a supplement, and <c>finding</c> says what was found.</summary>
public sealed record RepairLinesRequest([property: Required] IReadOnlyList<NewRepairLine>? Lines, string? Finding);

public sealed record ClockOffRequest(bool Done);

public sealed record TechnicianRequest([property: Required] string? TechnicianId);

public sealed record PartsReturnRequest([property: Required] int? Quantity);

public sealed record RepairOrderCancelRequest([property: Required] string? Reason);

/// <summary>Repair orders (维修工单): the quote, the customer's approval, the work, the quality check, the wash, the invoice, the handover.</summary>
public static class RepairOrdersApi
{
    private const string Prefix = "ro";

    public static IEndpointRouteBuilder MapRepairOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/repair-orders").WithTags(WorkshopApi.Tag);
        api.MapPost("", Open).ForStore(RoleSets.ServiceDesk).WithName("OpenRepairOrder").Creates<RepairOrderView>()
            .Conflicts("appointment-not-booked", "workshop-full", "idempotency-key-reused").Refuses("workshop-not-set-up", "odometer-lower")
            .HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("A car at the desk: from its appointment (checked in), or a walk-in, which takes today's next slot with room for its " +
                "expected hours (409 workshop-full with `alternatives` on later days if there is none). Without promisedAt the car is promised " +
                "for the workshop's closing time. An odometer below the car's last reading in the group is 422 odometer-lower, naming both, " +
                "unless clusterReplaced says why the instrument cluster was replaced.");
        api.MapGet("", List).ForStore(RoleSets.ServiceReaders).WithName("ListRepairOrders").Answers<Page<RepairOrderSummary>>()
            .WithSummary("The store's repair orders, newest first, optionally in one status, a page at a time (mobiles masked).");
        api.MapGet("/{repairOrderId}", Get).ForStore(RoleSets.ServiceReaders).WithName("GetRepairOrder").Answers<RepairOrderView>()
            .WithSummary("A repair order with its lines, supplements, the customer's approvals, quality check and invoice.");
        api.MapPost("/{repairOrderId}/lines", AddLines).ForStore(RoleSets.ServiceDesk).WithName("QuoteRepairLines").Answers<RepairOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").Refuses("too-many-lines", "workshop-not-set-up").HonoursIdempotencyKey()
            .WithSummary("Quote labour (operation, flat-rate hours, technician if known; priced at the workshop's labour rate) and parts (part " +
                "number, quantity; priced from the parts books and held for the order at once — a part not in stock holds nothing and the " +
                "order will wait for it). Before the customer's approval the lines go on the estimate, which must then be given again; " +
                "once work has begun they are a supplement (say what was found in `finding`) that the customer must approve before it is " +
                "done. Every line says why.");
        api.MapDelete("/{repairOrderId}/lines/{line:int}", RemoveLine).ForStore(RoleSets.ServiceDesk).WithName("RemoveRepairLine")
            .Answers<RepairOrderView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Take a line off an estimate not yet approved; its parts are let go.");
        api.MapPost("/{repairOrderId}/estimate", Estimate).ForStore(RoleSets.ServiceDesk).WithName("GiveRepairEstimate").Answers<RepairOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").Refuses("nothing-quoted").HonoursIdempotencyKey()
            .WithSummary("The estimate goes to the customer: its lines and total.");
        api.MapPost("/{repairOrderId}/approvals/{supplement:int}", Answer).ForStore(RoleSets.ServiceDesk).WithName("RecordCustomerApproval")
            .Answers<RepairOrderView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The customer's answer to the estimate (supplement 0) or to a supplement (1, 2…): who answered, how (Signature or " +
                "Phone with the call's reference), approved or declined. Declined work is never done nor charged, and its parts are let go; " +
                "an approved supplement's parts are issued at once.");
        api.MapPost("/{repairOrderId}/start", Start).ForStore(RoleSets.Workshop).WithName("StartRepairWork").Answers<RepairOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Work starts: the approved parts are issued from stock (what was held first). A part the shelf cannot give puts the " +
                "order in WaitingForParts; call again when it has arrived.");
        api.MapPost("/{repairOrderId}/lines/{line:int}/clock-on", ClockOn).ForStore(RoleSets.Technician).WithName("ClockOnRepairLine")
            .Answers<RepairOrderView>().Conflicts("not-approved", "clocked-on", "illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The technician starts on an approved labour line (theirs, or one without a technician yet); one line at a time.");
        api.MapPost("/{repairOrderId}/lines/{line:int}/clock-off", ClockOff).ForStore([StaffRole.Technician, .. RoleSets.ServiceDesk])
            .WithName("ClockOffRepairLine").Answers<RepairOrderView>().Conflicts("not-clocked-on", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The technician stops (or the desk, for one who forgot: the audit line says who); done when the line's work is " +
                "finished. The minutes clocked are the line's worked time.");
        api.MapPut("/{repairOrderId}/lines/{line:int}/technician", Assign).ForStore(RoleSets.ServiceDesk).WithName("AssignRepairLine")
            .Answers<RepairOrderView>().Conflicts("clocked-on", "illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Give a labour line to another technician of the workshop's roster (someone off sick, a specialist).");
        api.MapPost("/{repairOrderId}/lines/{line:int}/returns", ReturnParts).ForStore(RoleSets.Workshop).WithName("ReturnUnusedParts")
            .Answers<RepairOrderView>().Conflicts("illegal-transition", "idempotency-key-reused").Refuses("return-exceeds-issue").HonoursIdempotencyKey()
            .WithSummary("Units of a part line issued and not used go back to stock; the invoice charges what was used.");
        api.MapPost("/{repairOrderId}/quality-check/request", SubmitForQc).ForStore(RoleSets.Workshop).WithName("RequestQualityCheck")
            .Answers<RepairOrderView>().Conflicts("illegal-transition", "supplement-pending", "clocked-on", "work-not-done", "idempotency-key-reused")
            .HonoursIdempotencyKey()
            .WithSummary("The work is finished: every approved labour line done, nobody clocked on, every supplement answered.");
        api.MapPost("/{repairOrderId}/quality-check", RecordQc).ForStore(RoleSets.QualityCheckers).WithName("RecordQualityCheck")
            .Answers<RepairOrderView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The quality check's points, each passed or failed (with what failed). Anyone who worked on the car gets 403. " +
                "A failed point sends the car back to work.");
        api.MapPost("/{repairOrderId}/wash", Wash).ForStore(RoleSets.Workshop).WithName("RecordCarWash").Answers<RepairOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The car was washed after it passed its quality check.");
        api.MapPost("/{repairOrderId}/invoice", Invoice).ForStore(RoleSets.ServiceDesk).WithName("IssueServiceInvoice").Answers<RepairOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The invoice of the approved work, every line with what was done and why, labour and parts apart; the car is ready.");
        api.MapPost("/{repairOrderId}/handover", Deliver).ForStore(RoleSets.ServiceHandover).WithName("HandOverServicedCar").Answers<RepairOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").Refuses("amount-mismatch").HonoursIdempotencyKey()
            .WithSummary("The car goes back to its customer, the invoice paid in full (how), the next visit agreed; the follow-up call is " +
                "scheduled for the customer-service caller some days later (the workshop's followUpDays).");
        api.MapPost("/{repairOrderId}/close", Close).ForStore(RoleSets.ServiceDesk).WithName("CloseRepairOrder").Answers<RepairOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Close the file of a car handed back.");
        api.MapPost("/{repairOrderId}/cancel", Cancel).ForStore(RoleSets.ServiceDesk).WithName("CancelRepairOrder").Answers<RepairOrderView>()
            .Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Call the order off before work began; parts held for it are let go.");
        return app;
    }

    private static IRepairOrderGrain Grain(IClusterClient cluster, string storeId, string repairOrderId) =>
        cluster.GetGrain<IRepairOrderGrain>(GrainKeys.InStore(storeId, repairOrderId));

    private static IResult NotFound() => Problems.ToResult(Problem.NotFound("Repair order"));

    private static async Task<IResult> Open(string storeId, NewRepairOrder arrival, IClusterClient cluster, HttpContext http)
    {
        var errors = arrival?.Validate() ?? new FieldErrors().Add("customerName", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (_, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        return (await Grain(cluster, storeId, Idempotency.NewRecordId(http, Prefix, storeId)).Open(arrival!))
            .ToResult(o => TypedResults.Created($"/api/stores/{storeId}/repair-orders/{o.RepairOrderId}", o));
    }

    private static async Task<IResult> List(string storeId, RepairOrderStatus? status, int? limit, string? after, IClusterClient cluster)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return Problems.Invalid("status", "is not a repair order status.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IServiceListGrain>(GrainKeys.Store(storeId)).RepairOrders(status, page)).ToResult();
    }

    private static async Task<IResult> Get(string storeId, string repairOrderId, IClusterClient cluster) =>
        Idempotency.IsRecordId(repairOrderId, Prefix) ? (await Grain(cluster, storeId, repairOrderId).Get()).ToResult() : NotFound();

    private static Task<IResult> AddLines(string storeId, string repairOrderId, RepairLinesRequest request, IClusterClient cluster, HttpContext http) =>
        NewRepairLine.CheckAll(new FieldErrors(), request?.Lines).MaxLength("finding", request?.Finding, 300) is { Any: true } errors
            ? Task.FromResult(Problems.Invalid(errors))
            : On(storeId, repairOrderId, cluster, http, (o, op) => o.AddLines(request!.Lines!, request.Finding, op));

    private static Task<IResult> RemoveLine(string storeId, string repairOrderId, int line, IClusterClient cluster, HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.RemoveLine(line, op));

    private static Task<IResult> Estimate(string storeId, string repairOrderId, IClusterClient cluster, HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.Estimate(op));

    private static Task<IResult> Answer(string storeId, string repairOrderId, int supplement, ApprovalDraft approval, IClusterClient cluster,
        HttpContext http) =>
        (approval?.Validate() ?? new FieldErrors().Add("approvedByName", "is required.")) is { Any: true } errors
            ? Task.FromResult(Problems.Invalid(errors))
            : On(storeId, repairOrderId, cluster, http, (o, op) => o.Answer(supplement, approval!, op));

    private static Task<IResult> Start(string storeId, string repairOrderId, IClusterClient cluster, HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.StartWork(op));

    private static Task<IResult> ClockOn(string storeId, string repairOrderId, int line, IClusterClient cluster, HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.ClockOn(line, op));

    private static Task<IResult> ClockOff(string storeId, string repairOrderId, int line, ClockOffRequest? request, IClusterClient cluster,
        HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.ClockOff(line, request?.Done ?? false, op));

    private static Task<IResult> Assign(string storeId, string repairOrderId, int line, TechnicianRequest request, IClusterClient cluster,
        HttpContext http) =>
        !Ids.IsValid(request?.TechnicianId)
            ? Task.FromResult(Problems.Invalid("technicianId", "must be a staff id."))
            : On(storeId, repairOrderId, cluster, http, (o, op) => o.AssignTechnician(line, request!.TechnicianId!, op));

    private static Task<IResult> ReturnParts(string storeId, string repairOrderId, int line, PartsReturnRequest request, IClusterClient cluster,
        HttpContext http) =>
        request?.Quantity is not { } quantity || quantity is < 1 or > 1000
            ? Task.FromResult(Problems.Invalid("quantity", "must be between 1 and 1000."))
            : On(storeId, repairOrderId, cluster, http, (o, op) => o.ReturnParts(line, quantity, op));

    private static Task<IResult> SubmitForQc(string storeId, string repairOrderId, IClusterClient cluster, HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.SubmitForQualityCheck(op));

    private static Task<IResult> RecordQc(string storeId, string repairOrderId, QualityCheckDraft check, IClusterClient cluster, HttpContext http) =>
        (check?.Validate() ?? new FieldErrors().Add("items", "is required.")) is { Any: true } errors
            ? Task.FromResult(Problems.Invalid(errors))
            : On(storeId, repairOrderId, cluster, http, (o, op) => o.RecordQualityCheck(check!, op));

    private static Task<IResult> Wash(string storeId, string repairOrderId, IClusterClient cluster, HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.RecordWash(op));

    private static Task<IResult> Invoice(string storeId, string repairOrderId, IClusterClient cluster, HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.IssueInvoice(op));

    private static Task<IResult> Deliver(string storeId, string repairOrderId, ServiceHandover handover, IClusterClient cluster, HttpContext http) =>
        (handover?.Validate() ?? new FieldErrors().Add("paidWith", "is required.")) is { Any: true } errors
            ? Task.FromResult(Problems.Invalid(errors))
            : On(storeId, repairOrderId, cluster, http, (o, op) => o.Deliver(handover!, op));

    private static Task<IResult> Close(string storeId, string repairOrderId, IClusterClient cluster, HttpContext http) =>
        On(storeId, repairOrderId, cluster, http, (o, op) => o.Close(op));

    private static Task<IResult> Cancel(string storeId, string repairOrderId, RepairOrderCancelRequest request, IClusterClient cluster, HttpContext http) =>
        new FieldErrors().Required("reason", request?.Reason, 200) is { Any: true } errors
            ? Task.FromResult(Problems.Invalid(errors))
            : On(storeId, repairOrderId, cluster, http, (o, op) => o.Cancel(request!.Reason!, op));

    private static async Task<IResult> On(string storeId, string repairOrderId, IClusterClient cluster, HttpContext http,
        Func<IRepairOrderGrain, string?, Task<Outcome<RepairOrderView>>> step)
    {
        if (!Idempotency.IsRecordId(repairOrderId, Prefix))
        {
            return NotFound();
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await step(Grain(cluster, storeId, repairOrderId), operationId)).ToResult();
    }
}
