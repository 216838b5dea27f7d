using Dealership.Contracts.Common;

namespace Dealership.Contracts.Consultants;

/// <summary>
/// The consultants of a store with their live status, read from the consultants' own rows (every status change writes its row
/// in the same transaction). "Up next", read by every screen on the floor, is answered from memory: each consultant tells the
/// list of every change once it is committed. Key: <see cref="GrainKeys.Store"/>. A store has tens of consultants, so the list
/// is not paged.
/// </summary>
[Alias("IConsultantListGrain")]
public interface IConsultantListGrain : IGrainWithStringKey
{
    /// <summary>The consultants on the store's floor, by name.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ConsultantView>> List();

    /// <summary>"Up next": available consultants, the one who has waited longest first.</summary>
    [Alias("UpNext")]
    Task<IReadOnlyList<ConsultantView>> UpNext();

    /// <summary>A consultant's change, committed: the floor in memory takes it unless it already has a later one.</summary>
    [Alias("Changed"), ForGrainsOnly]
    Task Changed(string groupId, ConsultantView view);
}
