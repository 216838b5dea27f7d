using Dealership.ApiClient.Models;

namespace Dealership.Web.Services;

/// <summary>Which screens each role has, in the order of their day; the first is where they land after signing in.</summary>
public static class Screens
{
    public static IReadOnlyList<(string Href, string Key)> For(StaffRole role) => role switch
    {
        StaffRole.SalesConsultant => [("my-day", "nav.myDay"), ("log-visit", "nav.logVisit"), ("stock", "nav.stock"), ("events", "nav.events"), ("renewals", "nav.renewals"), ("my-pay", "nav.myPay"), ("scorecards", "nav.myScorecard")],
        StaffRole.SalesManager => [.. Managers, ("renewals", "nav.renewals"), ("imports", "nav.imports")],
        StaffRole.GeneralManager => [.. Managers, ("purchase-orders", "nav.purchaseOrders"), ("workshop", "nav.workshop"), ("reminders", "nav.reminders"), ("warranties", "nav.warranties"), ("renewals", "nav.renewals"), ("maintenance-plans", "nav.plans"), ("vouchers", "nav.vouchers"), ("store", "nav.store"), ("staff", "nav.staff"), ("imports", "nav.imports")],
        StaffRole.SalesInformationClerk =>
        [
            ("stock", "nav.stock"), ("shipments", "nav.shipments"), ("transfers", "nav.transfers"), ("weekly-reports", "nav.weekly"),
            ("oem-order", "nav.oemOrder"), ("month-end", "nav.monthEnd"), ("imports", "nav.imports"),
        ],
        StaffRole.Cashier => [("cashier", "nav.cashier"), ("fleet-orders", "nav.fleetOrders")],
        StaffRole.FinanceSpecialist => [("loans", "nav.loans"), ("renewals", "nav.renewals"), ("vouchers", "nav.vouchers")],
        StaffRole.Technician => [("pdi", "nav.pdi"), ("jobs", "nav.jobs")],
        StaffRole.ServiceAdvisor => [("workshop", "nav.workshop"), ("reminders", "nav.reminders"), ("warranties", "nav.warranties"), ("renewals", "nav.renewals"), ("parts", "nav.parts"), ("calls", "nav.calls")],
        StaffRole.PartsPlanner => [("parts", "nav.parts"), ("parts-planning", "nav.review"), ("purchase-orders", "nav.purchaseOrders"), ("imports", "nav.imports")],
        StaffRole.CustomerServiceCaller => [("calls", "nav.calls"), ("reminders", "nav.reminders"), ("warranties", "nav.warranties")],
        StaffRole.Administrator => [("staff", "nav.staff"), ("store", "nav.store"), ("imports", "nav.imports"), ("data", "nav.data"), ("vouchers", "nav.vouchers"), ("api-clients", "nav.apiClients"), ("webhooks", "nav.webhooks")],
        StaffRole.GroupHq => [("hq", "nav.hq"), ("plan-templates", "nav.planTemplates"), ("group-retention", "nav.groupRetention"), ("stock", "nav.stock"), ("monthly-analysis", "nav.analysis"), ("month-end", "nav.monthEnd"), ("retention", "nav.retention")],
        _ => [],
    };

    // The sales manager's screens; the general manager has them too.
    private static readonly (string Href, string Key)[] Managers =
    [
        ("desk", "nav.desk"), ("daily-plan", "nav.plan"), ("approvals", "nav.approvals"), ("lost-prospects", "nav.lostProspects"), ("transfers", "nav.transfers"),
        ("oem-order", "nav.oemOrder"), ("stock", "nav.stock"), ("monthly-analysis", "nav.analysis"), ("month-end", "nav.monthEnd"),
        ("weekly-reports", "nav.weekly"), ("log-visit", "nav.logVisit"), ("events", "nav.events"), ("retention", "nav.retention"), ("incentive-plan", "nav.incentivePlan"), ("my-pay", "nav.pay"), ("commission-statements", "nav.statements"), ("scorecards", "nav.scorecards"), ("key-accounts", "nav.keyAccounts"), ("fleet-orders", "nav.fleetOrders"),
    ];

    public static string Home(StaffRole role) => For(role) is [var first, ..] ? first.Href : "";
}
