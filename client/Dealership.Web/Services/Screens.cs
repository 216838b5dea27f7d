using Dealership.ApiClient.Models;

namespace Dealership.Web.Services;

/// <summary>Which screens each role has, in the order of their day; the first is where they land after signing in.</summary>
public static class Screens
{
    public static IReadOnlyList<(string Href, string Key)> For(StaffRole role) => role switch
    {
        StaffRole.SalesConsultant => [("my-day", "nav.myDay"), ("log-visit", "nav.logVisit")],
        StaffRole.SalesManager or StaffRole.GeneralManager =>
            [("desk", "nav.desk"), ("approvals", "nav.approvals"), ("lost-prospects", "nav.lostProspects"), ("monthly-analysis", "nav.analysis"), ("month-end", "nav.monthEnd"), ("log-visit", "nav.logVisit")],
        StaffRole.SalesInformationClerk => [("month-end", "nav.monthEnd")],
        StaffRole.Cashier => [("cashier", "nav.cashier")],
        StaffRole.FinanceSpecialist => [("loans", "nav.loans")],
        StaffRole.Technician => [("pdi", "nav.pdi")],
        _ => [],
    };

    public static string Home(StaffRole role) => For(role) is [var first, ..] ? first.Href : "";
}
