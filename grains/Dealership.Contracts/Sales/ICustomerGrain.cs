using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>A customer of one store, matched by mobile number. Key: <see cref="GrainKeys.InStore"/>(store, <see cref="PersonalData.CustomerId"/>).</summary>
[Alias("ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a visit or call, creating the customer on first contact and opening a prospect card if none is active; the
    /// register entry, its counts and the Idempotency-Key are written with the customer in one write.
    /// </summary>
    [Alias("RecordContact")]
    [ForGrainsOnly]
    Task<Outcome<ContactResult>> RecordContact(CustomerContact contact);

    /// <summary>
    /// Brings the customer in from an import: a new one is created, a known one keeps its record; a card is opened unless the
    /// customer has one (active, won or lost). Answers whether anything changed (a second run of the same file changes nothing).
    /// </summary>
    [Alias("Import")]
    [ForGrainsOnly]
    Task<Outcome<bool>> Import(CustomerImport import);

    [Alias("Get")]
    Task<Outcome<CustomerView>> Get();

    /// <summary>Logs a follow-up; the grade may change, and the next follow-up is due by the grade's rhythm.</summary>
    [Alias("LogFollowUp")]
    Task<Outcome<CustomerView>> LogFollowUp(FollowUpDraft followUp, string? operationId);

    /// <summary>The consultant declares the prospect lost (战败); it stays on their list until the sales manager confirms.</summary>
    [Alias("DeclareLost")]
    Task<Outcome<CustomerView>> DeclareLost(LostReason reason, string note);

    /// <summary>The sales manager confirms (lost) or refuses (back to active) a declared loss.</summary>
    [Alias("DecideLost")]
    Task<Outcome<CustomerView>> DecideLost(bool confirm, string? note);

    /// <summary>Hands the prospect to another consultant (e.g. the first one left the store).</summary>
    [Alias("Reassign")]
    Task<Outcome<CustomerView>> Reassign(string toConsultantId);

    /// <summary>The card's follow-ups and contacts, newest first, a page at a time.</summary>
    [Alias("GetFollowUps")]
    Task<Outcome<Page<FollowUp>>> GetFollowUps(PageRequest page);

    /// <summary>A deal for this customer was signed: the card is won (called by the deal).</summary>
    [Alias("MarkWon")]
    [ForGrainsOnly]
    Task MarkWon(string dealId);
}
