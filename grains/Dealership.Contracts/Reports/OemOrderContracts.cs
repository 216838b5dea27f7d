using Dealership.Contracts.Common;

namespace Dealership.Contracts.Reports;

/// <summary>Draft (the clerk edits; a rejected order comes back here with the reason) → Submitted → Approved (locked).</summary>
public enum OemOrderStatus
{
    Draft = 1,
    Submitted = 2,
    Approved = 3,
}

[GenerateSerializer, Immutable, Alias("OemOrderLine")]
public sealed record OemOrderLine(
    [property: Id(0)] string Model,
    [property: Id(1)] string Trim,
    [property: Id(2)] string Colour,
    [property: Id(3)] int Quantity);

/// <summary>How the system arrived at its suggestion for one specification.</summary>
[GenerateSerializer, Immutable, Alias("OemProposalLine")]
public sealed record OemProposalLine(
    [property: Id(0)] string Model,
    [property: Id(1)] string Trim,
    [property: Id(2)] string Colour,
    [property: Id(3)] int Available,
    [property: Id(4)] int RetailLastThreeMonths,
    [property: Id(5)] decimal MonthlyPace,
    [property: Id(6)] decimal Forecast,
    [property: Id(7)] int Proposed);

/// <summary>The GM's or sales manager's approval: who, when, and the store seal over exactly these lines.</summary>
[GenerateSerializer, Immutable, Alias("OemOrderSeal")]
public sealed record OemOrderSeal(
    [property: Id(0)] string StoreName,
    [property: Id(1)] string ApprovedBy,
    [property: Id(2)] DateTimeOffset ApprovedAt,
    [property: Id(3)] string LinesDigest);

[GenerateSerializer, Immutable, Alias("OemOrderEvent")]
public sealed record OemOrderEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string What);

[GenerateSerializer, Immutable, Alias("OemOrderView")]
public sealed record OemOrderView(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string Month,
    [property: Id(2)] OemOrderStatus Status,
    [property: Id(3)] IReadOnlyList<OemOrderLine> Lines,
    [property: Id(4)] IReadOnlyList<OemProposalLine> Proposal,
    [property: Id(5)] int? TargetUnits,
    [property: Id(6)] string? RejectionReason,
    [property: Id(7)] OemOrderSeal? Seal,
    [property: Id(8)] IReadOnlyList<OemOrderEvent> History,
    [property: Id(9)] int Revision);

/// <summary>A store's vehicle order to the OEM for one month. Key: <see cref="GrainKeys.InStore"/>(store, "oem-order-yyyy-MM").</summary>
[Alias("IOemOrderGrain")]
public interface IOemOrderGrain : IGrainWithStringKey
{
    /// <summary>The clerk asks for the system's proposal (optionally against a target in units); the draft's lines become it.</summary>
    [Alias("Propose")]
    Task<Outcome<OemOrderView>> Propose(int? targetUnits, string? operationId);

    [Alias("Get")]
    Task<Outcome<OemOrderView>> Get();

    /// <summary>The clerk sets the lines of the draft.</summary>
    [Alias("EditLines")]
    Task<Outcome<OemOrderView>> EditLines(IReadOnlyList<OemOrderLine> lines, string? operationId);

    [Alias("Submit")]
    Task<Outcome<OemOrderView>> Submit(string? operationId);

    /// <summary>The GM or sales manager approves (sealed and locked) or rejects with a reason (back to the clerk).</summary>
    [Alias("Decide")]
    Task<Outcome<OemOrderView>> Decide(bool approve, string? reason, string? operationId);
}
