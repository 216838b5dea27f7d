namespace Dealership.Contracts.Staff;

/// <summary>The one role a member of staff has (DOMAIN.md, "Roles").</summary>
public enum StaffRole
{
    GeneralManager = 1,
    SalesManager = 2,
    SalesConsultant = 3,
    SalesInformationClerk = 4,
    FinanceSpecialist = 5,
    Cashier = 6,
    PartsPlanner = 7,
    ServiceAdvisor = 8,
    Technician = 9,
    CustomerServiceCaller = 10,
    GroupHq = 11,
    Administrator = 12,

    /// <summary>
    /// Not a staff role: the operator's own tooling (group onboarding, demo seeding) that runs inside
    /// the trusted network. No token is ever issued for it and no staff member can be given it.
    /// </summary>
    PlatformOperator = 99,
}
