using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>
/// A store's deals, read with SQL from the row each deal writes with its own state. Key: <see cref="GrainKeys.Store"/>.
/// Newest first (by when the deal was opened), so pages stay stable while deals move on. A consultant sees only their own.
/// </summary>
[Alias("IDealListGrain")]
public interface IDealListGrain : IGrainWithStringKey
{
    /// <summary>The store's deals, optionally of one consultant or in one status (PendingApproval: the approval queue).</summary>
    [Alias("List")]
    Task<Outcome<Page<DealSummary>>> List(string? consultantId, DealStatus? status, PageRequest page);

    /// <summary>The finance specialist's case list: deals with a loan case, optionally in one state.</summary>
    [Alias("Loans")]
    Task<Outcome<Page<DealSummary>>> Loans(LoanStatus? status, PageRequest page);
}
