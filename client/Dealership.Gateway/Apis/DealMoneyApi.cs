using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record LoanDocumentRequest([property: Required] string? Document);

public sealed record LoanStepRequest(LoanStep Step, string? Note);

/// <summary>The cashier's payments and invoice, and the finance specialist's loan cases.</summary>
public static class DealMoneyApi
{
    public static IEndpointRouteBuilder MapDealMoneyApi(this IEndpointRouteBuilder app, ApiVersion version)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags("Deals");
        api.MapPost("/deals/{dealId}/payments", Pay).ForStore(RoleSets.Cashier).WithName("RecordPayment")
            .AnswersOrCreates<DealView, PaymentEntry>(version).Conflicts("illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Record a deposit (定金 at most 20% of the price), a payment or a refund.");
        api.MapPost("/deals/{dealId}/invoice", Invoice).ForStore(RoleSets.Cashier).WithName("IssueInvoice")
            .Answers<DealView>().Conflicts("illegal-transition", "idempotency-key-reused")
            .Refuses("no-vehicle", "approval-pending", "not-paid", "vehicle-not-in-stock").HonoursIdempotencyKey()
            .WithSummary("Issue the sales invoice (a retail sale): paid in full, or the loan approved and the down payment paid; the car is sold.");
        api.MapPost("/deals/{dealId}/loan", OpenLoan).ForStore(RoleSets.Finance).WithName("OpenLoanCase")
            .AnswersOrCreates<DealView, LoanCase>(version).Conflicts("illegal-transition", "loan-exists", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Open the deal's loan case: lender, amount, term, down payment (amount + down payment = what the customer owes).");
        api.MapGet("/deals/{dealId}/loan", Loan).ForStore(RoleSets.LoanReaders).WithName("GetLoanCase").Answers<LoanCase>()
            .WithSummary("The deal's loan case: lender, amount, term, down payment, its checklist documents and where it stands.");
        api.MapGet("/deals/{dealId}/payments/{number:int}", Payment).ForStore(RoleSets.DealReaders).WithName("GetDealPayment")
            .Answers<PaymentEntry>().WithSummary("One payment of the deal, by its number.");
        api.MapPost("/deals/{dealId}/loan/documents", Collect).ForStore(RoleSets.Finance).WithName("CollectLoanDocument")
            .Answers<DealView>().Conflicts("no-loan", "illegal-transition", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Record a checklist document as collected, with who and when.");
        api.MapPost("/deals/{dealId}/loan/steps", Step).ForStore(RoleSets.Finance).WithName("MoveLoanCase")
            .Answers<DealView>().Conflicts("no-loan", "illegal-transition", "idempotency-key-reused").Refuses("documents-missing")
            .HonoursIdempotencyKey()
            .WithSummary("Submit (all documents in), Approve, Reject (with the reason), Disburse, RegisterCollateral (with the plate number).");
        api.MapGet("/loans", Loans).ForStore(RoleSets.LoanReaders).WithName("ListLoanCases").Answers<Page<DealSummary>>()
            .WithSummary("The finance specialist's case list, optionally in one state, newest deals first, a page at a time.");
        return app;
    }

    private static async Task<IResult> Pay(string storeId, string dealId, PaymentDraft payment, IClusterClient cluster, HttpContext http)
    {
        if (payment is null)
        {
            return Problems.Invalid("kind", "is required.");
        }

        var errors = payment.Validate();
        return errors.Any
            ? Problems.Invalid(errors)
            : await DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.RecordPayment(payment, op), ApiVersions.Of(http.Request) == ApiVersion.V2
                ? d => d.Payments.MaxBy(p => p.Number) is { } paid
                    ? TypedResults.Created($"/api/stores/{storeId}/deals/{dealId}/payments/{paid.Number}", paid)
                    : throw new InvalidOperationException("A payment was recorded but the deal shows none.")
                : null);
    }

    private static Task<IResult> Invoice(string storeId, string dealId, IClusterClient cluster, HttpContext http) =>
        DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.IssueInvoice(op));

    private static async Task<IResult> OpenLoan(string storeId, string dealId, LoanRequest loan, IClusterClient cluster, HttpContext http)
    {
        if (loan is null)
        {
            return Problems.Invalid("lender", "is required.");
        }

        var errors = loan.Validate();
        return errors.Any
            ? Problems.Invalid(errors)
            : await DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.OpenLoan(loan, op), ApiVersions.Of(http.Request) == ApiVersion.V2
                ? d => TypedResults.Created($"/api/stores/{storeId}/deals/{dealId}/loan", d.Loan)
                : null);
    }

    private static async Task<IResult> Loan(string storeId, string dealId, IClusterClient cluster)
    {
        if (!Idempotency.IsRecordId(dealId, DealsApi.Prefix))
        {
            return DealsApi.NotFound();
        }

        var deal = await DealsApi.Grain(cluster, storeId, dealId).Get();
        return deal.ToResult(d => d.Loan is { } loan ? TypedResults.Ok(loan) : Problems.ToResult(Problem.NotFound("Loan case")));
    }

    private static async Task<IResult> Payment(string storeId, string dealId, int number, IClusterClient cluster) =>
        Idempotency.IsRecordId(dealId, DealsApi.Prefix) ? (await DealsApi.Grain(cluster, storeId, dealId).GetPayment(number)).ToResult() : DealsApi.NotFound();

    private static async Task<IResult> Collect(string storeId, string dealId, LoanDocumentRequest request, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors().Required("document", request.Document, 80);
        return errors.Any
            ? Problems.Invalid(errors)
            : await DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.CollectLoanDocument(request.Document!, op));
    }

    private static async Task<IResult> Step(string storeId, string dealId, LoanStepRequest request, IClusterClient cluster, HttpContext http)
    {
        if (!Enum.IsDefined(request.Step))
        {
            return Problems.Invalid("step", "must be Submit, Approve, Reject, Disburse or RegisterCollateral.");
        }

        return await DealsApi.OnDeal(storeId, dealId, cluster, http, (deal, op) => deal.MoveLoan(request.Step, request.Note, op));
    }

    private static async Task<IResult> Loans(string storeId, LoanStatus? status, int? limit, string? after, IClusterClient cluster)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return Problems.Invalid("status", "is not a loan status.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IDealListGrain>(GrainKeys.Store(storeId)).Loans(status, page)).ToResult();
    }
}
