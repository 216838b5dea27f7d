using Dealership.Contracts.Sales;

namespace Dealership.Grains.Sales;

/// <summary>The loan case's one state machine; any other jump is refused.</summary>
public static class LoanRules
{
    public static LoanStatus? After(LoanStatus status, LoanStep step) => (status, step) switch
    {
        (LoanStatus.Collecting, LoanStep.Submit) => LoanStatus.Submitted,
        (LoanStatus.Submitted, LoanStep.Approve) => LoanStatus.Approved,
        (LoanStatus.Submitted, LoanStep.Reject) => LoanStatus.Rejected,
        (LoanStatus.Approved, LoanStep.Disburse) => LoanStatus.Disbursed,
        (LoanStatus.Disbursed, LoanStep.RegisterCollateral) => LoanStatus.CollateralRegistered,
        _ => null,
    };

    /// <summary>The lender has said yes: the car may be invoiced once the down payment is in.</summary>
    public static bool IsApproved(LoanStatus status) => status is LoanStatus.Approved or LoanStatus.Disbursed or LoanStatus.CollateralRegistered;
}
