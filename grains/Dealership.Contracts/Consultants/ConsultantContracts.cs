using Dealership.Contracts.Common;

namespace Dealership.Contracts.Consultants;

/// <summary>Where a sales consultant is right now (the showroom board shows it live).</summary>
public enum ConsultantStatus
{
    Available = 1,
    WithCustomer = 2,
    OnTestDrive = 3,
    Delivering = 4,
    Away = 5,
}

[GenerateSerializer, Immutable, Alias("ConsultantStatusChange")]
public sealed record ConsultantStatusChange(
    [property: Id(0)] ConsultantStatus From,
    [property: Id(1)] ConsultantStatus To,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By,
    [property: Id(4)] string? Note);

[GenerateSerializer, Immutable, Alias("ConsultantView")]
public sealed record ConsultantView(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string StaffId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] ConsultantStatus Status,
    [property: Id(4)] DateTimeOffset StatusSince,
    [property: Id(5)] bool Active,
    [property: Id(6)] int Revision);

/// <summary>A sales consultant in one store. Key: <see cref="GrainKeys.InStore"/>(store, staff id).</summary>
[Alias("IConsultantGrain")]
public interface IConsultantGrain : IGrainWithStringKey
{
    /// <summary>Puts the consultant on the store's floor (called when staff are created or assigned).</summary>
    [Alias("Enrol")]
    Task<Outcome<ConsultantView>> Enrol(string groupId, string displayName);

    /// <summary>Takes the consultant off the floor (left the store or the role).</summary>
    [Alias("Withdraw")]
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
    Task<Outcome<ConsultantView>> BeginWork(ConsultantStatus status, string workId, bool onlyIfAvailable);

    /// <summary>Ends the work started as <paramref name="workId"/>; the consultant's status becomes <paramref name="next"/>.</summary>
    [Alias("EndWork")]
    Task<Outcome<ConsultantView>> EndWork(string workId, ConsultantStatus next);

    /// <summary>Recent status changes, newest first.</summary>
    [Alias("GetHistory")]
    Task<Outcome<IReadOnlyList<ConsultantStatusChange>>> GetHistory();
}

/// <summary>The consultants of a store with their live status. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IConsultantIndexGrain")]
public interface IConsultantIndexGrain : IGrainWithStringKey
{
    /// <summary>Applies a consultant's view if it is newer than the one held (idempotent by revision).</summary>
    [Alias("Apply")]
    Task Apply(ConsultantView view);

    [Alias("List")]
    Task<IReadOnlyList<ConsultantView>> List();

    /// <summary>"Up next": available consultants, the one who has waited longest first.</summary>
    [Alias("UpNext")]
    Task<IReadOnlyList<ConsultantView>> UpNext();
}
