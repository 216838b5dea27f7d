using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.Reports;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record ProposalRequest(int? TargetUnits);

public sealed record OrderLinesRequest(IReadOnlyList<OemOrderLine>? Lines);

public sealed record OrderDecisionRequest(bool Approve, string? Reason);

public sealed record OrderSentRequest(string? Reference);

public static class OemOrdersApi
{
    public static IEndpointRouteBuilder MapOemOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/oem-orders/{month}").WithTags("Reports");
        api.MapGet("", Get).ForStore(RoleSets.ReportReaders).WithName("GetOemOrder").Answers<OemOrderView>()
            .WithSummary("The OEM order for a month (yyyy-MM) with its proposal and history.");
        api.MapPost("/proposal", Propose).ForStore(RoleSets.Clerk).WithName("ProposeOemOrder")
            .Answers<OemOrderView>().Conflicts("order-locked", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The system's proposal from stock, stock in transit, the last three months' retail pace by model mix and an optional " +
                "target; the draft's lines become it.");
        api.MapPut("/lines", Edit).ForStore(RoleSets.Clerk).WithName("EditOemOrder")
            .Answers<OemOrderView>().Conflicts("order-locked", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The clerk's lines for the draft.");
        api.MapPost("/submit", Submit).ForStore(RoleSets.Clerk).WithName("SubmitOemOrder")
            .Answers<OemOrderView>().Conflicts("order-locked", "idempotency-key-reused").Refuses("order-empty").HonoursIdempotencyKey()
            .WithSummary("Send the draft for approval.");
        api.MapPost("/decision", Decide).ForStore(RoleSets.Managers).WithName("DecideOemOrder")
            .Answers<OemOrderView>().Conflicts("order-locked", "illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Approve (name, time and the store seal recorded; the order is locked) or reject with a reason back to the clerk.");
        api.MapPost("/sent", MarkSent).ForStore(RoleSets.Clerk).WithName("MarkOemOrderSent")
            .Answers<OemOrderView>().Conflicts("order-sent", "not-approved", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Record that the approved order went to the OEM (who, when, the OEM's reference).");
        api.MapGet("/export.csv", Export).ForStore(RoleSets.ReportReaders).WithName("ExportOemOrder")
            .AnswersFile("text/csv").Conflicts("not-approved", "seal-broken")
            .WithSummary("The approved or sent order as CSV for the OEM's system: StoreId,Month,Model,Trim,Colour,Quantity,ApprovedBy,ApprovedAt," +
                "Digest,Seal. The store seal is checked first: 409 seal-broken if the order no longer matches it.");
        return app;
    }

    private static bool TryMonth(string month, out DateOnly first) =>
        DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first) && month.Length == 7;

    private static IOemOrderGrain Grain(IClusterClient cluster, string storeId, DateOnly month) =>
        cluster.GetGrain<IOemOrderGrain>(GrainKeys.OemOrder(storeId, month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<IResult> Get(string storeId, string month, IClusterClient cluster) =>
        TryMonth(month, out var m) ? (await Grain(cluster, storeId, m).Get()).ToResult() : NotFound();

    private static async Task<IResult> Propose(string storeId, string month, ProposalRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!TryMonth(month, out var m))
        {
            return NotFound();
        }

        if (request.TargetUnits is < 0 or > 5_000)
        {
            return Problems.Invalid("targetUnits", "must be between 0 and 5000.");
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, m).Propose(request.TargetUnits, operationId)).ToResult();
    }

    private static async Task<IResult> Edit(string storeId, string month, OrderLinesRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!TryMonth(month, out var m))
        {
            return NotFound();
        }

        var errors = OemOrderLines.Validate(request.Lines);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, m).EditLines(request.Lines ?? [], operationId)).ToResult();
    }

    private static async Task<IResult> Submit(string storeId, string month, IClusterClient cluster, HttpContext http)
    {
        if (!TryMonth(month, out var m))
        {
            return NotFound();
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, m).Submit(operationId)).ToResult();
    }

    private static async Task<IResult> Decide(string storeId, string month, OrderDecisionRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!TryMonth(month, out var m))
        {
            return NotFound();
        }

        var errors = request.Approve ? new FieldErrors().MaxLength("reason", request.Reason, 500) : new FieldErrors().Required("reason", request.Reason, 500);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, m).Decide(request.Approve, request.Reason, operationId)).ToResult();
    }

    private static async Task<IResult> Export(string storeId, string month, IClusterClient cluster, HttpContext http)
    {
        if (!TryMonth(month, out var m))
        {
            return NotFound();
        }

        var outcome = await Grain(cluster, storeId, m).Export();
        if (outcome.Value is not { } order)
        {
            return outcome.ToResult();
        }

        var zone = http.Items[StoreTimeConverter.ZoneItem] as TimeZoneInfo ?? TimeZoneInfo.Utc;
        return TypedResults.File(CsvFile.Csv(OemOrderExport.Rows(order, zone)), "text/csv; charset=utf-8", $"{storeId}-oem-order-{order.Month}.csv");
    }

    private static async Task<IResult> MarkSent(string storeId, string month, OrderSentRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!TryMonth(month, out var m))
        {
            return NotFound();
        }

        if (new FieldErrors().MaxLength("reference", request.Reference, 80) is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId, m).MarkSent(request.Reference, operationId)).ToResult();
    }

    private static IResult NotFound() => Problems.ToResult(Problem.NotFound("OEM order"));
}
