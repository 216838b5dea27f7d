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

    /// <summary>How long before the handover slot the PDI must be signed (DOMAIN: at least 6 hours).</summary>
    [Id(5)] public int PdiLeadTimeHours { get; init; } = 6;

    /// <summary>Day of the week the weekly report is due.</summary>
    [Id(6)] public DayOfWeek WeeklyReportDay { get; init; } = DayOfWeek.Friday;

    /// <summary>Local time of day (store time zone) the weekly report is due.</summary>
    [Id(7)] public TimeOnly WeeklyReportTime { get; init; } = new(17, 0);

    /// <summary>Days in stock after which a car counts as aged stock.</summary>
    [Id(8)] public int AgedStockDays { get; init; } = 90;

    /// <summary>Local time the showroom closes; consultants still on the board are then set away.</summary>
    [Id(9)] public TimeOnly ClosingTime { get; init; } = new(21, 0);

    public static StorePolicies Default { get; } = new();

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Range("consultantDiscountLimit", ConsultantDiscountLimit, 0m, 10_000_000m)
            .Range("managerDiscountLimit", ManagerDiscountLimit, 0m, 10_000_000m)
            .Range("grossProfitFloor", GrossProfitFloor, -10_000_000m, 10_000_000m)
            .Range("vatRate", VatRate, 0m, 0.5m)
            .Range("pdiLeadTimeHours", PdiLeadTimeHours, 0, 168)
            .Range("agedStockDays", AgedStockDays, 1, 3650);
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
