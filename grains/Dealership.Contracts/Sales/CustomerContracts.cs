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

/// <summary>What the showroom register tells a customer about a visit or call: the entry it drafted and the card's details.</summary>
[GenerateSerializer, Immutable, Alias("CustomerContact")]
public sealed record CustomerContact(
    [property: Id(0)] RegisterEntry Entry,
    [property: Id(1)] string Name,
    [property: Id(2)] string Mobile,
    [property: Id(3)] ProspectGrade? Grade,
    [property: Id(4)] decimal? Budget,
    [property: Id(5)] string? OperationId,
    [property: Id(6)] string Fingerprint);

/// <summary>The result of a contact: the customer, and the register entry as recorded (first visit, card opened).</summary>
[GenerateSerializer, Immutable, Alias("ContactResult")]
public sealed record ContactResult(
    [property: Id(0)] CustomerView Customer,
    [property: Id(1)] RegisterEntry Entry);

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

/// <summary>One line of a store's customer list.</summary>
[GenerateSerializer, Immutable, Alias("CustomerSummary")]
public sealed record CustomerSummary(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string MaskedMobile,
    [property: Id(3)] DateTimeOffset FirstSeenAt,
    [property: Id(4)] int Visits,
    [property: Id(5)] int Calls,
    [property: Id(6)] string? ConsultantId,
    [property: Id(7)] ProspectStatus? ProspectStatus,
    [property: Id(8)] int Revision);

/// <summary>Which prospects to list.</summary>
[GenerateSerializer, Immutable, Alias("ProspectFilter")]
public sealed record ProspectFilter(
    [property: Id(0)] string? ConsultantId,
    [property: Id(1)] ProspectStatus? Status,
    [property: Id(2)] bool OverdueOnly);

/// <summary>What a bulk reassignment moved.</summary>
[GenerateSerializer, Immutable, Alias("ReassignResult")]
public sealed record ReassignResult([property: Id(0)] int Reassigned, [property: Id(1)] IReadOnlyList<string> CustomerIds);

/// <summary>
/// A customer an import brings in (from the system the store leaves): created as first met on <see cref="FirstSeenAt"/> with no
/// visits counted, and with <see cref="Card"/> an active prospect card unless the customer has a card already.
/// </summary>
[GenerateSerializer, Immutable, Alias("CustomerImport")]
public sealed record CustomerImport(
    [property: Id(0)] string Name,
    [property: Id(1)] string Mobile,
    [property: Id(2)] DateTimeOffset? FirstSeenAt,
    [property: Id(3)] ImportedCard? Card,
    [property: Id(4)] string Source);

/// <summary>An imported prospect card: its consultant, grade and what the last system knew; due by the grade's rhythm when no day is given.</summary>
[GenerateSerializer, Immutable, Alias("ImportedCard")]
public sealed record ImportedCard(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] ProspectGrade Grade,
    [property: Id(2)] string? ModelOfInterest,
    [property: Id(3)] decimal? Budget,
    [property: Id(4)] DateTimeOffset? NextFollowUpDue,
    [property: Id(5)] string? Note);
