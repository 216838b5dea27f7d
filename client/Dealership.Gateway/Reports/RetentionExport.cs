using Dealership.Contracts.AfterSale;
using MiniExcelLibs;
using static Dealership.Gateway.Reports.ReportText;

namespace Dealership.Gateway.Reports;

/// <summary>A store's line of the group's "Stores" sheet: its retention numbers for the month, named as the API names them.</summary>
public sealed class RetentionSheetRow
{
    public string Store { get; set; } = "";
    public int RemindersDue { get; set; }
    public int RemindersContacted { get; set; }
    public int RemindersBooked { get; set; }
    public int RemindersArrived { get; set; }
    public decimal? ArrivalRate { get; set; }
    public int CarsOnBooks { get; set; }
    public int CameBack { get; set; }
    public decimal? RetentionRate { get; set; }
    public int PoliciesExpiring { get; set; }
    public int RenewedWithUs { get; set; }
    public decimal? RenewalRate { get; set; }
    public int WarrantyCarsCalled { get; set; }
    public int Extended { get; set; }
    public decimal ExtensionRevenue { get; set; }
    public int Events { get; set; }
    public int EventCheckIns { get; set; }
    public int EventOrders { get; set; }
    public decimal? EventCostPerOrder { get; set; }
}

/// <summary>
/// The retention numbers' downloads: a store's month as <c>retention-numbers.xlsx</c> (a Summary sheet of Figure, Value; the same
/// lines are the monthly analysis's "Retention" sheet) and the group's stores side by side (a Stores sheet, one row each).
/// </summary>
public static class RetentionExport
{
    public static IReadOnlyList<ReportLine> Lines(RetentionNumbers n) =>
    [
        .. Section("Summary", "",
        [
            ("Store", n.StoreId), ("Month", n.Month), ("From", Of(n.From)), ("To", Of(n.To)),
            ("RemindersDue", Of(n.Reminders.Due)), ("RemindersContacted", Of(n.Reminders.Contacted)), ("RemindersBooked", Of(n.Reminders.Booked)),
            ("RemindersArrived", Of(n.Reminders.Arrived)), ("ContactRate", Of(n.Reminders.ContactRate)), ("BookingRate", Of(n.Reminders.BookingRate)),
            ("ArrivalRate", Of(n.Reminders.ArrivalRate)),
            ("CarsOnBooks", Of(n.Retention.CarsOnBooks)), ("CameBack", Of(n.Retention.CameBack)), ("RetentionRate", Of(n.Retention.Rate)),
            ("PoliciesExpiring", Of(n.Renewals.Expiring)), ("RenewedWithUs", Of(n.Renewals.RenewedWithUs)),
            ("RenewedElsewhere", Of(n.Renewals.RenewedElsewhere)), ("RenewalsLost", Of(n.Renewals.Lost)), ("RenewalsOpen", Of(n.Renewals.Open)),
            ("RenewalRate", Of(n.Renewals.Rate)), ("RenewedCommission", Of(n.Renewals.RenewedCommission)),
            ("WarrantyCarsCalled", Of(n.Warranty.CarsCalled)), ("Extended", Of(n.Warranty.Extended)),
            ("ExtensionRevenue", Of(n.Warranty.ExtensionRevenue)), ("ExtensionMargin", Of(n.Warranty.ExtensionMargin)),
            ("Events", Of(n.Events.Events)), ("EventInvited", Of(n.Events.Invited)), ("EventCheckIns", Of(n.Events.CheckedIn)),
            ("EventOrders", Of(n.Events.Orders)), ("EventRetailSales", Of(n.Events.RetailSales)), ("EventGrossProfit", Of(n.Events.GrossProfit)),
            ("EventBudget", Of(n.Events.Budget)), ("EventCostPerOrder", Of(n.Events.CostPerOrder)),
        ]),
    ];

    /// <summary>The month's figures as a two-column sheet (Figure, Value).</summary>
    public static SummarySheetRow[] Sheet(RetentionNumbers n) => Summary(Lines(n));

    public static byte[] Xlsx(RetentionNumbers n) => Save(new Dictionary<string, object> { ["Summary"] = Sheet(n) });

    public static byte[] Xlsx(GroupRetention g) => Save(new Dictionary<string, object>
    {
        ["Stores"] = g.Stores.Select(n => new RetentionSheetRow
        {
            Store = n.StoreId,
            RemindersDue = n.Reminders.Due,
            RemindersContacted = n.Reminders.Contacted,
            RemindersBooked = n.Reminders.Booked,
            RemindersArrived = n.Reminders.Arrived,
            ArrivalRate = n.Reminders.ArrivalRate,
            CarsOnBooks = n.Retention.CarsOnBooks,
            CameBack = n.Retention.CameBack,
            RetentionRate = n.Retention.Rate,
            PoliciesExpiring = n.Renewals.Expiring,
            RenewedWithUs = n.Renewals.RenewedWithUs,
            RenewalRate = n.Renewals.Rate,
            WarrantyCarsCalled = n.Warranty.CarsCalled,
            Extended = n.Warranty.Extended,
            ExtensionRevenue = n.Warranty.ExtensionRevenue,
            Events = n.Events.Events,
            EventCheckIns = n.Events.CheckedIn,
            EventOrders = n.Events.Orders,
            EventCostPerOrder = n.Events.CostPerOrder,
        }).ToArray(),
    });

    private static byte[] Save(Dictionary<string, object> sheets)
    {
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}
