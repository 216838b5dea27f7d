using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record ComplaintNoteRequest([property: Required] string? Note);

public sealed record ComplaintCloseRequest([property: Required] string? Resolution);

/// <summary>After the delivery: the customer-service caller's follow-up calls, and the complaints an unhappy call opens.</summary>
public static partial class AfterSaleApi
{
    public const string Tag = "After sale";

    public static IEndpointRouteBuilder MapAfterSaleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        api.MapGet("/follow-up-calls/{taskId}", Sheet).ForStore(RoleSets.FollowUpCallers).WithName("GetFollowUpCall").Answers<FollowUpCallSheet>()
            .WithSummary("What the caller needs for a follow-up call task after a delivery: the customer's name and mobile, the car, when it " +
                "was handed over and by whom, and the calls made so far about it. No money of the deal.");
        api.MapPost("/follow-up-calls/{taskId}/outcome", Record).ForStore(RoleSets.FollowUpCallers).WithName("RecordFollowUpCall")
            .Answers<FollowUpCallSheet>().Conflicts("call-recorded", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Record the call: Satisfied, Unhappy (with the reason: opens a complaint for the sales manager) or Unreachable (tried " +
                "again the next day, three calls at most). The consultant who sold the car gets 403.");
        api.MapGet("/complaints", List).ForStore(RoleSets.ComplaintReaders).WithName("ListComplaints").Answers<Page<ComplaintView>>()
            .WithSummary("The store's complaints, newest first, optionally by status (Open, InProgress, Closed).");
        api.MapGet("/complaints/{complaintId}", Get).ForStore(RoleSets.ComplaintReaders).WithName("GetComplaint").Answers<ComplaintView>()
            .WithSummary("One complaint with what was done about it, who and when.");
        api.MapPost("/complaints/{complaintId}/actions", Act).ForStore(RoleSets.Managers).WithName("ActOnComplaint")
            .Answers<ComplaintView>().Conflicts("complaint-closed", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("What was done about the complaint (a call back, an offer, a repair booked); it is in progress.");
        api.MapPost("/complaints/{complaintId}/close", Close).ForStore(RoleSets.Managers).WithName("CloseComplaint")
            .Answers<ComplaintView>().Conflicts("complaint-closed", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Close the complaint with the resolution the customer accepted; the sales manager's task is done.");
        return app;
    }

    [GeneratedRegex("^tk[0-9]{6,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskId();

    private static IFollowUpCallGrain Call(IClusterClient cluster, string storeId, string taskId) =>
        cluster.GetGrain<IFollowUpCallGrain>(GrainKeys.InStore(storeId, taskId));

    private static IComplaintGrain Complaint(IClusterClient cluster, string storeId, string complaintId) =>
        cluster.GetGrain<IComplaintGrain>(GrainKeys.InStore(storeId, complaintId));

    private static async Task<IResult> Sheet(string storeId, string taskId, IClusterClient cluster) =>
        TaskId().IsMatch(taskId) ? (await Call(cluster, storeId, taskId).GetSheet()).ToResult() : CallNotFound();

    private static async Task<IResult> Record(string storeId, string taskId, CallOutcomeDraft draft, IClusterClient cluster, HttpContext http)
    {
        if (!TaskId().IsMatch(taskId))
        {
            return CallNotFound();
        }

        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Call(cluster, storeId, taskId).Record(draft!, operationId)).ToResult();
    }

    private static async Task<IResult> List(string storeId, ComplaintStatus? status, int? limit, string? after, IClusterClient cluster)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return Problems.Invalid("status", "must be Open, InProgress or Closed.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IComplaintListGrain>(GrainKeys.Store(storeId)).List(status, page)).ToResult();
    }

    private static async Task<IResult> Get(string storeId, string complaintId, IClusterClient cluster) =>
        Ids.IsRecordId(complaintId, "cp") ? (await Complaint(cluster, storeId, complaintId).Get()).ToResult() : ComplaintNotFound();

    private static async Task<IResult> Act(string storeId, string complaintId, ComplaintNoteRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!Ids.IsRecordId(complaintId, "cp"))
        {
            return ComplaintNotFound();
        }

        if (new FieldErrors().Required("note", request.Note, 500) is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Complaint(cluster, storeId, complaintId).Act(request.Note!, operationId)).ToResult();
    }

    private static async Task<IResult> Close(string storeId, string complaintId, ComplaintCloseRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!Ids.IsRecordId(complaintId, "cp"))
        {
            return ComplaintNotFound();
        }

        if (new FieldErrors().Required("resolution", request.Resolution, 500) is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Complaint(cluster, storeId, complaintId).Close(request.Resolution!, operationId)).ToResult();
    }

    private static IResult CallNotFound() => Problems.ToResult(Problem.NotFound("Follow-up call"));

    private static IResult ComplaintNotFound() => Problems.ToResult(Problem.NotFound("Complaint"));
}
