namespace Dealership.Contracts.Staff;

/// <summary>
/// Who may do what, by role: one list per duty, used by the gateway's endpoint rules and by every grain's own check,
/// so the two checks can never disagree.
/// </summary>
public static class RoleSets
{
    /// <summary>Every staff role (not the operator's tooling).</summary>
    public static readonly StaffRole[] Everyone = [.. Enum.GetValues<StaffRole>().Where(r => r != StaffRole.PlatformOperator)];

    /// <summary>The general manager and the sales manager: approvals, confirmations, reassignments.</summary>
    public static readonly StaffRole[] Managers = [StaffRole.GeneralManager, StaffRole.SalesManager];

    /// <summary>Those who work the showroom floor: walk-ins, prospects, test drives, deals.</summary>
    public static readonly StaffRole[] SalesFloor = [StaffRole.SalesConsultant, StaffRole.SalesManager, StaffRole.GeneralManager];

    /// <summary>The floor and group HQ, who reads it.</summary>
    public static readonly StaffRole[] SalesFloorReaders = [.. SalesFloor, StaffRole.GroupHq];

    /// <summary>Who reads deals: the floor, the cashier, the finance specialist and group HQ.</summary>
    public static readonly StaffRole[] DealReaders = [.. SalesFloor, StaffRole.Cashier, StaffRole.FinanceSpecialist, StaffRole.GroupHq];

    /// <summary>Who reads the loan cases.</summary>
    public static readonly StaffRole[] LoanReaders = [StaffRole.FinanceSpecialist, StaffRole.SalesManager, StaffRole.GeneralManager];

    /// <summary>Who reads the sales numbers.</summary>
    public static readonly StaffRole[] NumbersReaders = [.. SalesFloor, StaffRole.SalesInformationClerk, StaffRole.GroupHq];

    /// <summary>Who keeps the vehicle stock: registers and moves cars, receives shipments, corrects the ledger, asks for transfers.</summary>
    public static readonly StaffRole[] StockKeepers = [StaffRole.SalesInformationClerk, StaffRole.SalesManager, StaffRole.GeneralManager];

    /// <summary>Who reads the cars of a store one by one (the service advisor too: cars come back to the workshop).</summary>
    public static readonly StaffRole[] VehicleReaders =
    [
        .. SalesFloor, StaffRole.SalesInformationClerk, StaffRole.FinanceSpecialist, StaffRole.Cashier, StaffRole.ServiceAdvisor, StaffRole.GroupHq,
    ];

    /// <summary>Who reads the stock list and its figures.</summary>
    public static readonly StaffRole[] StockListReaders = [.. SalesFloor, StaffRole.SalesInformationClerk, StaffRole.GroupHq];

    /// <summary>Who reads transfers between stores.</summary>
    public static readonly StaffRole[] TransferReaders = [.. StockKeepers, StaffRole.GroupHq];

    /// <summary>Who keeps the store's price book and rebate policies (the sales manager; the GM too).</summary>
    public static readonly StaffRole[] PriceKeepers = [StaffRole.SalesManager, StaffRole.GeneralManager];

    /// <summary>Who reads the price book: the floor quotes from it; the clerk, cashier, finance and HQ check against it.</summary>
    public static readonly StaffRole[] PriceReaders =
        [.. SalesFloor, StaffRole.SalesInformationClerk, StaffRole.Cashier, StaffRole.FinanceSpecialist, StaffRole.GroupHq];

    /// <summary>Who keeps the parts stock.</summary>
    public static readonly StaffRole[] PartsKeepers = [StaffRole.PartsPlanner, StaffRole.GeneralManager];

    /// <summary>Who approves a purchase order before it goes to the supplier (the planner drafts, receives and claims).</summary>
    public static readonly StaffRole[] PurchaseApprovers = [StaffRole.GeneralManager];

    /// <summary>Who unwinds an invoiced sale (退车) and approves the month's commission statements: the general manager alone.</summary>
    public static readonly StaffRole[] Unwinders = [StaffRole.GeneralManager];

    /// <summary>Who requires a purchase order of a store (the group's parts orders the store's planner completes).</summary>
    public static readonly StaffRole[] PurchaseRequirers = [StaffRole.GroupHq];

