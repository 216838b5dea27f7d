namespace Dealership.Contracts.Sales;

/// <summary>How soon a prospect will buy (意向级别): H within 7 days, A 15, B 30, C 90.</summary>
public enum ProspectGrade
{
    H = 1,
    A = 2,
    B = 3,
    C = 4,
}

public enum ProspectStatus
{
    Active = 1,

    /// <summary>The consultant declared the prospect lost (战败); the sales manager has not confirmed it yet.</summary>
    LostPending = 2,
    Lost = 3,

    /// <summary>Signed a contract.</summary>
    Won = 4,
}

/// <summary>Why a prospect was lost (战败原因).</summary>
public enum LostReason
{
    Price = 1,
    Competitor = 2,
    FinanceRefused = 3,
    BoughtElsewhere = 4,
    NoLongerInterested = 5,
    Other = 6,
}
