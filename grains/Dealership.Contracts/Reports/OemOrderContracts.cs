using Dealership.Contracts.Common;

namespace Dealership.Contracts.Reports;

/// <summary>Draft (the clerk edits; a rejected order comes back here with the reason) → Submitted → Approved (sealed, locked) → Sent to the OEM.</summary>
public enum OemOrderStatus
{
    Draft = 1,
    Submitted = 2,
    Approved = 3,
    Sent = 4,
}

[GenerateSerializer, Immutable, Alias("OemOrderLine")]
public sealed record OemOrderLine(
    [property: Id(0)] string Model,
    [property: Id(1)] string Trim,
    [property: Id(2)] string Colour,
    [property: Id(3)] int Quantity);

/// <summary>
/// How the system arrived at its suggestion for one specification: <see cref="Available"/> is in stock or in transit and free;
/// <see cref="OnOrder"/> is registered as ordered, or in an earlier month's approved order and not yet arrived.
/// </summary>
[GenerateSerializer, Immutable, Alias("OemProposalLine")]
public sealed record OemProposalLine(
    [property: Id(0)] string Model,
    [property: Id(1)] string Trim,
    [property: Id(2)] string Colour,
    [property: Id(3)] int Available,
    [property: Id(4)] int RetailLastThreeMonths,
    [property: Id(5)] decimal MonthlyPace,
    [property: Id(6)] decimal Forecast,
    [property: Id(7)] int Proposed,
    [property: Id(8)] int OnOrder = 0);

/// <summary>
/// The GM's or sales manager's approval: who, when, and the store seal over exactly these lines. <see cref="Signature"/> is the
/// keyed seal (HMAC under the store's key) over the lines, approver and time, checked on every export.
/// </summary>
[GenerateSerializer, Immutable, Alias("OemOrderSeal")]
public sealed record OemOrderSeal(
    [property: Id(0)] string StoreName,
    [property: Id(1)] string ApprovedBy,
    [property: Id(2)] DateTimeOffset ApprovedAt,
    [property: Id(3)] string LinesDigest,
    [property: Id(4)] string Signature = "");

/// <summary>Who sent the approved order to the OEM, when, and the OEM's reference for it if it gave one.</summary>
[GenerateSerializer, Immutable, Alias("OemOrderDispatch")]
public sealed record OemOrderDispatch(
    [property: Id(0)] string SentBy,
    [property: Id(1)] DateTimeOffset SentAt,
    [property: Id(2)] string? Reference);

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
    [property: Id(9)] int Revision,
    [property: Id(10)] OemOrderDispatch? Sent = null,
    [property: Id(11)] string? ProposalBasis = null);

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

    /// <summary>The clerk records that the approved order went to the OEM (who, when, the OEM's reference).</summary>
    [Alias("MarkSent")]
    Task<Outcome<OemOrderView>> MarkSent(string? reference, string? operationId);

    /// <summary>
    /// The approved or sent order for the OEM's upload file, once its seal is checked against its lines, approver and time
    /// (409 <c>seal-broken</c> if they no longer match; <c>not-approved</c> before approval).
    /// </summary>
    [Alias("Export")]
    Task<Outcome<OemOrderView>> Export();
}
