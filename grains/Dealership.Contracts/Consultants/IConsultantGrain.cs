using Dealership.Contracts.Common;

namespace Dealership.Contracts.Consultants;

/// <summary>A sales consultant in one store. Key: <see cref="GrainKeys.InStore"/>(store, staff id).</summary>
[Alias("IConsultantGrain")]
public interface IConsultantGrain : IGrainWithStringKey
{
    /// <summary>Puts the consultant on the store's floor (called when staff are created or assigned).</summary>
    [Alias("Enrol")]
    [ForGrainsOnly]
    Task<Outcome<ConsultantView>> Enrol(string groupId, string displayName);

    /// <summary>Takes the consultant off the floor (left the store or the role).</summary>
    [Alias("Withdraw")]
    [ForGrainsOnly]
    Task<Outcome<ConsultantView>> Withdraw();

    [Alias("Get")]
    Task<Outcome<ConsultantView>> Get();

    /// <summary>Sets the live status; the change is recorded with who and when and published to the store feed.</summary>
    [Alias("SetStatus")]
    Task<Outcome<ConsultantView>> SetStatus(ConsultantStatus status, string? note, string? operationId);

    /// <summary>
    /// Status follows the work: a walk-in (<paramref name="onlyIfAvailable"/>: refused with <c>consultant-busy</c> unless
    /// available), a test drive (refused with <c>consultant-on-test-drive</c> while another drive is running) or a handover.
    /// Starting the same work again changes nothing.
    /// </summary>
    [Alias("BeginWork")]
    [ForGrainsOnly]
    Task<Outcome<ConsultantView>> BeginWork(ConsultantStatus status, string workId, bool onlyIfAvailable);

    /// <summary>Ends the work started as <paramref name="workId"/>; the consultant's status becomes <paramref name="next"/>.</summary>
    [Alias("EndWork")]
    [ForGrainsOnly]
    Task<Outcome<ConsultantView>> EndWork(string workId, ConsultantStatus next);

    /// <summary>Status changes, newest first, a page at a time.</summary>
    [Alias("GetHistory")]
    Task<Outcome<Page<ConsultantStatusChange>>> GetHistory(PageRequest page);
}
