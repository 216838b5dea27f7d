using Dealership.Contracts.Common;

namespace Dealership.Contracts.Stores;

/// <summary>
/// The rules a store sets for itself. Amounts are CNY, VAT-inclusive where they are prices.
/// </summary>
[GenerateSerializer, Immutable, Alias("StorePolicies")]
public sealed record StorePolicies
{
    /// <summary>Largest discount (CNY) a sales consultant may give without the sales manager.</summary>
    [Id(0)] public decimal ConsultantDiscountLimit { get; init; } = 3_000m;

    /// <summary>Largest discount (CNY) the sales manager may approve; above it the GM decides.</summary>
    [Id(1)] public decimal ManagerDiscountLimit { get; init; } = 15_000m;

    /// <summary>Gross profit per unit (CNY, net of VAT) below which a deal needs the sales manager.</summary>
    [Id(2)] public decimal GrossProfitFloor { get; init; } = 0m;

    /// <summary>When set, every deal goes to the sales manager, whatever its discount.</summary>
    [Id(3)] public bool ApproveEveryDeal { get; init; }

    /// <summary>VAT rate used to report gross profit net of VAT (0.13 = 13%).</summary>
    [Id(4)] public decimal VatRate { get; init; } = 0.13m;

    /// <summary>The least a store may set for <see cref="PdiLeadTimeHours"/>: DOMAIN asks for the PDI at least 6 hours before handover.</summary>
    public const int MinPdiLeadTimeHours = 6;

    /// <summary>How long before the handover slot the PDI must be signed (at least <see cref="MinPdiLeadTimeHours"/>; a store may ask more).</summary>
    [Id(5)] public int PdiLeadTimeHours { get; init; } = MinPdiLeadTimeHours;

    /// <summary>Day of the week the weekly report is due.</summary>
    [Id(6)] public DayOfWeek WeeklyReportDay { get; init; } = DayOfWeek.Friday;

    /// <summary>Local time of day (store time zone) the weekly report is due.</summary>
    [Id(7)] public TimeOnly WeeklyReportTime { get; init; } = new(17, 0);

    /// <summary>Days in stock after which a car counts as aged stock.</summary>
    [Id(8)] public int AgedStockDays { get; init; } = 90;

    /// <summary>Local time the showroom closes; consultants still on the board are then set away.</summary>
    [Id(9)] public TimeOnly ClosingTime { get; init; } = new(21, 0);

    /// <summary>Days to the next follow-up of an H prospect (buys within 7 days).</summary>
    [Id(10)] public int FollowUpDaysH { get; init; } = 1;

    /// <summary>Days to the next follow-up of an A prospect (within 15 days).</summary>
    [Id(11)] public int FollowUpDaysA { get; init; } = 3;

    /// <summary>Days to the next follow-up of a B prospect (within 30 days).</summary>
    [Id(12)] public int FollowUpDaysB { get; init; } = 7;

    /// <summary>Days to the next follow-up of a C prospect (within 90 days).</summary>
    [Id(13)] public int FollowUpDaysC { get; init; } = 14;

    /// <summary>The documents a loan case collects before it is submitted (default: the five key documents, 五大件).</summary>
    [Id(14)] public IReadOnlyList<string> LoanDocuments { get; init; } = DefaultLoanDocuments;

    /// <summary>Day of the month the clerk is asked to draft next month's OEM order (28 or later means the month's last days).</summary>
    [Id(15)] public int OemOrderDay { get; init; } = 25;

    /// <summary>The parts planner's target service level: the share of demand to serve from stock (0.95 = 95%); sets z of the safety stock.</summary>
    [Id(16)] public decimal PartsServiceLevel { get; init; } = 0.95m;

    /// <summary>Days between two parts reviews: each suggestion covers the lead time plus this period.</summary>
    [Id(17)] public int PartsReviewDays { get; init; } = 7;

    /// <summary>A part with no movement at all for this many months is dead stock (呆滞件).</summary>
    [Id(18)] public int PartsDeadAfterMonths { get; init; } = 7;

    /// <summary>Who works the insurance renewal tasks (续保): the service advisors or the sales consultants.</summary>
    [Id(19)] public RenewalDesk RenewalDesk { get; init; } = RenewalDesk.ServiceAdvisor;

    /// <summary>
    /// The commission each insurer pays the store, as a share of the premium: a policy renewed with us earns the store this, so
    /// the person who renewed it never states it.
    /// </summary>
    [Id(20)] public IReadOnlyList<InsurerRate> InsurerRates { get; init; } = [];

    /// <summary>The extended warranty the store sells (null: it sells none), its price and cost from the store's books.</summary>
    [Id(21)] public ExtendedWarrantyOffer? ExtendedWarranty { get; init; }

