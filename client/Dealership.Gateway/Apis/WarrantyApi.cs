using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

/// <summary>
/// A car's after-sales record and its warranty: the basic warranty's end from the model's plan, the calls before it ends, and
/// extended warranties (延保) sold at the store's price.
/// </summary>
public static class WarrantyApi
{
    public static IEndpointRouteBuilder MapWarrantyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(WorkshopApi.Tag);
        api.MapGet("/cars/{vin}", CarRecord).ForStore(RoleSets.CarRecordReaders).WithName("GetCarRecord").Answers<CarRecord>()
            .WithSummary("A car's record as the desk reads it: the car and its customer (mobile masked), its next service, its warranty (the " +
                "basic warranty of its model's plan from delivery, years or km whichever first, the km date estimated from its pace; any " +
                "extended warranty; the extension this store sells while it may still be had), its visits to the group's workshops and the " +
                "calls about its warranty. 404 when this store never sold or serviced the car, or no plan covers it.");
        api.MapPost("/cars/{vin}/extended-warranty", SellExtension).ForStore(RoleSets.WarrantySellers).WithName("SellExtendedWarranty")
            .Answers<CarRecord>().Conflicts("already-extended", "idempotency-key-reused")
            .Refuses("no-extended-warranty", "warranty-ended", "warranty-unknown").HonoursIdempotencyKey()
            .WithSummary("Sell the store's extended warranty for the car, at the years, km, price and cost in the store's policies " +
                "(extendedWarranty; 422 no-extended-warranty without one): it runs on from the basic warranty's end. Only while the basic " +
                "warranty runs (422 warranty-ended) and for a car the group delivered (422 warranty-unknown); one per car (409 already-extended).");
        api.MapGet("/warranty-reminders", Reminders).ForStore(RoleSets.ServiceCallers).WithName("ListWarrantyReminders")
            .Answers<Page<WarrantyReminder>>()
            .WithSummary("Cars this store reminds whose basic warranty ends within the store's warrantyReminderDays (60 by default), " +
                "soonest first: not extended, the customer not opted out of marketing contact, not declined within the window, not tried " +
                "today and tried unreachable fewer than three times. Mobiles masked.");
        api.MapPost("/warranty-reminders/{vin}/outcome", RecordCall).ForStore(RoleSets.ServiceCallers).WithName("RecordWarrantyReminder")
            .Answers<CarRecord>().Conflicts("already-extended", "idempotency-key-reused")
            .Refuses("no-extended-warranty", "warranty-ended", "warranty-unknown").HonoursIdempotencyKey()
            .WithSummary("Record the call before the warranty ends: Extended (the customer takes the store's extended warranty: sold with " +
                "the call, as POST /cars/{vin}/extended-warranty), Declined (with the reason; not called again within the window) or " +
                "Unreachable (tried again another day, three times at most).");
        return app;
    }

    private static IWarrantyGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<IWarrantyGrain>(GrainKeys.Store(storeId));

    private static IResult NoCar() => Problems.ToResult(Problem.NotFound("Car"));

    private static async Task<IResult> CarRecord(string storeId, string vin, IClusterClient cluster) =>
        Vin.IsValid(vin) ? (await Grain(cluster, storeId).CarRecord(vin.ToUpperInvariant())).ToResult() : NoCar();

    private static async Task<IResult> SellExtension(string storeId, string vin, IClusterClient cluster, HttpContext http)
    {
        if (!Vin.IsValid(vin))
        {
            return NoCar();
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).SellExtension(vin.ToUpperInvariant(), operationId)).ToResult();
    }

    private static async Task<IResult> Reminders(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Grain(cluster, storeId).Reminders(page)).ToResult();
    }

    private static async Task<IResult> RecordCall(string storeId, string vin, WarrantyCallDraft draft, IClusterClient cluster, HttpContext http)
    {
        if (!Vin.IsValid(vin))
        {
            return NoCar();
        }

        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).RecordCall(vin.ToUpperInvariant(), draft!, operationId)).ToResult();
    }
}
