using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;

namespace Dealership.Contracts.KeyAccounts;

/// <summary>What an entry of an account's ledger is: an invoice on account (owed), a payment or a credit note (red invoice) against it.</summary>
public enum LedgerEntryKind
{
    Invoice = 1,
    Payment = 2,
    CreditNote = 3,
}

/// <summary>The 账龄 buckets: days since the invoice date.</summary>
public enum AgeingBucket
{
    Days0To30 = 1,
    Days31To60 = 2,
    Days61To90 = 3,
    Over90 = 4,
}

/// <summary>
/// An entry of an account's ledger. <see cref="Amount"/> is what it adds to the balance: an invoice positive, a payment or credit
/// note negative. <see cref="EntryId"/> is the document's number (invoice, credit note) or the payment's (PAY-n).
/// </summary>
[GenerateSerializer, Immutable, Alias("LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] string EntryId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] LedgerEntryKind Kind,
    [property: Id(4)] string? DealId,
    [property: Id(5)] decimal Amount,
    [property: Id(6)] DateOnly BookedOn,
    [property: Id(7)] DateOnly? DueOn,
    [property: Id(8)] string? Reference);

/// <summary>An invoice not yet paid in full: how old it is, and how long overdue.</summary>
[GenerateSerializer, Immutable, Alias("OpenInvoice")]
public sealed record OpenInvoice(
    [property: Id(0)] string Invoice,
    [property: Id(1)] string? DealId,
    [property: Id(2)] DateOnly InvoicedOn,
    [property: Id(3)] DateOnly DueOn,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] decimal Outstanding,
    [property: Id(6)] int AgeDays,
    [property: Id(7)] int DaysOverdue,
    [property: Id(8)] AgeingBucket Bucket);

/// <summary>What the account owes, by age (days since invoice): 0–30, 31–60, 61–90, over 90; and how much of it is past its due date.</summary>
[GenerateSerializer, Immutable, Alias("Ageing")]
public sealed record Ageing(
    [property: Id(0)] decimal Days0To30,
    [property: Id(1)] decimal Days31To60,
    [property: Id(2)] decimal Days61To90,
    [property: Id(3)] decimal Over90,
    [property: Id(4)] decimal Total,
    [property: Id(5)] decimal Overdue);

/// <summary>A collection task (催收) given to the sales manager for an overdue invoice, and where it stands.</summary>
[GenerateSerializer, Immutable, Alias("CollectionTask")]
public sealed record CollectionTask(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string Invoice,
    [property: Id(2)] string Title,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] bool Done,
    [property: Id(5)] string? Result);

/// <summary>
/// An account's receivables as of a day in the store's time zone: the balance, what is on order and not yet invoiced, the credit
/// left under the limit, the ageing, every open invoice and the collection tasks of overdue ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("AccountReceivables")]
public sealed record AccountReceivables(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateOnly AsOf,
    [property: Id(3)] int PaymentDays,
    [property: Id(4)] decimal CreditLimit,
    [property: Id(5)] decimal Balance,
    [property: Id(6)] decimal OnOrder,
    [property: Id(7)] decimal CreditAvailable,
    [property: Id(8)] Ageing Ageing,
    [property: Id(9)] IReadOnlyList<OpenInvoice> OpenInvoices,
    [property: Id(10)] IReadOnlyList<CollectionTask> CollectionTasks);

/// <summary>Money the account paid the store (bank transfer, as a company pays), recorded by the cashier.</summary>
[GenerateSerializer, Immutable, Alias("AccountPayment")]
public sealed record AccountPayment(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] PaymentMethod Method,
    [property: Id(2)] string? Reference)
{
    public FieldErrors Validate() => PaymentDraft.Money(Amount, Method, Reference);
}

/// <summary>
/// The store's accounts receivable (应收账款) of its key accounts (key: <see cref="GrainKeys.Store"/>): one activation per store
/// takes payments and credit checks one at a time, so two orders placed at once cannot both slip under a limit.
/// </summary>
[Alias("IReceivablesGrain")]
public interface IReceivablesGrain : IGrainWithStringKey
{
    /// <summary>The account's receivables today (ageing, open invoices, collection tasks); overdue invoices get their collection task.</summary>
    [Alias("Get")]
    Task<Outcome<AccountReceivables>> Get(string accountId);

    /// <summary>The account's ledger, newest first, a page at a time.</summary>
    [Alias("Ledger"), Orleans.Concurrency.AlwaysInterleave]
    Task<Outcome<Page<LedgerEntry>>> Ledger(string accountId, PageRequest page);

    /// <summary>
    /// The cashier records the account's payment (its ledger entry is the answer); it settles the oldest invoices first and closes
    /// their collection tasks. More than the account owes is refused.
    /// </summary>
    [Alias("RecordPayment")]
    Task<Outcome<LedgerEntry>> RecordPayment(string accountId, AccountPayment payment, string? operationId);

    /// <summary>
    /// Checks an order against the account's credit limit and books it (the order's row): over the limit it is refused with 422
    /// credit-limit-exceeded, unless the general manager approves it with <paramref name="creditApproval"/>.
    /// </summary>
    [Alias("BookOrder"), ForGrainsOnly]
    Task<Outcome<string>> BookOrder(string accountId, string orderId, int cars, decimal value, string? creditApproval);

    /// <summary>The store's fleet orders, newest first (of one account when named), a page at a time.</summary>
    [Alias("FleetOrders"), Orleans.Concurrency.AlwaysInterleave]
    Task<Outcome<Page<FleetOrderSummary>>> FleetOrders(string? accountId, PageRequest page);

    /// <summary>Gives every overdue invoice of the store its collection task (the store calendar runs it each day at closing).</summary>
    [Alias("ChaseOverdue"), ForGrainsOnly]
    Task<int> ChaseOverdue();
}