    /// <summary>How many days before a car's basic warranty ends its customer is called (to have faults seen to, and offered the extension).</summary>
    [Id(22)] public int WarrantyReminderDays { get; init; } = 60;

    public static readonly IReadOnlyList<string> DefaultLoanDocuments =
        ["ID card", "Household register or residence permit", "Proof of income", "Bank statement", "Proof of address or marriage status"];

    public static StorePolicies Default { get; } = new();

    // Records compare lists by reference; policies are equal when every rule, and every listed document, is.
    public bool Equals(StorePolicies? other) =>
        other is not null && ConsultantDiscountLimit == other.ConsultantDiscountLimit && ManagerDiscountLimit == other.ManagerDiscountLimit
        && GrossProfitFloor == other.GrossProfitFloor && ApproveEveryDeal == other.ApproveEveryDeal && VatRate == other.VatRate
        && PdiLeadTimeHours == other.PdiLeadTimeHours && WeeklyReportDay == other.WeeklyReportDay && WeeklyReportTime == other.WeeklyReportTime
        && AgedStockDays == other.AgedStockDays && ClosingTime == other.ClosingTime && FollowUpDaysH == other.FollowUpDaysH
        && FollowUpDaysA == other.FollowUpDaysA && FollowUpDaysB == other.FollowUpDaysB && FollowUpDaysC == other.FollowUpDaysC
        && OemOrderDay == other.OemOrderDay && PartsServiceLevel == other.PartsServiceLevel && PartsReviewDays == other.PartsReviewDays
        && PartsDeadAfterMonths == other.PartsDeadAfterMonths && RenewalDesk == other.RenewalDesk
        && ExtendedWarranty == other.ExtendedWarranty && WarrantyReminderDays == other.WarrantyReminderDays
        && (InsurerRates ?? []).SequenceEqual(other.InsurerRates ?? [])
        && (LoanDocuments ?? []).SequenceEqual(other.LoanDocuments ?? [], StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(ConsultantDiscountLimit, ManagerDiscountLimit, GrossProfitFloor, VatRate, PdiLeadTimeHours);

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Range("consultantDiscountLimit", ConsultantDiscountLimit, 0m, 10_000_000m)
            .Range("managerDiscountLimit", ManagerDiscountLimit, 0m, 10_000_000m)
            .Range("grossProfitFloor", GrossProfitFloor, -10_000_000m, 10_000_000m)
            .Range("vatRate", VatRate, 0m, 0.5m)
            .Range("pdiLeadTimeHours", PdiLeadTimeHours, MinPdiLeadTimeHours, 168)
            .Range("agedStockDays", AgedStockDays, 1, 3650)
            .Range("followUpDaysH", FollowUpDaysH, 1, 90)
            .Range("followUpDaysA", FollowUpDaysA, 1, 90)
            .Range("followUpDaysB", FollowUpDaysB, 1, 90)
            .Range("followUpDaysC", FollowUpDaysC, 1, 90)
            .Range("oemOrderDay", OemOrderDay, 1, 31)
            .Range("partsServiceLevel", PartsServiceLevel, 0.5m, 0.999m)
            .Range("partsReviewDays", PartsReviewDays, 1, 90)
            .Range("partsDeadAfterMonths", PartsDeadAfterMonths, 1, 36)
            .Range("warrantyReminderDays", WarrantyReminderDays, 7, 365);
        ExtendedWarranty?.Validate(errors);
        if (LoanDocuments is null || LoanDocuments.Count is 0 or > 20)
        {
            errors.Add("loanDocuments", "must list 1-20 documents.");
        }
        else
        {
            for (var i = 0; i < LoanDocuments.Count; i++)
            {
                errors.Required($"loanDocuments[{i}]", LoanDocuments[i], 80);
            }

            if (LoanDocuments.Distinct(StringComparer.OrdinalIgnoreCase).Count() != LoanDocuments.Count)
            {
                errors.Add("loanDocuments", "must not list a document twice.");
            }
        }

        errors = InsurerRate.ValidateAll(InsurerRates, errors);
        if (!Enum.IsDefined(RenewalDesk))
        {
            errors.Add("renewalDesk", "must be ServiceAdvisor or SalesConsultant.");
        }

        if (ManagerDiscountLimit < ConsultantDiscountLimit)
        {
            errors.Add("managerDiscountLimit", "must not be below the consultant's limit.");
        }

        if (!Enum.IsDefined(WeeklyReportDay))
        {
            errors.Add("weeklyReportDay", "must be a day of the week.");
        }

        return errors;
    }
}
