using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>Accessories sold (or given) after the contract is signed (签订合同后推销装饰): they go on the invoice.</summary>
[GenerateSerializer, Immutable, Alias("AddOnAccessories")]
public sealed record AddOnAccessories([property: Id(0), System.ComponentModel.DataAnnotations.Required] IReadOnlyList<Accessory>? Accessories)
{
    public FieldErrors Validate()
    {
        var lines = Accessories ?? [];
        var errors = new FieldErrors();
        if (lines.Count is 0 or > 20)
        {
            return errors.Add("accessories", "must list 1-20 accessories.");
        }

        // The same checks as a quote's accessories.
        var asTerms = new DealTerms("m", "t", "c", 0m, 0m, 0m, 0m, lines, 0m, 0m, null, null, DepositKind.Refundable).Validate();
        foreach (var (field, messages) in asTerms.ToDictionary().Where(e => e.Key.StartsWith("accessories", StringComparison.Ordinal)))
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        return errors;
    }
}

/// <summary>Compulsory traffic insurance (交强险) or commercial cover (商业险).</summary>
public enum InsuranceKind
{
    Compulsory = 1,
    Commercial = 2,
}

/// <summary>An insurance policy sold with the car, as the insurer issued it: the premium the customer pays, the store's commission.</summary>
/// <param name="Insurer">The insurer, as its policy prints it.</param>
/// <param name="PolicyNumber">The insurer's policy number.</param>
/// <param name="Kind">Compulsory (交强险) or Commercial (商业险).</param>
/// <param name="Premium">What the customer pays (CNY).</param>
/// <param name="Commission">What the insurer pays the store (CNY), as the finance desk has it from the insurer.</param>
/// <param name="StartsOn">The day cover starts (the store's today if left out).</param>
/// <param name="ExpiresOn">The day cover ends (a year after it starts if left out): its renewal is worked from 60 days before.</param>
[GenerateSerializer, Immutable, Alias("NewInsurancePolicy")]
public sealed record NewInsurancePolicy(
    [property: Id(0)] string Insurer,
    [property: Id(1)] string PolicyNumber,
    [property: Id(2)] InsuranceKind Kind,
    [property: Id(3)] decimal Premium,
    [property: Id(4)] decimal Commission,
    [property: Id(5)] DateOnly? StartsOn = null,
    [property: Id(6)] DateOnly? ExpiresOn = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("insurer", Insurer, 80).Required("policyNumber", PolicyNumber, 40)
            .Range("premium", Premium, 0.01m, 1_000_000m).Range("commission", Commission, 0m, 1_000_000m);
        if (!Enum.IsDefined(Kind))
        {
            errors.Add("kind", "must be Compulsory (交强险) or Commercial (商业险).");
        }

        if (StartsOn is { } starts && ExpiresOn is { } expires && (expires <= starts || expires > starts.AddYears(3)))
        {
            errors.Add("expiresOn", "must be after startsOn and at most three years later.");
        }

        if (Commission > Premium)
        {
            errors.Add("commission", "must not be above the premium.");
        }

        if (decimal.Round(Premium, 2) != Premium || decimal.Round(Commission, 2) != Commission)
        {
            errors.Add(decimal.Round(Premium, 2) != Premium ? "premium" : "commission", "must have at most 2 decimal places.");
        }

        return errors;
    }
}

/// <summary>A recorded insurance policy of a deal, with who recorded it and when.</summary>
[GenerateSerializer, Immutable, Alias("InsurancePolicyRecord")]
public sealed record InsurancePolicyRecord(
    [property: Id(0)] NewInsurancePolicy Policy,
    [property: Id(1)] DateTimeOffset RecordedAt,
    [property: Id(2)] string RecordedBy);

/// <summary>One line of the sales invoice: the car, or an accessory sold with it.</summary>
[GenerateSerializer, Immutable, Alias("InvoiceLine")]
public sealed record InvoiceLine(
    [property: Id(0)] string Description,
    [property: Id(1)] decimal Amount);