    /// <summary>Who reads purchase orders and supplier claims (finance matches them with the suppliers' invoices).</summary>
    public static readonly StaffRole[] PurchaseReaders = [StaffRole.PartsPlanner, StaffRole.GeneralManager, StaffRole.FinanceSpecialist, StaffRole.GroupHq];

    /// <summary>Who keeps the supplier payables ledger (the planner records each supplier invoice against its receipt).</summary>
    public static readonly StaffRole[] PayablesKeepers = [StaffRole.PartsPlanner, StaffRole.GeneralManager];

    /// <summary>Who pays suppliers (the store's money goes out through the cashier, or the general manager).</summary>
    public static readonly StaffRole[] SupplierPayers = [StaffRole.Cashier, StaffRole.GeneralManager];

    /// <summary>Who reads supplier accounts and statements (the planner reconciles them with finance).</summary>
    public static readonly StaffRole[] PayablesReaders =
        [StaffRole.PartsPlanner, StaffRole.GeneralManager, StaffRole.Cashier, StaffRole.FinanceSpecialist, StaffRole.GroupHq];

    /// <summary>Who reads the store's suppliers.</summary>
    public static readonly StaffRole[] SupplierReaders = [.. PayablesReaders, StaffRole.Administrator];

    /// <summary>Who holds parts for a repair order (the advisor quoting it, the parts counter) and lets them go.</summary>
    public static readonly StaffRole[] PartsHolders = [StaffRole.PartsPlanner, StaffRole.ServiceAdvisor, StaffRole.GeneralManager];

    /// <summary>Who reads the parts stock.</summary>
    public static readonly StaffRole[] PartsReaders =
        [StaffRole.PartsPlanner, StaffRole.GeneralManager, StaffRole.ServiceAdvisor, StaffRole.Technician, StaffRole.GroupHq];

    /// <summary>Who changes a store's profile.</summary>
    public static readonly StaffRole[] StoreAdmins = [StaffRole.Administrator, StaffRole.GeneralManager];

    /// <summary>Who changes a store's policies (discount limits, GP floor, VAT, deadlines).</summary>
    public static readonly StaffRole[] PolicyKeepers = [StaffRole.GeneralManager, StaffRole.Administrator];

    /// <summary>Who reads a store's change history.</summary>
    public static readonly StaffRole[] StoreHistoryReaders = [StaffRole.GeneralManager, StaffRole.Administrator, StaffRole.SalesManager];

    /// <summary>Who issues and revokes wall-screen board tokens.</summary>
    public static readonly StaffRole[] BoardKeepers = [StaffRole.GeneralManager, StaffRole.SalesManager, StaffRole.Administrator];

    /// <summary>Who reads the store's accounting vouchers and downloads them for the finance software.</summary>
    public static readonly StaffRole[] VoucherReaders =
        [StaffRole.FinanceSpecialist, StaffRole.GeneralManager, StaffRole.Cashier, StaffRole.Administrator, StaffRole.GroupHq];

    /// <summary>Who closes a day's vouchers (its figures then stay as closed).</summary>
    public static readonly StaffRole[] VoucherKeepers = [StaffRole.FinanceSpecialist, StaffRole.GeneralManager];

    /// <summary>Who maps the product's accounts to the store's chart of accounts and sets the voucher file's columns.</summary>
    public static readonly StaffRole[] VoucherSettingsKeepers = [StaffRole.FinanceSpecialist, StaffRole.GeneralManager, StaffRole.Administrator];

    /// <summary>Who brings a store's suppliers and parts in from spreadsheets.</summary>
    public static readonly StaffRole[] PartsImporters = [StaffRole.PartsPlanner, StaffRole.GeneralManager, StaffRole.Administrator];

    /// <summary>Who brings a store's customers and open prospects in from spreadsheets.</summary>
    public static readonly StaffRole[] SalesImporters = [StaffRole.SalesManager, StaffRole.GeneralManager, StaffRole.Administrator];

    /// <summary>Who brings a store's cars in stock and on their way in from spreadsheets (the opening balance).</summary>
    public static readonly StaffRole[] StockImporters =
        [StaffRole.SalesInformationClerk, StaffRole.SalesManager, StaffRole.GeneralManager, StaffRole.Administrator];

    /// <summary>Who imports anything (each kind checks its own importers), and reads the store's import runs and their reports.</summary>
    public static readonly StaffRole[] ImportReaders =
        [StaffRole.PartsPlanner, StaffRole.SalesInformationClerk, StaffRole.SalesManager, StaffRole.GeneralManager, StaffRole.Administrator];

