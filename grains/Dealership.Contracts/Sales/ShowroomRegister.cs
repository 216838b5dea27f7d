using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>A showroom visit or a phone call (来店 / 来电).</summary>
public enum EntryKind
{
    Visit = 1,
    Call = 2,
}

/// <summary>How the customer came to the store.</summary>
public enum EntrySource
{
    WalkIn = 1,
    Phone = 2,
    OnlineLead = 3,
    Referral = 4,
    Event = 5,
}

/// <summary>
/// A line for the showroom register (来店来电登记). A mobile number identifies the customer within the store and opens a
/// prospect card; without one the visit is still counted (it just left no record). A visit without a consultant is
/// given to the one who is up next.
/// </summary>
[GenerateSerializer, Immutable, Alias("NewTraffic")]
public sealed record NewRegisterEntry(
    [property: Id(0)] EntryKind Kind,
    [property: Id(1)] EntrySource Source,
    [property: Id(2)] string? CustomerName,
    [property: Id(3)] string? Mobile,
    [property: Id(4)] string? ModelOfInterest,
    [property: Id(5)] int PartySize,
    [property: Id(6)] string? ConsultantId,
    [property: Id(7)] ProspectGrade? Grade,
    [property: Id(8)] decimal? Budget)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .MaxLength("customerName", CustomerName, 60)
            .MaxLength("modelOfInterest", ModelOfInterest, 60)
            .Range("partySize", PartySize, 1, 20);
        if (!Enum.IsDefined(Kind))
        {
            errors.Add("kind", "must be Visit or Call.");
        }

        if (!Enum.IsDefined(Source))
        {
            errors.Add("source", "must be WalkIn, Phone, OnlineLead, Referral or Event.");
        }

        if (Mobile is not null && PersonalData.NormaliseMobile(Mobile) is null)
        {
            errors.Add("mobile", "must be an 11-digit mainland mobile number (1xx xxxx xxxx).");
        }

        if (Mobile is not null && string.IsNullOrWhiteSpace(CustomerName))
        {
            errors.Add("customerName", "is required when a mobile number is given (it opens a prospect card).");
        }

        if (ConsultantId is not null)
        {
            errors.Id("consultantId", ConsultantId);
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

/// <summary>One line of the showroom register.</summary>
[GenerateSerializer, Immutable, Alias("TrafficEntry")]
public sealed record RegisterEntry(
    [property: Id(0)] string EntryId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] EntryKind Kind,
    [property: Id(3)] EntrySource Source,
    [property: Id(4)] string? CustomerId,
    [property: Id(5)] string? CustomerName,
    [property: Id(6)] string? MaskedMobile,
    [property: Id(7)] string? ModelOfInterest,
    [property: Id(8)] int PartySize,
    [property: Id(9)] string? ConsultantId,
    [property: Id(10)] bool FirstVisit,
    [property: Id(11)] bool ProspectOpened,
    [property: Id(12)] string LoggedBy);
