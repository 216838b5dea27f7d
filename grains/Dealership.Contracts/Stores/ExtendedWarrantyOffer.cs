using Dealership.Contracts.Common;

namespace Dealership.Contracts.Stores;

/// <summary>
/// The extended warranty (延保) a store sells: the years and kilometres it adds after the basic warranty ends, and its price and
/// cost from the store's books (CNY), so the person who sells it never states them.
/// </summary>
/// <param name="Years">Years added after the basic warranty's end date (1-5).</param>
/// <param name="Km">Kilometres added to the basic warranty's distance.</param>
/// <param name="Price">What the customer pays, VAT-inclusive.</param>
/// <param name="Cost">What the store pays the warranty's provider.</param>
[GenerateSerializer, Immutable, Alias("ExtendedWarrantyOffer")]
public sealed record ExtendedWarrantyOffer(
    [property: Id(0)] int Years,
    [property: Id(1)] int Km,
    [property: Id(2)] decimal Price,
    [property: Id(3)] decimal Cost)
{
    public override string ToString() => $"{Years} years / {Km} km at {Price:0.00} (cost {Cost:0.00})";

    public FieldErrors Validate(FieldErrors errors) => errors
        .Range("extendedWarranty.years", Years, 1, 5)
        .Range("extendedWarranty.km", Km, 10_000, 300_000)
        .Range("extendedWarranty.price", Price, 0.01m, 200_000m)
        .Range("extendedWarranty.cost", Cost, 0m, 200_000m);
}
