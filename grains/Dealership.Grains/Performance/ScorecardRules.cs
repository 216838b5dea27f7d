using Dealership.Contracts.Performance;
using Dealership.Grains.Sales;

namespace Dealership.Grains.Performance;

/// <summary>
/// How a consultant's scorecard and the store's headcount plan are worked from counts the records give. Rates are to four places;
/// attainment is actual ÷ target (null without a target); consultants needed round up (a part of a consultant is a consultant).
/// </summary>
public static class ScorecardRules
{
    public static ScorecardFigures Figures(Tally sales, (int Units, decimal GrossProfit)? target, (int Made, int OnTime) followUps,
        (int Reached, int Satisfied) calls, int complaints)
    {
        var f = sales.Figures(0);
        var profit = decimal.Round(sales.GrossProfit, 2);
        return new ScorecardFigures(sales.RetailSales, target?.Units, target is { Units: > 0 } t ? Rate(sales.RetailSales, t.Units) : null,
            profit, target?.GrossProfit, target is { GrossProfit: > 0 } p ? decimal.Round(profit / p.GrossProfit, 4) : null,
            sales.FirstVisits, sales.TestDrives, sales.Orders, f.ClosingRate, f.TestDriveRate,
            followUps.Made, followUps.OnTime, Rate(followUps.OnTime, followUps.Made),
            f.AccessoryPenetration, f.InsurancePenetration, f.FinancePenetration,
            calls.Reached, calls.Satisfied, Rate(calls.Satisfied, calls.Reached), complaints);
    }

    /// <summary>
    /// The consultants the year's target needs at the basis's pace: target units ÷ (units per consultant-month × the months the target
    /// covers), rounded up; unknown without a pace or a target.
    /// </summary>
    public static (decimal? Pace, int? Needed) Needed(int targetUnits, int monthsWithTarget, int basisUnits, int consultantMonths)
    {
        decimal? pace = consultantMonths > 0 && basisUnits > 0 ? decimal.Round((decimal)basisUnits / consultantMonths, 2) : null;
        int? needed = pace is { } p && monthsWithTarget > 0 && targetUnits > 0
            ? (int)Math.Ceiling(targetUnits / ((decimal)basisUnits / consultantMonths * monthsWithTarget))
            : null;
        return (pace, needed);
    }

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : decimal.Round((decimal)part / whole, 4);
}
