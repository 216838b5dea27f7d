using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;

namespace Dealership.Contracts.AfterSale;

/// <summary>Where the store sold a policy.</summary>
public enum PolicySource
{
    /// <summary>With the car, on its deal.</summary>
    Sale = 1,

    /// <summary>At a service visit (the front desk recommends insurance).</summary>
    Service = 2,

    /// <summary>Renewing one of the store's own policies.</summary>
    Renewal = 3,
}

/// <summary>How close a policy is to its expiry: the renewal task's stage.</summary>
public enum RenewalStage
{
    /// <summary>60 days or fewer before expiry.</summary>
    SixtyDays = 1,

    /// <summary>30 days or fewer.</summary>
    ThirtyDays = 2,

    /// <summary>7 days or fewer.</summary>
    SevenDays = 3,

    /// <summary>Expired without an outcome (the task stays 30 days).</summary>
    Lapsed = 4,
}

/// <summary>What became of a policy when it came up for renewal.</summary>
public enum RenewalOutcome
{
    /// <summary>Renewed with us: a new policy of the store, its commission from the store's rates.</summary>
    RenewedWithUs = 1,

    /// <summary>Renewed with another agent or insurer (which one is kept).</summary>
    RenewedElsewhere = 2,

    /// <summary>Lost, with the reason (sold the car, price, not reached...).</summary>
    Lost = 3,
}

/// <summary>
/// A policy sold at a service visit, as the insurer issued it. The commission is not stated: it is the premium at the insurer's
/// rate in the store's books (its policies).
/// </summary>
/// <param name="Vin">The insured car.</param>
/// <param name="CustomerId">The insured customer (as this store knows them).</param>
/// <param name="Insurer">The insurer, as its policy prints it (one the store has a rate for).</param>
/// <param name="PolicyNumber">The insurer's policy number.</param>
/// <param name="Kind">Compulsory (交强险) or Commercial (商业险).</param>
/// <param name="Premium">What the customer pays (CNY).</param>
/// <param name="StartsOn">The day cover starts.</param>
/// <param name="ExpiresOn">The day cover ends (a year after it starts if left out).</param>
[GenerateSerializer, Immutable, Alias("NewServicePolicy")]
public sealed record NewServicePolicy(
    [property: Id(0)] string Vin,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Insurer,
    [property: Id(3)] string PolicyNumber,
    [property: Id(4)] InsuranceKind Kind,
    [property: Id(5)] decimal Premium,
    [property: Id(6)] DateOnly StartsOn,
    [property: Id(7)] DateOnly? ExpiresOn = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("vin", Vin, 17).Required("customerId", CustomerId, 40);
        if (StartsOn == default)
        {
            errors.Add("startsOn", "is required: the day cover starts (yyyy-MM-dd).");
        }

        if (!string.IsNullOrWhiteSpace(Vin) && !Vehicles.Vin.IsValid(Vin))
        {
            errors.Add("vin", "is not a VIN (17 letters and digits, no I, O or Q).");
        }
        return PolicyTerms.Validate(errors, Insurer, PolicyNumber, Kind, Premium, StartsOn, ExpiresOn);
    }
}

/// <summary>A renewal task's outcome as the desk records it.</summary>
/// <param name="Outcome">RenewedWithUs, RenewedElsewhere or Lost.</param>
/// <param name="PolicyNumber">For RenewedWithUs: the new policy's number.</param>
/// <param name="Premium">For RenewedWithUs: the new policy's premium (CNY).</param>
/// <param name="Insurer">For RenewedWithUs: the new policy's insurer (the same one if left out); for RenewedElsewhere: which insurer or agent.</param>
/// <param name="ExpiresOn">For RenewedWithUs: the new policy's expiry (a year after the old one's if left out).</param>
/// <param name="Reason">For Lost: why.</param>
[GenerateSerializer, Immutable, Alias("RenewalDraft")]
public sealed record RenewalDraft(
    [property: Id(0)] RenewalOutcome Outcome,
    [property: Id(1)] string? PolicyNumber = null,
    [property: Id(2)] decimal? Premium = null,
    [property: Id(3)] string? Insurer = null,
    [property: Id(4)] DateOnly? ExpiresOn = null,
    [property: Id(5)] string? Reason = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().MaxLength("insurer", Insurer, 80).MaxLength("reason", Reason, 200).MaxLength("policyNumber", PolicyNumber, 40);
        switch (Outcome)
        {
            case RenewalOutcome.RenewedWithUs:
                errors.Required("policyNumber", PolicyNumber, 40);
                if (Premium is not { } premium)
                {
                    errors.Add("premium", "is required when the policy was renewed with us.");
                }
                else
                {
                    PolicyTerms.Premium(errors, premium);
                }

                break;
            case RenewalOutcome.RenewedElsewhere:
                errors.Required("insurer", Insurer, 80);
                break;
            case RenewalOutcome.Lost:
                errors.Required("reason", Reason, 200);
                break;
            default:
                errors.Add("outcome", "must be RenewedWithUs, RenewedElsewhere or Lost.");
                break;
        }

        return errors;
    }
}

/// <summary>The checks every policy's terms pass, wherever it was sold.</summary>
public static class PolicyTerms
{
    /// <summary>A policy runs a year by default (to the day before the same date next year); never more than three.</summary>
    public static DateOnly DefaultExpiry(DateOnly startsOn) => startsOn.AddYears(1).AddDays(-1);

