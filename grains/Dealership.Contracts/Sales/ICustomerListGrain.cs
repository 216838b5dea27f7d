using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>
/// A store's customers and prospect cards, read with SQL from the rows each customer writes with its own state.
/// Key: <see cref="GrainKeys.Store"/>. A consultant sees only their own prospects.
/// </summary>
[Alias("ICustomerListGrain")]
public interface ICustomerListGrain : IGrainWithStringKey
{
    /// <summary>Prospect cards by next follow-up due (none last), optionally of one consultant, in one status, or overdue now.</summary>
    [Alias("Prospects")]
    Task<Outcome<Page<ProspectSummary>>> Prospects(ProspectFilter filter, PageRequest page);

    /// <summary>The store's customers, newest first, optionally those whose name or mobile contains <paramref name="search"/>.</summary>
    [Alias("Customers")]
    Task<Outcome<Page<CustomerSummary>>> Customers(string? search, PageRequest page);

    /// <summary>Overdue follow-ups now, per consultant.</summary>
    [Alias("OverdueByConsultant")]
    Task<IReadOnlyDictionary<string, int>> OverdueByConsultant();

    /// <summary>Hands every active prospect of one consultant to another; the first refusal stops the run.</summary>
    [Alias("ReassignAll")]
    Task<Outcome<ReassignResult>> ReassignAll(string fromConsultantId, string toConsultantId);
}
