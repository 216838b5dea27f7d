using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>Where a loan case (分期) stands: collecting → submitted → approved | rejected → disbursed → collateral registered.</summary>
public enum LoanStatus
{
    Collecting = 1,
    Submitted = 2,
    Approved = 3,
    Rejected = 4,
    Disbursed = 5,
    CollateralRegistered = 6,
}

public enum LoanStep
{
    Submit = 1,
    Approve = 2,
    Reject = 3,
    Disburse = 4,
    RegisterCollateral = 5,
}

[GenerateSerializer, Immutable, Alias("LoanRequest")]
public sealed record LoanRequest(
    [property: Id(0)] string Lender,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] int TermMonths,
    [property: Id(3)] decimal DownPayment)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("lender", Lender, 80)
            .Range("amount", Amount, 1m, DealTerms.MaxAmount)
            .Range("termMonths", TermMonths, 6, 84)
            .Range("downPayment", DownPayment, 0m, DealTerms.MaxAmount);
        if (decimal.Round(Amount, 2) != Amount)
        {
            errors.Add("amount", "must have at most 2 decimal places.");
        }

        if (decimal.Round(DownPayment, 2) != DownPayment)
        {
            errors.Add("downPayment", "must have at most 2 decimal places.");
        }

        return errors;
    }
}

[GenerateSerializer, Immutable, Alias("LoanDocument")]
public sealed record LoanDocument(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset? CollectedAt,
    [property: Id(2)] string? CollectedBy);

[GenerateSerializer, Immutable, Alias("LoanCase")]
public sealed record LoanCase(
    [property: Id(0)] string Lender,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] int TermMonths,
    [property: Id(3)] decimal DownPayment,
    [property: Id(4)] LoanStatus Status,
    [property: Id(5)] IReadOnlyList<LoanDocument> Documents,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] string OpenedBy,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] string? Note,
    [property: Id(10)] string? PlateNumber)
{
    public bool DocumentsComplete => Documents.All(d => d.CollectedAt is not null);
}