    /// <summary>The group's IT: opens stores, creates staff, assigns their roles and stores, and disables them.</summary>
    public static readonly StaffRole[] Administrators = [StaffRole.Administrator];

    /// <summary>Who reads the group's staff list.</summary>
    public static readonly StaffRole[] StaffReaders = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.GroupHq, StaffRole.SalesManager];

    /// <summary>Who works a store's task list (everyone in a store; not HQ or IT).</summary>
    public static readonly StaffRole[] TaskWorkers = [.. Everyone.Where(r => r is not (StaffRole.GroupHq or StaffRole.Administrator))];

    /// <summary>Who reads a store's task list.</summary>
    public static readonly StaffRole[] TaskReaders = [.. TaskWorkers, StaffRole.GroupHq];

    /// <summary>The sales information clerk alone: weekly report, OEM order drafts.</summary>
    public static readonly StaffRole[] Clerk = [StaffRole.SalesInformationClerk];

    /// <summary>The cashier alone: payments and the sales invoice.</summary>
    public static readonly StaffRole[] Cashier = [StaffRole.Cashier];

    /// <summary>The finance specialist alone: loan cases.</summary>
    public static readonly StaffRole[] Finance = [StaffRole.FinanceSpecialist];

    /// <summary>
    /// Who records a deal's insurance policies: the finance desk and the managers, never the consultant whose commission and
    /// gross profit they set.
    /// </summary>
    public static readonly StaffRole[] InsuranceDesk = [StaffRole.FinanceSpecialist, .. Managers];

    /// <summary>Who makes the follow-up calls after a delivery (客服回访): the customer-service caller, and the managers who cover.</summary>
    public static readonly StaffRole[] FollowUpCallers = [StaffRole.CustomerServiceCaller, .. Managers];

    /// <summary>Who reads customers' complaints: the managers who handle them, the caller who raised them, group HQ.</summary>
    public static readonly StaffRole[] ComplaintReaders = [.. Managers, StaffRole.CustomerServiceCaller, StaffRole.GroupHq];

    /// <summary>Who sets the workshop's capacity, roster and labour rate.</summary>
    public static readonly StaffRole[] WorkshopKeepers = [StaffRole.GeneralManager, StaffRole.Administrator];

    /// <summary>The service desk (前台接待): books appointments, writes repair orders, records the customer's approvals, hands cars back.</summary>
    public static readonly StaffRole[] ServiceDesk = [StaffRole.ServiceAdvisor, StaffRole.GeneralManager];

    /// <summary>Who works on the cars: clocks on and off repair lines, returns unused parts, hands the job to the quality check.</summary>
    public static readonly StaffRole[] Workshop = [StaffRole.Technician, StaffRole.ServiceAdvisor, StaffRole.GeneralManager];

    /// <summary>Who may do a quality check (never on a car they worked on).</summary>
    public static readonly StaffRole[] QualityCheckers = [StaffRole.ServiceAdvisor, StaffRole.Technician, StaffRole.GeneralManager];

    /// <summary>Who takes the payment when a serviced car goes back.</summary>
    public static readonly StaffRole[] ServiceHandover = [StaffRole.ServiceAdvisor, StaffRole.Cashier, StaffRole.GeneralManager];

    /// <summary>Who reads the workshop's days, repair orders and car histories.</summary>
    public static readonly StaffRole[] ServiceReaders =
    [
        StaffRole.ServiceAdvisor, StaffRole.Technician, StaffRole.GeneralManager, StaffRole.CustomerServiceCaller, StaffRole.Cashier,
        StaffRole.PartsPlanner, StaffRole.GroupHq,
    ];

    /// <summary>Who reads the service numbers (load, productivity, on-time, follow-ups, complaints).</summary>
    public static readonly StaffRole[] ServiceNumbersReaders = [StaffRole.ServiceAdvisor, StaffRole.GeneralManager, StaffRole.GroupHq];

    /// <summary>Who records a customer's consent to marketing contact: whoever meets or calls them, on the customer's word.</summary>
    public static readonly StaffRole[] ConsentKeepers =
    [
        StaffRole.SalesConsultant, StaffRole.SalesManager, StaffRole.GeneralManager, StaffRole.ServiceAdvisor, StaffRole.CustomerServiceCaller,
    ];

    /// <summary>Who reads a car's after-sales record (next service, warranty, visits): the service side, and sales who sell extended warranties.</summary>
    public static readonly StaffRole[] CarRecordReaders =
    [
        .. ServiceReaders, StaffRole.SalesConsultant, StaffRole.SalesManager, StaffRole.FinanceSpecialist,
    ];

    /// <summary>Who sells an extended warranty (延保) at the store's price: the desk and the caller who offer it, sales at delivery, the GM.</summary>
    public static readonly StaffRole[] WarrantySellers =
    [
        StaffRole.ServiceAdvisor, StaffRole.CustomerServiceCaller, StaffRole.SalesConsultant, StaffRole.SalesManager, StaffRole.FinanceSpecialist,
        StaffRole.GeneralManager,
    ];

    /// <summary>Who makes the follow-up calls after a service visit: the customer-service caller, or another advisor or the GM covering.</summary>
    public static readonly StaffRole[] ServiceCallers = [StaffRole.CustomerServiceCaller, StaffRole.ServiceAdvisor, StaffRole.GeneralManager];

    /// <summary>
    /// Who may work insurance renewals at any store (the gateway's check): each store names its desk (advisors or consultants) in
    /// its policies, and the grain holds the caller to that (<see cref="RenewalWorkers"/>).
    /// </summary>
    public static readonly StaffRole[] RenewalDeskAnywhere =
    [
        StaffRole.ServiceAdvisor, StaffRole.SalesConsultant, StaffRole.SalesManager, StaffRole.FinanceSpecialist, StaffRole.GeneralManager,
    ];

    /// <summary>Who works a store's renewals: its desk's role (and the sales manager over consultants), the finance desk and the GM.</summary>
    public static StaffRole[] RenewalWorkers(Stores.RenewalDesk desk) => desk == Stores.RenewalDesk.SalesConsultant
        ? [StaffRole.SalesConsultant, StaffRole.SalesManager, StaffRole.FinanceSpecialist, StaffRole.GeneralManager]
        : [StaffRole.ServiceAdvisor, StaffRole.FinanceSpecialist, StaffRole.GeneralManager];

    /// <summary>Who reads the store's renewal rate: its managers, the finance desk and group HQ.</summary>
    public static readonly StaffRole[] RenewalRateReaders =
        [StaffRole.GeneralManager, StaffRole.SalesManager, StaffRole.FinanceSpecialist, StaffRole.GroupHq];

    /// <summary>Who sets a store's annual targets: group HQ.</summary>
    public static readonly StaffRole[] TargetSetters = [StaffRole.GroupHq];

    /// <summary>Who splits the year into months and consultants: the sales manager, and the GM above them.</summary>
    public static readonly StaffRole[] TargetSplitters = [StaffRole.SalesManager, StaffRole.GeneralManager];

    /// <summary>Who reads targets and progress: the floor (a consultant their store's), the clerk, group HQ.</summary>
    public static readonly StaffRole[] TargetReaders = [.. SalesFloor, StaffRole.SalesInformationClerk, StaffRole.GroupHq];

    /// <summary>Who reads the daily report: the GM it is for, the sales manager who answers for it, group HQ.</summary>
    public static readonly StaffRole[] DailyReportReaders = [.. Managers, StaffRole.GroupHq];

    /// <summary>Who reads the monthly sales analysis: the sales manager who makes it, the GM, group HQ.</summary>
    public static readonly StaffRole[] SalesAnalysisReaders = [.. Managers, StaffRole.GroupHq];

    /// <summary>Who reads the group's rollup of every store.</summary>
    public static readonly StaffRole[] RollupReaders = [StaffRole.GroupHq];

    /// <summary>The technician alone: the PDI.</summary>
    public static readonly StaffRole[] Technician = [StaffRole.Technician];

    /// <summary>Who reads a deal's PDI sheet: the technician who does it and the floor who books the handover.</summary>
    public static readonly StaffRole[] PdiReaders = [StaffRole.Technician, .. SalesFloor];

    /// <summary>Who reads weekly reports and OEM orders.</summary>
    public static readonly StaffRole[] ReportReaders = [StaffRole.SalesInformationClerk, .. Managers, StaffRole.GroupHq];
}
