using System.Globalization;
using Dealership.Contracts.Stores;

namespace Dealership.Grains.Stores;

/// <summary>The store's rules about its own settings: how a policy change applies, and how a change is described to an auditor.</summary>
public static class StoreRules
{
    /// <summary>The policies after <paramref name="change"/>: each field it carries replaces the current one; the rest stay.</summary>
    public static StorePolicies Apply(StorePolicies current, StorePoliciesChange change) => current with
    {
        ConsultantDiscountLimit = change.ConsultantDiscountLimit ?? current.ConsultantDiscountLimit,
        ManagerDiscountLimit = change.ManagerDiscountLimit ?? current.ManagerDiscountLimit,
        GrossProfitFloor = change.GrossProfitFloor ?? current.GrossProfitFloor,
        ApproveEveryDeal = change.ApproveEveryDeal ?? current.ApproveEveryDeal,
        VatRate = change.VatRate ?? current.VatRate,
        PdiLeadTimeHours = change.PdiLeadTimeHours ?? current.PdiLeadTimeHours,
        WeeklyReportDay = change.WeeklyReportDay ?? current.WeeklyReportDay,
        WeeklyReportTime = change.WeeklyReportTime ?? current.WeeklyReportTime,
        AgedStockDays = change.AgedStockDays ?? current.AgedStockDays,
        ClosingTime = change.ClosingTime ?? current.ClosingTime,
        FollowUpDaysH = change.FollowUpDaysH ?? current.FollowUpDaysH,
        FollowUpDaysA = change.FollowUpDaysA ?? current.FollowUpDaysA,
        FollowUpDaysB = change.FollowUpDaysB ?? current.FollowUpDaysB,
        FollowUpDaysC = change.FollowUpDaysC ?? current.FollowUpDaysC,
        LoanDocuments = change.LoanDocuments ?? current.LoanDocuments,
        OemOrderDay = change.OemOrderDay ?? current.OemOrderDay,
        PartsServiceLevel = change.PartsServiceLevel ?? current.PartsServiceLevel,
        PartsReviewDays = change.PartsReviewDays ?? current.PartsReviewDays,
        PartsDeadAfterMonths = change.PartsDeadAfterMonths ?? current.PartsDeadAfterMonths,
        RenewalDesk = change.RenewalDesk ?? current.RenewalDesk,
        InsurerRates = change.InsurerRates ?? current.InsurerRates,
        ExtendedWarranty = change.SellsExtendedWarranty == false ? null : change.ExtendedWarranty ?? current.ExtendedWarranty,
        WarrantyReminderDays = change.WarrantyReminderDays ?? current.WarrantyReminderDays,
    };

    /// <summary>"policies: vatRate 0.13 → 0.09" — the audit line a manager reads.</summary>
    public static string Describe<T>(string area, T before, T after)
    {
        var changes = typeof(T).GetProperties()
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.DeclaringType == typeof(T))
            .Select(p => (p.Name, Old: Show(p.GetValue(before)), New: Show(p.GetValue(after))))
            .Where(c => c.Old != c.New)
            .Select(c => $"{char.ToLowerInvariant(c.Name[0])}{c.Name[1..]} {c.Old} → {c.New}");
        return $"{area}: {string.Join(", ", changes)}";
    }

    private static string Show(object? value) => value switch
    {
        null => "-",
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join("; ", items.Cast<object>()) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}
