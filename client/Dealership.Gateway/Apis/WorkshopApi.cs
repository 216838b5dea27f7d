using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

public sealed record AppointmentCancelRequest([property: Required] string? Reason);

/// <summary>
/// The service desk's day (前台接待): the workshop's capacity, the day's load per slot, appointments that spread arrivals over
/// it (来车平均化), the car's history when it arrives, the calls after the visit and the department's numbers.
/// </summary>
public static partial class WorkshopApi
{
    public const string Tag = "Service";

    public static IEndpointRouteBuilder MapWorkshopApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        api.MapGet("/workshop", GetWorkshop).ForStore([.. RoleSets.ServiceReaders, .. RoleSets.WorkshopKeepers]).WithName("GetWorkshop")
            .Answers<WorkshopView>().WithSummary("The workshop's bays, slot length, opening hours, technicians' roster, labour rate and follow-up delay.");
        api.MapPut("/workshop", SetWorkshop).ForStore(RoleSets.WorkshopKeepers).WithName("SetWorkshop").Answers<WorkshopView>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Set the workshop up: bays, slot length (15-120 minutes), opening hours in whole slots, the technicians of the store " +
                "with their hours, the labour rate per flat-rate hour (every labour line is priced at it), days closed, and the days after " +
                "handover the follow-up call is due (3 by default). A slot's capacity is the bays that have a technician for the whole slot.");
        api.MapGet("/workshop/days/{date}", GetDay).ForStore(RoleSets.ServiceReaders).WithName("GetWorkshopDay").Answers<WorkshopDay>()
            .Refuses("workshop-not-set-up")
            .WithSummary("A service day: each slot's capacity, booked labour hours and arrivals, and the day's appointments in slot order.");
        api.MapGet("/workshop/suggestions", Suggest).ForStore(RoleSets.ServiceReaders).WithName("SuggestWorkshopSlots").Answers<SlotSuggestions>()
            .Refuses("workshop-not-set-up")
            .WithSummary("The least loaded slots of the wanted day that fit a job of the given labour hours, nearer the wanted time first " +
                "among equals (load plus a tenth per hour away): what the advisor offers the customer on the phone.");

        api.MapPost("/appointments", Book).ForStore(RoleSets.ServiceDesk).WithName("BookAppointment").Creates<AppointmentView>()
            .Conflicts("slot-full", "idempotency-key-reused").Refuses("workshop-closed", "workshop-not-set-up").HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("Book the slot that holds the wanted time for the job's expected labour hours. A slot (or a later one the job runs " +
                "into) without room is 409 slot-full, and a time outside opening hours 422 workshop-closed: both carry `alternatives`, the " +
                "least loaded slots that fit on that day, or on the next days if it is full.");
        api.MapGet("/appointments/{appointmentId}", GetAppointment).ForStore(RoleSets.ServiceReaders).WithName("GetAppointment")
            .Answers<AppointmentView>().WithSummary("One appointment.");
        api.MapPost("/appointments/{appointmentId}/cancel", CancelAppointment).ForStore(RoleSets.ServiceDesk).WithName("CancelAppointment")
            .Answers<AppointmentView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Call a booked appointment off (or the customer did not come), with the reason; its capacity is free again.");

        api.MapGet("/service/history", History).ForStore(RoleSets.ServiceReaders).WithName("GetVehicleServiceHistory").Answers<VehicleServiceHistory>()
            .WithSummary("A car's record at the desk, by VIN or plate: its sale by this store, its visits newest first (a page at a time) with " +
                "their mileage, the last odometer reading, and the customer's complaints still open.");
        api.MapGet("/service/numbers", Numbers).ForStore(RoleSets.ServiceNumbersReaders).WithName("GetServiceNumbers").Answers<ServiceNumbers>()
            .Refuses("workshop-not-set-up")
            .WithSummary("The service department's numbers over store-local days from-to (at most 92; this month by default): load per day, " +
                "technician productivity (worked ÷ available) and efficiency (flat-rate ÷ worked), repair orders handed back and how many by " +
                "the time promised, follow-up calls due and done on time, complaints about service open.");

        api.MapGet("/service-calls/{taskId}", CallSheet).ForStore(RoleSets.ServiceCallers).WithName("GetServiceCall").Answers<ServiceCallSheet>()
            .WithSummary("What the caller needs for the follow-up call after a service visit: the customer, the car, what was done and why, " +
                "who served them, and the calls made so far.");
        api.MapPost("/service-calls/{taskId}/outcome", RecordCall).ForStore(RoleSets.ServiceCallers).WithName("RecordServiceCall")
            .Answers<ServiceCallSheet>().Conflicts("call-recorded", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Record the call: Satisfied, Unhappy (with the reason: opens a complaint the general manager owns until it is closed) " +
                "or Unreachable (tried again the next day, three calls at most). The advisor who served the customer gets 403.");
        return app;
    }

    [GeneratedRegex("^tk[0-9]{6,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskId();

    [GeneratedRegex(@"T[0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetTime();

    private static IWorkshopDayGrain Day(IClusterClient cluster, string storeId, DateOnly day) =>
        cluster.GetGrain<IWorkshopDayGrain>(ServiceKeys.Day(storeId, day));

    private static DateOnly LocalDay(HttpContext http, DateTimeOffset at) =>
        DateOnly.FromDateTime(http.Items[StoreTimeConverter.ZoneItem] is TimeZoneInfo zone ? TimeZoneInfo.ConvertTime(at, zone).DateTime : at.UtcDateTime);

    private static async Task<IResult> GetWorkshop(string storeId, IClusterClient cluster) =>
        (await cluster.GetGrain<IWorkshopGrain>(GrainKeys.Store(storeId)).Get()).ToResult();

    private static async Task<IResult> SetWorkshop(string storeId, WorkshopSettings settings, IClusterClient cluster, HttpContext http)
    {
        var errors = settings?.Validate() ?? new FieldErrors().Add("bays", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await cluster.GetGrain<IWorkshopGrain>(GrainKeys.Store(storeId)).Set(settings!, operationId)).ToResult();
    }

    private static async Task<IResult> GetDay(string storeId, string date, IClusterClient cluster) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (await Day(cluster, storeId, day).Get()).ToResult()
            : Problems.ToResult(Problem.NotFound($"Service day '{date}' (a day is yyyy-MM-dd)"));

    private static async Task<IResult> Suggest(string storeId, string? wantedAt, decimal? hours, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors();
        var wanted = default(DateTimeOffset);
        // A time without its offset would be read in the server's zone, not the store's: the offset is required.
        if (!OffsetTime().IsMatch(wantedAt ?? "")
            || !DateTimeOffset.TryParse(wantedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out wanted))
        {
            errors.Add("wantedAt", "is required: an ISO 8601 date and time with its offset (2026-12-07T09:30:00+08:00).");
        }

        if (hours is not { } h)
        {
            errors.Add("hours", "is required.");
        }
        else
        {
            errors.Range("hours", h, 0.25m, 40m);
        }

        return errors.Any
            ? Problems.Invalid(errors)
            : (await Day(cluster, storeId, LocalDay(http, wanted)).Suggest(wanted, hours!.Value)).ToResult();
    }

    private static async Task<IResult> Book(string storeId, NewAppointment appointment, IClusterClient cluster, HttpContext http)
    {
        var errors = appointment?.Validate() ?? new FieldErrors().Add("customerName", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var day = LocalDay(http, appointment!.WantedAt);
        var id = ServiceKeys.AppointmentId(day, Idempotency.NewRecordId(http, "ap", storeId));
        return (await Day(cluster, storeId, day).Book(id, appointment, operationId))
            .ToResult(a => TypedResults.Created($"/api/stores/{storeId}/appointments/{a.AppointmentId}", a));
    }

    private static async Task<IResult> GetAppointment(string storeId, string appointmentId, IClusterClient cluster) =>
        ServiceKeys.DayOf(appointmentId) is { } day
            ? (await Day(cluster, storeId, day).GetAppointment(appointmentId)).ToResult()
            : Problems.ToResult(Problem.NotFound("Appointment"));

    private static async Task<IResult> CancelAppointment(string storeId, string appointmentId, AppointmentCancelRequest request, IClusterClient cluster,
        HttpContext http)
    {
        if (ServiceKeys.DayOf(appointmentId) is not { } day)
        {
            return Problems.ToResult(Problem.NotFound("Appointment"));
        }

        if (new FieldErrors().Required("reason", request?.Reason, 200) is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Day(cluster, storeId, day).Cancel(appointmentId, request!.Reason!, operationId)).ToResult();
    }

    private static async Task<IResult> History(string storeId, string? vin, string? plate, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        if (bad is not null)
        {
            return bad;
        }

        var errors = CarOf.Check(new FieldErrors(), vin, plate);
        return errors.Any
            ? Problems.Invalid(errors)
            : (await cluster.GetGrain<IServiceListGrain>(GrainKeys.Store(storeId)).History(vin, plate, page)).ToResult();
    }

    private static async Task<IResult> Numbers(string storeId, string? from, string? to, IClusterClient cluster, HttpContext http)
    {
        var today = http.Today();
        var first = new DateOnly(today.Year, today.Month, 1);
        var last = today;
        var errors = new FieldErrors();
        if (from is not null && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            errors.Add("from", "must be a date (yyyy-MM-dd).");
        }

        if (to is not null && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last))
        {
            errors.Add("to", "must be a date (yyyy-MM-dd).");
        }

        return errors.Any ? Problems.Invalid(errors) : (await cluster.GetGrain<IServiceListGrain>(GrainKeys.Store(storeId)).Numbers(first, last)).ToResult();
    }

    private static async Task<IResult> CallSheet(string storeId, string taskId, IClusterClient cluster) =>
        TaskId().IsMatch(taskId)
            ? (await cluster.GetGrain<IServiceCallGrain>(GrainKeys.InStore(storeId, taskId)).GetSheet()).ToResult()
            : Problems.ToResult(Problem.NotFound("Follow-up call"));

    private static async Task<IResult> RecordCall(string storeId, string taskId, CallOutcomeDraft draft, IClusterClient cluster, HttpContext http)
    {
        if (!TaskId().IsMatch(taskId))
        {
            return Problems.ToResult(Problem.NotFound("Follow-up call"));
        }

        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await cluster.GetGrain<IServiceCallGrain>(GrainKeys.InStore(storeId, taskId)).Record(draft!, operationId)).ToResult();
    }
}
