using System.Globalization;
using System.Text.RegularExpressions;
using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>
/// Insurance renewals (续保): policies sold at service, the renewal tasks as they come due 60, 30 and 7 days before expiry, each
/// task's outcome, and the store's renewal rate by person.
/// </summary>
public static partial class InsuranceApi
{
    public const string Tag = "Insurance renewals";

    public static IEndpointRouteBuilder MapInsuranceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(Tag);
        api.MapGet("/insurance-renewals", Tasks).ForStore(RoleSets.RenewalDeskAnywhere).WithName("ListInsuranceRenewals")
            .Answers<Page<RenewalTask>>()
            .WithSummary("The renewal tasks, soonest expiry first: the store's policies expiring within 60 days (stage SixtyDays, " +
                "ThirtyDays from 30 days, SevenDays from 7) or lapsed within 30 days, with no outcome yet, whose customer has not opted out " +
                "of marketing contact. For the store's renewal desk (its policies' renewalDesk: advisors or consultants), the finance desk " +
                "and the GM. Mobiles masked.");
        api.MapGet("/insurance-policies/{policyId}", CallCard).ForStore(RoleSets.RenewalDeskAnywhere).WithName("GetInsurancePolicy")
            .Answers<RenewalCallCard>()
            .WithSummary("A policy with what the desk needs to call about its renewal: the customer's number in full, their consent, the " +
                "days left and the stage; its outcome once recorded.");
        api.MapPost("/insurance-policies", RecordPolicy).ForStore([StaffRole.ServiceAdvisor, .. RoleSets.InsuranceDesk])
            .WithName("RecordServiceInsurancePolicy").Answers<InsurancePolicyView>().Conflicts("policy-exists", "idempotency-key-reused")
            .Refuses("insurer-not-on-books").HonoursIdempotencyKey()
            .WithSummary("Record a policy sold at a service visit (the front desk recommends insurance): the customer, the car, the " +
                "insurer's policy number, premium and dates. Its commission is the premium at the insurer's rate in the store's policies " +
                "(insurerRates): 422 insurer-not-on-books without one. Policies sold with a car are recorded on the deal.");
        api.MapPost("/insurance-policies/{policyId}/renewal", Renew).ForStore(RoleSets.RenewalDeskAnywhere).WithName("RecordInsuranceRenewal")
            .Answers<InsurancePolicyView>().Conflicts("renewal-closed", "policy-exists", "idempotency-key-reused").Refuses("insurer-not-on-books")
            .HonoursIdempotencyKey()
            .WithSummary("Close a renewal task: RenewedWithUs (the new policy's number and premium; the same insurer unless named; " +
                "cover from the day after the old one ends, a year unless expiresOn says; commission at the store's rate), " +
                "RenewedElsewhere (with which insurer) or Lost (why). One outcome per policy: a second is 409 renewal-closed.");
        api.MapGet("/insurance-renewals/rate", Rate).ForStore(RoleSets.RenewalRateReaders).WithName("GetInsuranceRenewalRate")
            .Answers<RenewalRate>()
            .WithSummary("The renewal rate over the policies expiring from..to (this month by default): renewed with us ÷ all of them, " +
                "the premium and commission renewed, and each person's renewals closed in the period.");
        return app;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{3,60}$")]
    private static partial Regex PolicyIdPattern();

    private static IInsuranceDeskGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<IInsuranceDeskGrain>(GrainKeys.Store(storeId));

    private static IResult NoPolicy() => Problems.ToResult(Problem.NotFound("Insurance policy"));

    private static async Task<IResult> Tasks(string storeId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await Grain(cluster, storeId).Tasks(page)).ToResult();
    }

    private static async Task<IResult> CallCard(string storeId, string policyId, IClusterClient cluster) =>
        PolicyIdPattern().IsMatch(policyId) ? (await Grain(cluster, storeId).CallCard(policyId)).ToResult() : NoPolicy();

    private static async Task<IResult> RecordPolicy(string storeId, NewServicePolicy policy, IClusterClient cluster, HttpContext http)
    {
        var errors = policy?.Validate() ?? new FieldErrors().Add("vin", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).RecordPolicy(policy!, operationId)).ToResult();
    }

    private static async Task<IResult> Renew(string storeId, string policyId, RenewalDraft draft, IClusterClient cluster, HttpContext http)
    {
        if (!PolicyIdPattern().IsMatch(policyId))
        {
            return NoPolicy();
        }

        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (operationId, bad) = Idempotency.OperationId(http);
        return bad ?? (await Grain(cluster, storeId).Renew(policyId, draft!, operationId)).ToResult();
    }

    private static async Task<IResult> Rate(string storeId, string? from, string? to, IClusterClient cluster, HttpContext http)
    {
        var today = http.Today();
        var first = new DateOnly(today.Year, today.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var errors = new FieldErrors();
        if (from is not null && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            errors.Add("from", "must be a date (yyyy-MM-dd).");
        }

        if (to is not null && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last))
        {
            errors.Add("to", "must be a date (yyyy-MM-dd).");
        }

        return errors.Any ? Problems.Invalid(errors) : (await Grain(cluster, storeId).Rate(first, last)).ToResult();
    }
}
