using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>Draft → (PendingApproval →) Approved → Signed (an order) → Invoiced (a retail sale) → Delivered; or Cancelled.</summary>
public enum DealStatus
{
    Draft = 1,
    PendingApproval = 2,
    Approved = 3,
    Signed = 4,
    Invoiced = 5,
    Delivered = 6,
    Cancelled = 7,
}

[GenerateSerializer, Immutable, Alias("ApprovalRecord")]
public sealed record ApprovalRecord(
    [property: Id(0)] ApprovalTier Tier,
    [property: Id(1)] IReadOnlyList<string> Reasons,
    [property: Id(2)] DateTimeOffset RequestedAt,
    [property: Id(3)] bool? Approved,
    [property: Id(4)] string? DecidedBy,
    [property: Id(5)] DateTimeOffset? DecidedAt,
    [property: Id(6)] string? Note);

public enum PaymentKind
{
    Deposit = 1,
    Payment = 2,
    LoanDisbursement = 3,
    Refund = 4,
}

public enum PaymentMethod
{
    Cash = 1,
    BankCard = 2,
    BankTransfer = 3,
    WeChatPay = 4,
    Alipay = 5,
    Lender = 6,
}

[GenerateSerializer, Immutable, Alias("PaymentDraft")]
public sealed record PaymentDraft(
    [property: Id(0)] PaymentKind Kind,
    [property: Id(1)] PaymentMethod Method,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] string? Reference)
{
    public FieldErrors Validate()
    {
        var errors = Money(Amount, Method, Reference);
        if (Kind is not (PaymentKind.Deposit or PaymentKind.Payment or PaymentKind.Refund))
        {
            errors.Add("kind", "must be Deposit, Payment or Refund (loan disbursements are recorded by the loan case).");
        }

        return errors;
    }

    /// <summary>Money a cashier takes, on a deal or on a key account: an amount in fen, a method the store takes, a short reference.</summary>
    public static FieldErrors Money(decimal amount, PaymentMethod method, string? reference)
    {
        var errors = new FieldErrors().Range("amount", amount, 0.01m, DealTerms.MaxAmount).MaxLength("reference", reference, 80);
        if (decimal.Round(amount, 2) != amount)
        {
            errors.Add("amount", "must have at most 2 decimal places.");
        }

        if (!Enum.IsDefined(method) || method == PaymentMethod.Lender)
        {
            errors.Add("method", "must be Cash, BankCard, BankTransfer, WeChatPay or Alipay.");
        }

        return errors;
    }
}

[GenerateSerializer, Immutable, Alias("PaymentEntry")]
public sealed record PaymentEntry(
    [property: Id(0)] int Number,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] PaymentKind Kind,
    [property: Id(4)] PaymentMethod Method,
    [property: Id(5)] decimal Amount,
    [property: Id(6)] string? Reference);

/// <summary>
/// The sales invoice (购车发票). Issuing it makes the deal a retail sale. Its lines are the car and each accessory sold with it
/// (before or after the contract); <see cref="Amount"/> is their sum, VAT-inclusive.
/// </summary>
[GenerateSerializer, Immutable, Alias("SalesInvoice")]
public sealed record SalesInvoice(
    [property: Id(0)] string Number,
    [property: Id(1)] DateTimeOffset IssuedAt,
    [property: Id(2)] string IssuedBy,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] decimal Vat,
    [property: Id(5)] IReadOnlyList<InvoiceLine>? Lines = null);

/// <summary>On cancellation the deposit is refunded, or forfeited (only a binding 定金 can be).</summary>
public enum DepositDecision
{
    Refund = 1,
    Forfeit = 2,
}

[GenerateSerializer, Immutable, Alias("Cancellation")]
public sealed record Cancellation(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string Reason,
    [property: Id(3)] DepositDecision Deposit,
    [property: Id(4)] decimal DepositHeld,
    [property: Id(5)] decimal RefundDue);

[GenerateSerializer, Immutable, Alias("PdiItem")]
public sealed record PdiItem(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Passed,
    [property: Id(2)] string? Note);

/// <summary>
/// The pre-delivery inspection as signed by a technician: of one car (its VIN, at the odometer reading seen), so a change
/// of car voids it. A PDI signed before release 10 names no car (null): it is signed again before the handover.
/// </summary>
[GenerateSerializer, Immutable, Alias("PdiRecord")]
public sealed record PdiRecord(
    [property: Id(0)] DateTimeOffset SignedAt,
    [property: Id(1)] string SignedBy,
    [property: Id(2)] IReadOnlyList<PdiItem> Items,
    [property: Id(3)] int Mileage,
    [property: Id(4)] string? Vin);

