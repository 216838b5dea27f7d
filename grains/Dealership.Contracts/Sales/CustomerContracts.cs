using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>One contact with a prospect (跟进记录).</summary>
[GenerateSerializer, Immutable, Alias("FollowUp")]
public sealed record FollowUp(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string Channel,
    [property: Id(3)] string Note,
    [property: Id(4)] ProspectGrade Grade);

/// <summary>The prospect card (意向客户卡) of a customer.</summary>
[GenerateSerializer, Immutable, Alias("ProspectCard")]
public sealed record ProspectCard(
    [property: Id(0)] ProspectStatus Status,
    [property: Id(1)] ProspectGrade Grade,
    [property: Id(2)] string ConsultantId,
    [property: Id(3)] string? ModelOfInterest,
    [property: Id(4)] decimal? Budget,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset? NextFollowUpDue,
    [property: Id(7)] IReadOnlyList<FollowUp> FollowUps,
    [property: Id(8)] LostReason? LostReason,
    [property: Id(9)] string? LostNote,
    [property: Id(10)] string? LostDeclaredBy,
    [property: Id(11)] string? LostConfirmedBy,
    [property: Id(12)] string? WonDealId);

[GenerateSerializer, Immutable, Alias("CustomerView")]
public sealed record CustomerView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Mobile,
    [property: Id(4)] DateTimeOffset FirstSeenAt,
    [property: Id(5)] int Visits,
    [property: Id(6)] int Calls,
    [property: Id(7)] ProspectCard? Prospect,
    [property: Id(8)] int Revision);

/// <summary>What the traffic register tells a customer about a contact.</summary>
[GenerateSerializer, Immutable, Alias("Contact")]
public sealed record Contact(
    [property: Id(0)] string Name,
    [property: Id(1)] string Mobile,
    [property: Id(2)] TrafficKind Kind,
    [property: Id(3)] string? ModelOfInterest,
    [property: Id(4)] string? ConsultantId,
    [property: Id(5)] ProspectGrade? Grade,
    [property: Id(6)] decimal? Budget,
    [property: Id(7)] string EntryId);

/// <summary>The result of a contact: the customer, whether this was their first visit, and whether a card was opened.</summary>
[GenerateSerializer, Immutable, Alias("ContactResult")]
public sealed record ContactResult(
    [property: Id(0)] CustomerView Customer,
    [property: Id(1)] bool FirstVisit,
    [property: Id(2)] bool ProspectOpened);

[GenerateSerializer, Immutable, Alias("FollowUpDraft")]
public sealed record FollowUpDraft(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Note,
    [property: Id(2)] ProspectGrade? Grade,
    [property: Id(3)] string? ModelOfInterest,
    [property: Id(4)] decimal? Budget)
{
    public static readonly string[] Channels = ["phone", "visit", "wechat", "sms"];

    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("note", Note, 500).MaxLength("modelOfInterest", ModelOfInterest, 60);
        if (!Channels.Contains(Channel))
        {
            errors.Add("channel", "must be phone, visit, wechat or sms.");
        }

        if (Grade is { } g && !Enum.IsDefined(g))
        {
            errors.Add("grade", "must be H, A, B or C.");
        }

        if (Budget is { } b)
        {
            errors.Range("budget", b, 0m, 100_000_000m);
        }

        return errors;
    }
}

/// <summary>A customer of one store, matched by mobile number. Key: <see cref="GrainKeys.InStore"/>(store, <see cref="PersonalData.CustomerId"/>).</summary>
[Alias("ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Records a visit or call, creating the customer on first contact and opening a prospect card if none is active.</summary>
    [Alias("RecordContact")]
    Task<Outcome<ContactResult>> RecordContact(Contact contact);

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

    /// <summary>A deal for this customer was signed: the card is won (called by the deal).</summary>
    [Alias("MarkWon")]
    Task MarkWon(string dealId);
}

/// <summary>One line of a store's prospect list.</summary>
[GenerateSerializer, Immutable, Alias("ProspectSummary")]
public sealed record ProspectSummary(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string MaskedMobile,
    [property: Id(3)] string ConsultantId,
    [property: Id(4)] ProspectGrade Grade,
    [property: Id(5)] ProspectStatus Status,
    [property: Id(6)] string? ModelOfInterest,
    [property: Id(7)] DateTimeOffset? NextFollowUpDue,
    [property: Id(8)] bool Overdue,
    [property: Id(9)] int Revision);

/// <summary>The prospects of a store (a projection the customer grains keep). Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IProspectIndexGrain")]
public interface IProspectIndexGrain : IGrainWithStringKey
{
    [Alias("Apply")]
    Task Apply(ProspectSummary summary);

    /// <summary>The prospects, optionally of one consultant, in one status, or only those overdue now.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ProspectSummary>> List(string? consultantId, ProspectStatus? status, bool overdueOnly);

    /// <summary>Overdue follow-ups now, per consultant.</summary>
    [Alias("OverdueByConsultant")]
    Task<IReadOnlyDictionary<string, int>> OverdueByConsultant();
}