    public static FieldErrors Validate(FieldErrors errors, string insurer, string policyNumber, InsuranceKind kind, decimal premium, DateOnly startsOn,
        DateOnly? expiresOn)
    {
        errors.Required("insurer", insurer, 80).Required("policyNumber", policyNumber, 40);
        Premium(errors, premium);
        if (!Enum.IsDefined(kind))
        {
            errors.Add("kind", "must be Compulsory (交强险) or Commercial (商业险).");
        }

        if (expiresOn is { } expiry && (expiry <= startsOn || expiry > startsOn.AddYears(3)))
        {
            errors.Add("expiresOn", "must be after startsOn and at most three years later.");
        }

        return errors;
    }

    public static FieldErrors Premium(FieldErrors errors, decimal premium)
    {
        errors.Range("premium", premium, 0.01m, 1_000_000m);
        if (decimal.Round(premium, 2) != premium)
        {
            errors.Add("premium", "must have at most 2 decimal places.");
        }

        return errors;
    }
}

/// <summary>A renewal's outcome, with who recorded it and when.</summary>
[GenerateSerializer, Immutable, Alias("RenewalRecord")]
public sealed record RenewalRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] RenewalOutcome Outcome,
    [property: Id(3)] string? Insurer,
    [property: Id(4)] string? Reason,
    [property: Id(5)] string? NewPolicyId);

/// <summary>A policy the store sold, and its renewal's outcome once there is one.</summary>
[GenerateSerializer, Immutable, Alias("InsurancePolicyView")]
public sealed record InsurancePolicyView(
    [property: Id(0)] string PolicyId,
    [property: Id(1)] string? Vin,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string CustomerName,
    [property: Id(4)] string? Model,
    [property: Id(5)] string Insurer,
    [property: Id(6)] string PolicyNumber,
    [property: Id(7)] InsuranceKind Kind,
    [property: Id(8)] decimal Premium,
    [property: Id(9)] decimal Commission,
    [property: Id(10)] DateOnly StartsOn,
    [property: Id(11)] DateOnly ExpiresOn,
    [property: Id(12)] PolicySource Source,
    [property: Id(13)] string? DealId,
    [property: Id(14)] string? RenewsPolicyId,
    [property: Id(15)] DateTimeOffset RecordedAt,
    [property: Id(16)] string RecordedBy,
    [property: Id(17)] RenewalRecord? Renewal);

/// <summary>What the desk needs to call about a renewal: the policy, whom to call (the number in full) and their consent.</summary>
[GenerateSerializer, Immutable, Alias("RenewalCallCard")]
public sealed record RenewalCallCard(
    [property: Id(0)] InsurancePolicyView Policy,
    [property: Id(1)] string Mobile,
    [property: Id(2)] bool MarketingConsent,
    [property: Id(3)] int DaysLeft,
    [property: Id(4)] RenewalStage? Stage);

/// <summary>A policy coming up for renewal, on the desk's task list (mobile masked).</summary>
[GenerateSerializer, Immutable, Alias("RenewalTask")]
public sealed record RenewalTask(
    [property: Id(0)] string PolicyId,
    [property: Id(1)] string? Vin,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string? MaskedMobile,
    [property: Id(4)] string? Model,
    [property: Id(5)] string Insurer,
    [property: Id(6)] InsuranceKind Kind,
    [property: Id(7)] decimal Premium,
    [property: Id(8)] DateOnly ExpiresOn,
    [property: Id(9)] int DaysLeft,
    [property: Id(10)] RenewalStage Stage);

/// <summary>One person's renewals closed in the period.</summary>
[GenerateSerializer, Immutable, Alias("PersonRenewals")]
public sealed record PersonRenewals(
    [property: Id(0)] string By,
    [property: Id(1)] int Closed,
    [property: Id(2)] int RenewedWithUs,
    [property: Id(3)] decimal Premium,
    [property: Id(4)] decimal Commission,
    [property: Id(5)] decimal Rate);

/// <summary>
/// The store's renewal rate over the policies that expired (or expire) in the period: renewed with us ÷ all of them; and each
/// person's renewals closed in the period.
/// </summary>
[GenerateSerializer, Immutable, Alias("RenewalRate")]
public sealed record RenewalRate(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] int Expiring,
    [property: Id(3)] int RenewedWithUs,
    [property: Id(4)] int RenewedElsewhere,
    [property: Id(5)] int Lost,
    [property: Id(6)] int Open,
    [property: Id(7)] decimal Rate,
    [property: Id(8)] decimal RenewedPremium,
    [property: Id(9)] decimal RenewedCommission,
    [property: Id(10)] IReadOnlyList<PersonRenewals> People);

/// <summary>
/// A store's insurance renewals (续保): the policies it sold, the tasks as they come due (60, 30 and 7 days before expiry) and
/// their outcomes, and the renewal rate. Stateless: everything is rows. Key: <see cref="GrainKeys.Store"/>.
/// </summary>
[Alias("IInsuranceDeskGrain")]
public interface IInsuranceDeskGrain : IGrainWithStringKey
{
    /// <summary>The open renewal tasks, soonest expiry first.</summary>
    [Alias("Tasks")]
    Task<Outcome<Page<RenewalTask>>> Tasks(PageRequest page);

    [Alias("CallCard")]
    Task<Outcome<RenewalCallCard>> CallCard(string policyId);

    [Alias("RecordPolicy")]
    Task<Outcome<InsurancePolicyView>> RecordPolicy(NewServicePolicy policy, string? operationId);

    [Alias("Renew")]
    Task<Outcome<InsurancePolicyView>> Renew(string policyId, RenewalDraft draft, string? operationId);

    [Alias("Rate")]
    Task<Outcome<RenewalRate>> Rate(DateOnly from, DateOnly to);
}
