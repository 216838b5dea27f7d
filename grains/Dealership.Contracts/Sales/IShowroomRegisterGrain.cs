using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>
/// One store's showroom register (来店来电登记) for one local day: it numbers the day's entries and hands walk-ins out one at a
/// time. Key: <see cref="GrainKeys.ShowroomRegister"/>.
/// </summary>
[Alias("IShowroomRegisterGrain")]
public interface IShowroomRegisterGrain : IGrainWithStringKey
{
    /// <summary>Logs a visit or call: matches or creates the customer, hands a walk-in to the consultant up next.</summary>
    [Alias("Log")]
    Task<Outcome<RegisterEntry>> Log(NewRegisterEntry entry, string? operationId);

    /// <summary>The day's entries in the order they were logged, a page at a time.</summary>
    [Alias("List")]
    Task<Outcome<Page<RegisterEntry>>> List(PageRequest page);
}
