using Dealership.Contracts.Common;

namespace Dealership.Contracts.Stores;

/// <summary>Who works a store's insurance renewal tasks.</summary>
public enum RenewalDesk
{
    ServiceAdvisor = 1,
    SalesConsultant = 2,
}

/// <summary>An insurer the store sells for, and the commission it pays as a share of the premium (0.12 = 12%).</summary>
/// <param name="Insurer">The insurer's name as its policies print it (e.g. 中国平安).</param>
/// <param name="CompulsoryRate">Commission on compulsory traffic insurance (交强险).</param>
/// <param name="CommercialRate">Commission on commercial cover (商业险).</param>
[GenerateSerializer, Immutable, Alias("InsurerRate")]
public sealed record InsurerRate(
    [property: Id(0)] string Insurer,
    [property: Id(1)] decimal CompulsoryRate,
    [property: Id(2)] decimal CommercialRate)
{
    public const int MaxInsurers = 30;

    public override string ToString() => $"{Insurer} {CompulsoryRate:0.####}/{CommercialRate:0.####}";

    public static FieldErrors ValidateAll(IReadOnlyList<InsurerRate>? rates, FieldErrors errors)
    {
        if (rates is null || rates.Count > MaxInsurers)
        {
            return errors.Add("insurerRates", $"must list at most {MaxInsurers} insurers.");
        }

        for (var i = 0; i < rates.Count; i++)
        {
            if (rates[i] is not { } rate)
            {
                errors.Add($"insurerRates[{i}]", "is required.");
                continue;
            }

            errors.Required($"insurerRates[{i}].insurer", rate.Insurer, 80)
                .Range($"insurerRates[{i}].compulsoryRate", rate.CompulsoryRate, 0m, 0.5m)
                .Range($"insurerRates[{i}].commercialRate", rate.CommercialRate, 0m, 0.5m);
        }

        if (rates.Where(r => r is not null).Select(r => r.Insurer?.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != rates.Count)
        {
            errors.Add("insurerRates", "must not list an insurer twice.");
        }

        return errors;
    }
}
