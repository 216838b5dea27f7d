using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>A customer's consent to marketing contact, as the API takes it (marketing is required: yes or no).</summary>
public sealed record ConsentRequest([property: Required] bool? Marketing, ContactChannel? Channel = null);

/// <summary>
/// Bringing the customer back: maintenance plans by model, a car's next service by time and distance, the reminder list with
/// each call's outcome, and the customer's consent to marketing contact (PIPL).
/// </summary>
public static class MaintenanceApi
{
    public static IEndpointRouteBuilder MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(WorkshopApi.Tag);
        api.MapGet("/maintenance-plans", Plans).ForStore([.. RoleSets.ServiceReaders.Union(RoleSets.WorkshopKeepers)]).WithName("ListMaintenancePlans")
            .Answers<IReadOnlyList<MaintenancePlanView>>()
            .WithSummary("The store's maintenance plans by model (`*`: its plan for any other model), with who set each and when.");
        api.MapPut("/maintenance-plans", SetPlan).ForStore(RoleSets.WorkshopKeepers).WithName("SetMaintenancePlan").Answers<MaintenancePlanView>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Set a model's plan (or `*`): the first service after delivery (km and months) and the regular interval, whichever " +
                "comes first, and what a service includes. Kept with who and when; cars' next services follow at once.");
        api.MapGet("/cars/{vin}/next-service", NextService).ForStore(RoleSets.ServiceReaders).WithName("GetNextService").Answers<NextServiceDue>()
            .WithSummary("A car's next service: from its delivery and every visit's odometer (its pace in km a day; the store's default with " +
                "fewer than two readings), its model's plan, or the next visit agreed at handover. 404 when the group never sold or serviced " +
                "it, or no plan covers it. The store that serviced it last reminds it (the selling store if it never came back).");
        api.MapGet("/service-reminders", Reminders).ForStore(RoleSets.ServiceCallers).WithName("ListServiceReminders")
            .Answers<Page<ServiceReminder>>()
            .WithSummary("The morning's reminder list, soonest due first: cars this store reminds that are due within its reminder window " +
                "(14 days by default) or overdue, without an appointment booked, whose customer has not opted out of marketing contact, " +
                "not reached within the contact limit (7 days), not sold or moved away, not tried today, and tried unreachable fewer than " +
                "three times. Mobiles masked.");
        api.MapGet("/service-reminders.csv", ReminderCsv).ForStore(RoleSets.ServiceCallers).WithName("DownloadServiceReminders")
            .AnswersFile("text/csv").Refuses("list-too-long")
            .WithSummary("The whole reminder list as CSV for a bulk-message tool (SMS, WeChat; sending is not done here): the same cars as " +
                "the list, with the customer's number in full, so each download is kept in the audit trail with who and when. At most " +
                "20,000 cars (422 list-too-long).");
        api.MapGet("/service-reminders/{vin}", CallCard).ForStore(RoleSets.ServiceCallers).WithName("GetServiceReminder")
            .Answers<ReminderCallCard>()
            .WithSummary("What the caller needs: the car's due, whom to call (the number in full), their consent and the calls so far.");
        api.MapPost("/service-reminders/{vin}/outcome", RecordOutcome).ForStore(RoleSets.ServiceCallers).WithName("RecordServiceReminder")
            .Answers<ReminderCallCard>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Record the call: Booked (name the appointment booked for the car with POST /appointments, which applies the " +
                "workshop's levelling), Declined or SoldOrMoved (with the reason; the latter stops reminders until the car is serviced " +
                "here again), or Unreachable (tried again another day, three times at most; not counted against the contact limit).");
        api.MapGet("/customers/{customerId}/consent", Consent).ForStore(RoleSets.ConsentKeepers).WithName("GetCustomerConsent")
            .Answers<CustomerConsent>()
            .WithSummary("The customer's consent to marketing contact as it stands (null: never asked) and its changes, with who and when.");
        api.MapPut("/customers/{customerId}/consent", SetConsent).ForStore(RoleSets.ConsentKeepers).WithName("SetCustomerConsent")
            .Answers<CustomerConsent>().Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Record the customer's consent (given at the first visit, changed on their request) and the channel they prefer. " +
                "A customer who opted out is never on a reminder or invitation list.");
        return app;
    }

    private static IMaintenanceGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<IMaintenanceGrain>(GrainKeys.Store(storeId));

    private static IResult NoCar(string vin) => Problems.ToResult(Problem.NotFound($"Car '{vin}'"));

    private static async Task<IResult> Plans(string storeId, IClusterClient cluster) => (await Grain(cluster, storeId).Plans()).ToResult();

    private static async Task<IResult> SetPlan(string storeId, MaintenancePlan plan, IClusterClient cluster, HttpContext http)
    {
        var errors = plan?.Validate() ?? new FieldErrors().Add("model", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).SetPlan(plan!, operationId)).ToResult();
    }

    private static async Task<IResult> NextService(string storeId, string vin, IClusterClient cluster) =>
        Vin.IsValid(vin) ? (await Grain(cluster, storeId).NextService(vin.ToUpperInvariant())).ToResult() : NoCar(vin);

    private static async Task<IResult> Reminders(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Grain(cluster, storeId).Reminders(page)).ToResult();
    }

    private static async Task<IResult> ReminderCsv(string storeId, IClusterClient cluster, HttpContext http) =>
        (await Grain(cluster, storeId).ReminderExport()).ToResult(lines => TypedResults.File(CsvFile.Csv(ReminderListExport.Rows(lines)), "text/csv; charset=utf-8", $"{storeId}-service-reminders-{http.Today():yyyy-MM-dd}.csv"));

    private static async Task<IResult> CallCard(string storeId, string vin, IClusterClient cluster) =>
        Vin.IsValid(vin) ? (await Grain(cluster, storeId).CallCard(vin.ToUpperInvariant())).ToResult() : NoCar(vin);

    private static async Task<IResult> RecordOutcome(string storeId, string vin, ReminderOutcomeDraft draft, IClusterClient cluster, HttpContext http)
    {
        if (!Vin.IsValid(vin))
        {
            return NoCar(vin);
        }

        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).RecordOutcome(vin.ToUpperInvariant(), draft!, operationId)).ToResult();
    }

    private static async Task<IResult> Consent(string storeId, string customerId, IClusterClient cluster) =>
        PersonalData.IsCustomerId(customerId)
            ? (await Grain(cluster, storeId).Consent(customerId)).ToResult()
            : Problems.ToResult(Problem.NotFound("Customer"));

    private static async Task<IResult> SetConsent(string storeId, string customerId, ConsentRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!PersonalData.IsCustomerId(customerId))
        {
            return Problems.ToResult(Problem.NotFound("Customer"));
        }

        if (request?.Marketing is not { } marketing)
        {
            return Problems.Invalid(new FieldErrors().Add("marketing", "is required: true or false."));
        }

        var draft = new ConsentDraft(marketing, request.Channel);
        var errors = draft.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).SetConsent(customerId, draft, operationId)).ToResult();
    }
}
