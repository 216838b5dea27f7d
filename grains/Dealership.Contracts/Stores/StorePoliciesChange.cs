namespace Dealership.Contracts.Stores;

/// <summary>
/// A change to a store's policies: the fields it carries are changed, the ones it leaves out keep their values, so a manager
/// raising one limit never resets the VAT rate or the other limits. The fields mean what <see cref="StorePolicies"/> says.
/// </summary>
[GenerateSerializer, Immutable, Alias("StorePoliciesChange")]
public sealed record StorePoliciesChange
{
    [Id(0)] public decimal? ConsultantDiscountLimit { get; init; }
    [Id(1)] public decimal? ManagerDiscountLimit { get; init; }
    [Id(2)] public decimal? GrossProfitFloor { get; init; }
    [Id(3)] public bool? ApproveEveryDeal { get; init; }
    [Id(4)] public decimal? VatRate { get; init; }
    [Id(5)] public int? PdiLeadTimeHours { get; init; }
    [Id(6)] public DayOfWeek? WeeklyReportDay { get; init; }
    [Id(7)] public TimeOnly? WeeklyReportTime { get; init; }
    [Id(8)] public int? AgedStockDays { get; init; }
    [Id(9)] public TimeOnly? ClosingTime { get; init; }
    [Id(10)] public int? FollowUpDaysH { get; init; }
    [Id(11)] public int? FollowUpDaysA { get; init; }
    [Id(12)] public int? FollowUpDaysB { get; init; }
    [Id(13)] public int? FollowUpDaysC { get; init; }
    [Id(14)] public IReadOnlyList<string>? LoanDocuments { get; init; }
    [Id(15)] public int? OemOrderDay { get; init; }
    [Id(16)] public decimal? PartsServiceLevel { get; init; }
    [Id(17)] public int? PartsReviewDays { get; init; }
    [Id(18)] public int? PartsDeadAfterMonths { get; init; }
    [Id(19)] public RenewalDesk? RenewalDesk { get; init; }
    [Id(20)] public IReadOnlyList<InsurerRate>? InsurerRates { get; init; }

    /// <summary>The extended warranty the store sells from now on.</summary>
    [Id(21)] public ExtendedWarrantyOffer? ExtendedWarranty { get; init; }
    [Id(22)] public int? WarrantyReminderDays { get; init; }

    /// <summary>False stops the store selling an extended warranty (an offer sent with it is ignored).</summary>
    [Id(23)] public bool? SellsExtendedWarranty { get; init; }
}
