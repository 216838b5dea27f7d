using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record DecisionRequest(bool Approve, string? Note);

public sealed record AllocateRequest([property: Required] string? Vin);

public sealed record CancelRequest([property: Required] string? Reason, DepositDecision Deposit);

/// <summary>Why an invoiced sale is unwound (退车).</summary>
public sealed record UnwindRequest([property: Required] string? Reason);

/// <summary>Deals (sales orders) from quote to contract: terms, approval, signing, car allocation and cancellation.</summary>
public static class DealsApi
{
    public const string Prefix = "dl";

    public static IEndpointRouteBuilder MapDealsApi(this IEndpointRouteBuilder app, ApiVersion version)
    {
        var api = app.MapGroup("/stores/{storeId}/deals").WithTags("Deals");
        api.MapPost("", Open).ForStore(RoleSets.SalesFloor).WithName("OpenDeal")
            .Creates<DealView>().Conflicts("idempotency-key-reused").Refuses("not-priced").HonoursIdempotencyKey(KeyedRetry.SameRecord)
            .WithSummary("Open a deal on a specification (model, trim, colour) with its price, discount, accessories, commissions, trade-in " +
                "and fees; gross profit is worked out by the store's rule.");
        api.MapGet("", List).ForStore(RoleSets.DealReaders).WithName("ListDeals").Answers<Page<DealSummary>>()
            .WithSummary("The store's deals, newest first, a page at a time; status=PendingApproval for the approval queue. A consultant sees their own.");
        api.MapGet("/{dealId}", Get).ForStore(RoleSets.DealReaders).WithName("GetDeal").Answers<DealView>()
            .WithSummary("A deal with its figures, money, loan, delivery, and its latest 20 history entries and payments.");
        api.MapGet("/{dealId}/history", History).ForStore(RoleSets.DealReaders).WithName("GetDealHistory").Answers<Page<DealEvent>>()
            .WithSummary("The deal's whole history (who did what, when), newest first, a page at a time.");
        api.MapGet("/{dealId}/payments", Payments).ForStore(RoleSets.DealReaders).WithName("ListDealPayments").Answers<Page<PaymentEntry>>()
            .WithSummary("Every deposit, payment, refund and loan disbursement of the deal, newest first, a page at a time.");
        api.MapPut("/{dealId}/terms", Revise).ForStore(RoleSets.SalesFloor).WithName("ReviseDeal")
            .Answers<DealView>().Conflicts("deal-signed", "vin-allocated", "idempotency-key-reused").Refuses("not-priced")
            .HonoursIdempotencyKey()
            .WithSummary("Change the terms of a deal not yet signed; an approved deal goes back to draft.");
        api.MapPost("/{dealId}/submit", Submit).ForStore(RoleSets.SalesFloor).WithName("SubmitDeal")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Ask for approval per the store's policy; a deal within the consultant's limits is approved at once.");
        api.MapPost("/{dealId}/decision", Decide).ForStore(RoleSets.Managers).WithName("DecideDeal")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Approve, or reject with a reason. Beyond the sales manager's discount limit only the GM decides.");
        api.MapPost("/{dealId}/sign", Sign).ForStore(RoleSets.SalesFloor).WithName("SignDeal")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").Refuses("not-approved").HonoursIdempotencyKey()
            .WithSummary("Sign the contract (an order). Refused (422 not-approved) before approval.");
        api.MapPost("/{dealId}/vehicle", Allocate).ForStore(RoleSets.SalesFloor).WithName("AllocateVehicle").Answers<DealView>()
            .Conflicts("vin-already-reserved", "spec-mismatch", "illegal-transition", "vehicle-on-test-drive", "idempotency-key-reused")
            .HonoursIdempotencyKey()
            .WithSummary("Allocate a car of the deal's specification (配车) from stock or in transit; a car held by another deal gets 409 " +
                "vin-already-reserved. The car's own cost replaces the specification's; a deal it pushes past a limit goes back for approval.");
        api.MapPost("/{dealId}/accessories", AddAccessories).ForStore(RoleSets.SalesFloor).WithName("AddDealAccessories")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Accessories sold (or given) after the contract is signed: on the invoice, and checked against the approval rules again " +
                "(a deal they push past a limit waits for approval before its invoice).");
        api.MapPost("/{dealId}/insurance-policies", RecordInsurance).ForStore(RoleSets.InsuranceDesk).WithName("RecordDealInsurance")
            .AnswersOrCreates<DealView, InsurancePolicyRecord>(version).Conflicts("illegal-transition", "policy-exists", "too-many-policies", "idempotency-key-reused")
            .HonoursIdempotencyKey()
            .WithSummary("Record an insurance policy sold with the car (insurer, policy number, kind, premium, commission); the deal's insurance " +
                "commission becomes its policies' total.");
        api.MapGet("/{dealId}/insurance-policies/{policyNumber}", InsurancePolicy).ForStore(RoleSets.DealReaders).WithName("GetDealInsurancePolicy")
            .Answers<InsurancePolicyRecord>().WithSummary("One insurance policy recorded on the deal, by its policy number.");
        api.MapPost("/{dealId}/cancel", Cancel).ForStore(RoleSets.Managers).WithName("CancelDeal")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Cancel: the car is released and the deposit refunded, or forfeited (a binding 定金 only).");
        api.MapPost("/{dealId}/unwind", Unwind).ForStore(RoleSets.Unwinders).WithName("UnwindDeal")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The general manager unwinds an invoiced or delivered sale (退车): a credit note (红字发票) reverses the invoice, the car " +
                "comes back into stock, everything paid is due back (the cashier refunds it), and the sale counts as minus one in the month " +
                "of the unwind. A consultant paid for it in a locked month has it charged back in the month of the unwind.");
        return app;
    }

    public static IDealGrain Grain(IClusterClient cluster, string storeId, string dealId) =>
        cluster.GetGrain<IDealGrain>(GrainKeys.InStore(storeId, dealId));

    /// <summary>Runs a deal command after checking the id and the Idempotency-Key.</summary>
    public static async Task<IResult> OnDeal(string storeId, string dealId, IClusterClient cluster, HttpContext http,
        Func<IDealGrain, string?, Task<Outcome<DealView>>> command, Func<DealView, IResult>? onOk = null)
    {
        if (!Idempotency.IsRecordId(dealId, Prefix))
        {
            return NotFound();
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await command(Grain(cluster, storeId, dealId), operationId)).ToResult(onOk);
    }

    public static IResult NotFound() => Problems.ToResult(Problem.NotFound("Deal"));

    private static async Task<IResult> Open(string storeId, NewDeal deal, IClusterClient cluster, HttpContext http)
    {
        if (deal is null)
        {
            return Problems.Invalid("customerId", "is required.");
        }

        var errors = deal.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (_, bad) = Idempotency.OperationId(http);
        if (bad is not null)
        {
            return bad;
        }

        var dealId = Idempotency.NewRecordId(http, Prefix, storeId);
        var outcome = await Grain(cluster, storeId, dealId).Open(deal);
        return outcome.ToResult(d => TypedResults.Created($"/api/stores/{storeId}/deals/{d.DealId}", d));
    }

    private static async Task<IResult> List(string storeId, string? consultantId, DealStatus? status, int? limit, string? after, IClusterClient cluster)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return Problems.Invalid("status", "is not a deal status.");
        }

        if (consultantId is not null && !Ids.IsValid(consultantId))
        {
            return Problems.Invalid("consultantId", "is not a staff id.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IDealListGrain>(GrainKeys.Store(storeId)).List(consultantId, status, page)).ToResult();
    }

    private static async Task<IResult> History(string storeId, string dealId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return !Idempotency.IsRecordId(dealId, Prefix) ? NotFound() : bad ?? (await Grain(cluster, storeId, dealId).GetHistory(page)).ToResult();
    }

    private static async Task<IResult> Payments(string storeId, string dealId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return !Idempotency.IsRecordId(dealId, Prefix) ? NotFound() : bad ?? (await Grain(cluster, storeId, dealId).GetPayments(page)).ToResult();
    }

    private static async Task<IResult> Get(string storeId, string dealId, IClusterClient cluster) =>
        Idempotency.IsRecordId(dealId, Prefix) ? (await Grain(cluster, storeId, dealId).Get()).ToResult() : NotFound();

    private static Task<IResult> Revise(string storeId, string dealId, DealTerms terms, IClusterClient cluster, HttpContext http)
    {
        if (terms is null)
        {
            return Task.FromResult(Problems.Invalid("model", "is required."));
        }

        var errors = terms.Validate();
        return errors.Any ? Task.FromResult(Problems.Invalid(errors)) : OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.Revise(terms, op));
    }

    private static Task<IResult> Submit(string storeId, string dealId, IClusterClient cluster, HttpContext http) =>
        OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.Submit(op));

    private static Task<IResult> Decide(string storeId, string dealId, DecisionRequest request, IClusterClient cluster, HttpContext http) =>
        OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.Decide(request.Approve, request.Note, op));

    private static Task<IResult> Sign(string storeId, string dealId, IClusterClient cluster, HttpContext http) =>
        OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.Sign(op));

    private static Task<IResult> Allocate(string storeId, string dealId, AllocateRequest request, IClusterClient cluster, HttpContext http) =>
        Contracts.Vehicles.Vin.Problem(request.Vin) is { } problem
            ? Task.FromResult(Problems.Invalid("vin", problem))
            : OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.AllocateVin(request.Vin!, op));

    private static Task<IResult> AddAccessories(string storeId, string dealId, AddOnAccessories addOn, IClusterClient cluster, HttpContext http)
    {
        var errors = addOn?.Validate() ?? new FieldErrors().Add("accessories", "must list 1-20 accessories.");
        return errors.Any ? Task.FromResult(Problems.Invalid(errors)) : OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.AddAccessories(addOn!, op));
    }

    private static InsurancePolicyRecord? Policy(DealView deal, string policyNumber) =>
        deal.InsurancePolicies?.FirstOrDefault(p => string.Equals(p.Policy.PolicyNumber, policyNumber, StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> InsurancePolicy(string storeId, string dealId, string policyNumber, IClusterClient cluster)
    {
        if (!Idempotency.IsRecordId(dealId, Prefix))
        {
            return NotFound();
        }

        var deal = await Grain(cluster, storeId, dealId).Get();
        return deal.ToResult(d => Policy(d, policyNumber) is { } policy ? TypedResults.Ok(policy) : Problems.ToResult(Problem.NotFound("Insurance policy")));
    }

    private static Task<IResult> RecordInsurance(string storeId, string dealId, NewInsurancePolicy policy, IClusterClient cluster, HttpContext http)
    {
        var errors = policy?.Validate() ?? new FieldErrors().Add("insurer", "is required.");
        return errors.Any
            ? Task.FromResult(Problems.Invalid(errors))
            : OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.RecordInsurance(policy!, op), ApiVersions.Of(http.Request) == ApiVersion.V2
                ? d => TypedResults.Created($"/api/stores/{storeId}/deals/{dealId}/insurance-policies/{Uri.EscapeDataString(policy!.PolicyNumber)}",
                    Policy(d, policy!.PolicyNumber))
                : null);
    }

    private static Task<IResult> Cancel(string storeId, string dealId, CancelRequest request, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors().Required("reason", request.Reason, 500);
        if (!Enum.IsDefined(request.Deposit))
        {
            errors.Add("deposit", "must be Refund or Forfeit.");
        }

        return errors.Any
            ? Task.FromResult(Problems.Invalid(errors))
            : OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.Cancel(request.Reason!, request.Deposit, op));
    }

    private static Task<IResult> Unwind(string storeId, string dealId, UnwindRequest request, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors().Required("reason", request.Reason, 500);
        return errors.Any
            ? Task.FromResult(Problems.Invalid(errors))
            : OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.Unwind(request.Reason!, op));
    }
}
