using Dealership.Contracts.Common;

namespace Dealership.Contracts.Parts;

/// <summary>
/// One of the store's suppliers (供应商): how to reach it, its usual lead time and payment terms, and who changed its record last
/// (all empty for a supplier the store's parts or orders name that has no record yet).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierRecord")]
public sealed record SupplierRecord(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Contact,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string? TaxNumber,
    [property: Id(4)] string? Address,
    [property: Id(5)] int? LeadTimeDays,
    [property: Id(6)] int? PaymentDays,
    [property: Id(7)] DateTimeOffset? UpdatedAt,
    [property: Id(8)] string? UpdatedBy);

/// <summary>The store's suppliers (key: <see cref="GrainKeys.Store"/>), by name.</summary>
[Alias("ISupplierListGrain")]
public interface ISupplierListGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<Outcome<Page<SupplierRecord>>> List(PageRequest page);
}
