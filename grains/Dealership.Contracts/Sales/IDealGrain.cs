using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>A sales order. Key: <see cref="GrainKeys.InStore"/>(store, deal id).</summary>
[Alias("IDealGrain")]
public interface IDealGrain : IGrainWithStringKey
{
    [Alias("Open")]
    Task<Outcome<DealView>> Open(NewDeal deal);

    /// <summary>
    /// Opens the deal of a fleet order's car for a key account: priced at the account's agreed price where one is agreed for the
    /// model and trim, and invoiced on the account. Only the fleet order does this, after checking the account's credit.
    /// </summary>
    [Alias("OpenForAccount"), ForGrainsOnly]
    Task<Outcome<DealView>> OpenForAccount(NewDeal deal, string accountId);

    [Alias("Get")]
    Task<Outcome<DealView>> Get();

    /// <summary>Changes the terms of a deal not yet signed; an approved deal goes back to draft.</summary>
    [Alias("Revise")]
    Task<Outcome<DealView>> Revise(DealTerms terms, string? operationId);

    /// <summary>Asks for approval as the store's policy requires; a deal within policy is approved at once.</summary>
    [Alias("Submit")]
    Task<Outcome<DealView>> Submit(string? operationId);

    /// <summary>The sales manager (or the GM, above the manager's limit) approves or rejects with a reason.</summary>
    [Alias("Decide")]
    Task<Outcome<DealView>> Decide(bool approve, string? note, string? operationId);

    /// <summary>The contract is signed: an order. Only an approved deal is signed.</summary>
    [Alias("Sign")]
    Task<Outcome<DealView>> Sign(string? operationId);

    /// <summary>Allocates a car (配车) of the deal's specification, from stock or in transit, through the car's reservation.</summary>
    [Alias("AllocateVin")]
    Task<Outcome<DealView>> AllocateVin(string vin, string? operationId);

    /// <summary>The cashier records a deposit, a payment or a refund.</summary>
    [Alias("RecordPayment")]
    Task<Outcome<DealView>> RecordPayment(PaymentDraft payment, string? operationId);

    /// <summary>The cashier issues the sales invoice: paid in full, or the loan approved and the down payment paid.</summary>
    /// <summary>
    /// Accessories sold (or given) after the contract, before the invoice: added to the deal's terms and its invoice, and checked
    /// against the approval rules again (a deal they push past a limit goes back for approval; the invoice waits).
    /// </summary>
    [Alias("AddAccessories")]
    Task<Outcome<DealView>> AddAccessories(AddOnAccessories addOn, string? operationId);

    /// <summary>
    /// An insurance policy sold with the car (insurer, number, premium, commission), recorded by the insurance desk; the deal's
    /// insurance commission becomes the sum of its policies' commissions, and approval is checked again.
    /// </summary>
    [Alias("RecordInsurance")]
    Task<Outcome<DealView>> RecordInsurance(NewInsurancePolicy policy, string? operationId);

    [Alias("IssueInvoice")]
    Task<Outcome<DealView>> IssueInvoice(string? operationId);

    /// <summary>The sales manager cancels: the car is released, the deposit refunded or (定金 only) forfeited.</summary>
    [Alias("Cancel")]
    Task<Outcome<DealView>> Cancel(string reason, DepositDecision deposit, string? operationId);

    /// <summary>
    /// The general manager unwinds an invoiced or delivered sale (退车): a credit note (红字发票) reverses the invoice, the car comes
    /// back into stock, everything paid is due back, and the sale is taken off the month of the unwind (and off commission).
    /// </summary>
    [Alias("Unwind")]
    Task<Outcome<DealView>> Unwind(string reason, string? operationId);

    [Alias("OpenLoan")]
    Task<Outcome<DealView>> OpenLoan(LoanRequest loan, string? operationId);

    [Alias("CollectLoanDocument")]
    Task<Outcome<DealView>> CollectLoanDocument(string document, string? operationId);

    [Alias("MoveLoan")]
    Task<Outcome<DealView>> MoveLoan(LoanStep step, string? note, string? operationId);

    [Alias("ScheduleHandover")]
    Task<Outcome<DealView>> ScheduleHandover(DateTimeOffset slot, string? operationId);

    /// <summary>A technician signs the PDI; every checklist item must pass.</summary>
    [Alias("SignPdi")]
    Task<Outcome<DealView>> SignPdi(IReadOnlyList<PdiItem> items, int mileage, string? operationId);

    /// <summary>The PDI sheet: the car, its handover, the checklist and the signed record (technicians and the floor).</summary>
    [Alias("GetPdiSheet")]
    Task<Outcome<PdiSheet>> GetPdiSheet();

    [Alias("ConfirmDeliveryChecks")]
    Task<Outcome<DealView>> ConfirmDeliveryChecks(bool configurationMatchesContract, bool warrantyExplained, bool maintenanceExplained, string? operationId);

    /// <summary>The consultant starts the handover; refused with every reason until PDI, payment and invoice are in order.</summary>
    [Alias("StartHandover")]
    Task<Outcome<DealView>> StartHandover(string? operationId);

    /// <summary>The keys change hands: the car leaves stock, the delivery is counted, follow-up calls are scheduled.</summary>
    [Alias("CompleteHandover")]
    Task<Outcome<DealView>> CompleteHandover(string? operationId);

    /// <summary>The deal's whole history, newest first, a page at a time (the deal itself shows the latest entries).</summary>
    [Alias("GetHistory")]
    Task<Outcome<Page<DealEvent>>> GetHistory(PageRequest page);

    /// <summary>Every deposit, payment, refund and loan disbursement, newest first, a page at a time.</summary>
    [Alias("GetPayments")]
    Task<Outcome<Page<PaymentEntry>>> GetPayments(PageRequest page);

    /// <summary>One payment of the deal by its number (404 when the deal has none by that number).</summary>
    [Alias("GetPayment")]
    Task<Outcome<PaymentEntry>> GetPayment(int number);
}
