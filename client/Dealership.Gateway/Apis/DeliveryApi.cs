using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record SlotRequest(DateTimeOffset Slot);

public sealed record PdiRequest([property: Required] IReadOnlyList<PdiItem>? Items, int Mileage);

public sealed record DeliveryChecksRequest(bool ConfigurationMatchesContract, bool WarrantyExplained, bool MaintenanceExplained);

/// <summary>Delivery: the handover slot, the technician's PDI, the consultant's checks and the handover itself.</summary>
public static class DeliveryApi
{
    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/deals/{dealId}").WithTags("Deals");
        api.MapPost("/handover-slot", Slot).ForStore(RoleSets.SalesFloor).WithName("BookHandover")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Book the handover slot (the PDI must be signed at least the store's PDI lead time before it).");
        api.MapGet("/pdi", PdiSheet).ForStore(RoleSets.PdiReaders).WithName("GetPdiSheet").Answers<PdiSheet>()
            .WithSummary("The PDI sheet: the car, its handover slot and the time the PDI must be signed by, the checklist, and the signed record. " +
                "The technician's view of a deal, without its money or the customer's contact.");
        api.MapPost("/pdi", Pdi).ForStore(RoleSets.Technician).WithName("SignPdi")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").Refuses("no-vehicle", "pdi-failed")
            .HonoursIdempotencyKey()
            .WithSummary($"The technician signs the pre-delivery inspection; every checklist item must pass.");
        api.MapPost("/delivery-checks", Checks).ForStore(RoleSets.SalesFloor).WithName("ConfirmDeliveryChecks")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Configuration checked against the contract; warranty and maintenance terms explained.");
        api.MapPost("/handover/start", Start).ForStore(RoleSets.SalesFloor).WithName("StartHandover")
            .Answers<DealView>().Conflicts("idempotency-key-reused").Refuses("handover-refused").HonoursIdempotencyKey()
            .WithSummary("Start the handover; refused (422 handover-refused) with every reason until PDI, payment, invoice and checks are in order.");
        api.MapPost("/handover/complete", Complete).ForStore(RoleSets.SalesFloor).WithName("CompleteHandover")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Keys handed over: the car leaves stock (SaleOut), the delivery is counted, follow-up calls go to customer service.");
        return app;
    }

    private static Task<IResult> Slot(string storeId, string dealId, SlotRequest request, IClusterClient cluster, HttpContext http) =>
        request.Slot == default
            ? Task.FromResult(Problems.Invalid("slot", "is required."))
            : DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.ScheduleHandover(request.Slot, op));

    private static async Task<IResult> PdiSheet(string storeId, string dealId, IClusterClient cluster) =>
        Idempotency.IsRecordId(dealId, DealsApi.Prefix)
            ? (await DealsApi.Grain(cluster, storeId, dealId).GetPdiSheet()).ToResult()
            : DealsApi.NotFound();

    private static Task<IResult> Pdi(string storeId, string dealId, PdiRequest request, IClusterClient cluster, HttpContext http) =>
        DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.SignPdi(request.Items ?? [], request.Mileage, op));

    private static Task<IResult> Checks(string storeId, string dealId, DeliveryChecksRequest request, IClusterClient cluster, HttpContext http) =>
        DealsApi.OnDeal(storeId, dealId, cluster, http,
            (deal, op) => deal.ConfirmDeliveryChecks(request.ConfigurationMatchesContract, request.WarrantyExplained, request.MaintenanceExplained, op));

    private static Task<IResult> Start(string storeId, string dealId, IClusterClient cluster, HttpContext http) =>
        DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.StartHandover(op));

    private static Task<IResult> Complete(string storeId, string dealId, IClusterClient cluster, HttpContext http) =>
        DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.CompleteHandover(op));
}
