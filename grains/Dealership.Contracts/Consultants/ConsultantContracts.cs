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