/// <summary>What the consultant confirms with the customer before the keys change hands.</summary>
[GenerateSerializer, Immutable, Alias("DeliveryChecks")]
public sealed record DeliveryChecks(
    [property: Id(0)] bool ConfigurationMatchesContract,
    [property: Id(1)] bool WarrantyExplained,
    [property: Id(2)] bool MaintenanceExplained,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string By);

[GenerateSerializer, Immutable, Alias("Delivery")]
public sealed record Delivery(
    [property: Id(0)] DateTimeOffset? Slot,
    [property: Id(1)] PdiRecord? Pdi,
    [property: Id(2)] DeliveryChecks? Checks,
    [property: Id(3)] DateTimeOffset? StartedAt,
    [property: Id(4)] DateTimeOffset? HandedOverAt,
    [property: Id(5)] string? HandedOverBy)
{
    /// <summary>The checklist every PDI covers.</summary>
    public static readonly IReadOnlyList<string> PdiChecklist =
    [
        "Exterior and paint", "Interior", "Electrics and infotainment", "Fluids", "Tyres and wheels", "Road test",
        "Accessories fitted", "Documents and keys",
    ];

    public static Delivery None { get; } = new(null, null, null, null, null, null);
}

[GenerateSerializer, Immutable, Alias("DealEvent")]
public sealed record DealEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string What);

[GenerateSerializer, Immutable, Alias("DealView")]
public sealed record DealView(
    [property: Id(0)] string DealId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string CustomerName,
    [property: Id(4)] string ConsultantId,
    [property: Id(5)] DealStatus Status,
    [property: Id(6)] DealTerms Terms,
    [property: Id(7)] DealFigures Figures,
    [property: Id(8)] ApprovalRecord? Approval,
    [property: Id(9)] string? Vin,
    [property: Id(10)] IReadOnlyList<PaymentEntry> Payments,
    [property: Id(11)] decimal DepositHeld,
    [property: Id(12)] decimal Paid,
    [property: Id(13)] SalesInvoice? Invoice,
    [property: Id(14)] LoanCase? Loan,
    [property: Id(15)] Delivery Delivery,
    [property: Id(16)] Cancellation? Cancellation,
    [property: Id(17)] DateTimeOffset OpenedAt,
    [property: Id(18)] DateTimeOffset? SignedAt,
    [property: Id(19)] IReadOnlyList<DealEvent> History,
    [property: Id(20)] int Revision,
    [property: Id(21)] IReadOnlyList<InsurancePolicyRecord>? InsurancePolicies = null,
    [property: Id(22)] SalesInvoice? CreditNote = null,
    [property: Id(23)] string? AccountId = null);

[GenerateSerializer, Immutable, Alias("NewDeal")]
public sealed record NewDeal(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? ConsultantId,
    [property: Id(2)] DealTerms Terms)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (!PersonalData.IsCustomerId(CustomerId))
        {
            errors.Add("customerId", "is not a customer id.");
        }

        if (ConsultantId is not null)
        {
            errors.Id("consultantId", ConsultantId);
        }

        if (Terms is null)
        {
            return errors.Add("terms", "is required.");
        }

        return errors.Nested("terms", Terms.Validate());
    }
}

/// <summary>One line of a store's deal list.</summary>
[GenerateSerializer, Immutable, Alias("DealSummary")]
public sealed record DealSummary(
    [property: Id(0)] string DealId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string ConsultantId,
    [property: Id(4)] DealStatus Status,
    [property: Id(5)] string Model,
    [property: Id(6)] string Trim,
    [property: Id(7)] string Colour,
    [property: Id(8)] string? Vin,
    [property: Id(9)] decimal SellingPrice,
    [property: Id(10)] decimal GrossProfit,
    [property: Id(11)] ApprovalTier? PendingTier,
    [property: Id(12)] LoanStatus? LoanStatus,
    [property: Id(13)] string? Lender,
    [property: Id(14)] DateTimeOffset? HandoverSlot,
    [property: Id(15)] DateTimeOffset UpdatedAt,
    [property: Id(16)] int Revision);
