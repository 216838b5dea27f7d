using Dealership.Contracts.Common;

namespace Dealership.Contracts.Pay;

/// <summary>Where a store's month of commission statements stands: Open (the sales manager adjusts), Submitted (the general manager reviews), Approved (locked).</summary>
public enum StatementStatus
{
    Open = 1,
    Submitted = 2,
    Approved = 3,
}

/// <summary>The sales manager's change to a sale's line: the amount the line pays before the month's multiplier, why, who and when.</summary>
[GenerateSerializer, Immutable, Alias("CommissionAdjustment")]
public sealed record CommissionAdjustment(
    [property: Id(0)] string DealId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset AdjustedAt,
    [property: Id(4)] string AdjustedBy);

/// <summary>A sale paid in a locked month and unwound since: what its line paid there is taken back in the month of the unwind.</summary>
[GenerateSerializer, Immutable, Alias("Chargeback")]
public sealed record Chargeback(
    [property: Id(0)] string DealId,
    [property: Id(1)] string Model,
    [property: Id(2)] string PaidInMonth,
    [property: Id(3)] DateOnly UnwoundOn,
    [property: Id(4)] decimal Amount);

/// <summary>
/// A consultant's commission statement for a month: the month as the plans worked it (every sale's line and component), the sales
/// manager's adjustments, the chargebacks of sales unwound since they were paid, and what it pays:
/// <c>fen((Σ lines, each as adjusted) × multiplier) − Σ chargebacks</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ConsultantStatement")]
public sealed record ConsultantStatement(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] string Month,
    [property: Id(2)] CommissionMonth Worked,
    [property: Id(3)] IReadOnlyList<CommissionAdjustment> Adjustments,
    [property: Id(4)] IReadOnlyList<Chargeback> Chargebacks,
    [property: Id(5)] decimal Adjusted,
    [property: Id(6)] decimal ChargedBack,
    [property: Id(7)] decimal Total,
    [property: Id(8)] StatementStatus Status);

/// <summary>A store's month of commission statements: its status with who moved it when, every consultant's statement and the sum.</summary>
[GenerateSerializer, Immutable, Alias("CommissionStatements")]
public sealed record CommissionStatements(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string Month,
    [property: Id(2)] StatementStatus Status,
    [property: Id(3)] DateTimeOffset? SubmittedAt,
    [property: Id(4)] string? SubmittedBy,
    [property: Id(5)] DateTimeOffset? ApprovedAt,
    [property: Id(6)] string? ApprovedBy,
    [property: Id(7)] string? ReturnedReason,
    [property: Id(8)] IReadOnlyList<ConsultantStatement> Consultants,
    [property: Id(9)] decimal Total);

/// <summary>A line adjusted by the sales manager: the sale, the amount it pays before the multiplier, and why.</summary>
[GenerateSerializer, Immutable, Alias("NewCommissionAdjustment")]
public sealed record NewCommissionAdjustment(
    [property: Id(0)] string DealId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Reason)
{
    public FieldErrors Validate() => new FieldErrors()
        .Required("dealId", DealId, 80)
        .Range("amount", Amount, -1_000_000m, 1_000_000m)
        .Required("reason", Reason, 500);
}

/// <summary>
/// A store's month of commission statements (key: <see cref="GrainKeys.CommissionMonth"/>): computed from the records while the month
/// is open or submitted; kept as approved, and never changed, once the general manager approves.
/// </summary>
[Alias("ICommissionStatementsGrain")]
public interface ICommissionStatementsGrain : IGrainWithStringKey
{
    /// <summary>The month's statements: managers see every consultant's; a consultant only their own.</summary>
    [Alias("Get")]
    Task<Outcome<CommissionStatements>> Get();

    /// <summary>The sales manager adjusts a sale's line of the month, with a reason (while the month is open).</summary>
    [Alias("Adjust")]
    Task<Outcome<CommissionStatements>> Adjust(NewCommissionAdjustment adjustment, string? operationId);

    /// <summary>The sales manager submits the month once it has ended.</summary>
    [Alias("Submit")]
    Task<Outcome<CommissionStatements>> Submit(string? operationId);

    /// <summary>The general manager approves the submitted month: every statement is kept as it stands and the month locks.</summary>
    [Alias("Approve")]
    Task<Outcome<CommissionStatements>> Approve(string? operationId);

    /// <summary>The general manager sends the submitted month back to the sales manager, with a reason.</summary>
    [Alias("Return")]
    Task<Outcome<CommissionStatements>> Return(string reason, string? operationId);
}
