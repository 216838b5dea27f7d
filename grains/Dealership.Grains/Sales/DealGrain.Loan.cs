using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Grains.Common;
using Dealership.Contracts.Staff;

namespace Dealership.Grains.Sales;

/// <summary>The deal's loan case (分期): the finance specialist's documents and the lender's decisions.</summary>
public sealed partial class DealGrain
{

    public async Task<Outcome<DealView>> OpenLoan(LoanRequest loan, string? operationId)
    {
        var errors = loan is null ? new FieldErrors().Add("lender", "is required.") : loan.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(OpenLoan), operationId, [loan], RoleSets.Finance, "open loan cases", async now =>
        {
            var s = state.State;
            if (s.Status is not (DealStatus.Signed or DealStatus.Approved))
            {
                return Problem.Conflict("illegal-transition", $"A loan case is opened on an approved or signed deal; this one is {s.Status}.");
            }

            if (s.Loan is { Status: not LoanStatus.Rejected } open)
            {
                return Problem.Conflict("loan-exists", $"The deal already has a loan case with {open.Lender} ({open.Status}).");
            }

            var cashDue = Figures.CashDue;
            if (loan!.Amount + loan.DownPayment != cashDue)
            {
                return Problem.Invalid("downPayment", $"loan amount plus down payment must equal what the customer owes: {cashDue:0.00}.");
            }

            var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
            s.Loan = new LoanCase(loan.Lender, loan.Amount, loan.TermMonths, loan.DownPayment, LoanStatus.Collecting,
                store!.Policies.LoanDocuments.Select(d => new LoanDocument(d, null, null)).ToArray(), now, Audit.Who, now, null, null);
            return $"loan case opened with {loan.Lender}: {loan.Amount:0.00} over {loan.TermMonths} months, down payment {loan.DownPayment:0.00}";
        });
    }

    public async Task<Outcome<DealView>> CollectLoanDocument(string document, string? operationId)
    {
        var errors = new FieldErrors().Required("document", document, 80);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(CollectLoanDocument), operationId, [document], RoleSets.Finance, "collect loan documents", now =>
        {
            var s = state.State;
            if (s.Loan is not { } loan)
            {
                return Done(Problem.Conflict("no-loan", "The deal has no loan case."));
            }

            var index = loan.Documents.ToList().FindIndex(d => string.Equals(d.Name, document, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return Done(Problem.Invalid("document", $"is not on this case's checklist: {string.Join(", ", loan.Documents.Select(d => d.Name))}."));
            }

            if (loan.Documents[index].CollectedAt is not null)
            {
                return Done($"{loan.Documents[index].Name} already collected");
            }

            if (loan.Status != LoanStatus.Collecting)
            {
                return Done(Problem.Conflict("illegal-transition", $"The loan case is {loan.Status}; documents are collected before it is submitted."));
            }

            var documents = loan.Documents.ToArray();
            documents[index] = documents[index] with { CollectedAt = now, CollectedBy = Audit.Who };
            s.Loan = loan with { Documents = documents, UpdatedAt = now };
            return Done($"loan document collected: {documents[index].Name}");
        });
    }

    public async Task<Outcome<DealView>> MoveLoan(LoanStep step, string? note, string? operationId)
    {
        var errors = new FieldErrors().MaxLength("note", note, 200);
        if (!Enum.IsDefined(step))
        {
            errors.Add("step", "must be Submit, Approve, Reject, Disburse or RegisterCollateral.");
        }
        else if (step == LoanStep.Reject && string.IsNullOrWhiteSpace(note))
        {
            errors.Add("note", "is required: the lender's reason for rejecting.");
        }
        else if (step == LoanStep.RegisterCollateral && string.IsNullOrWhiteSpace(note))
        {
            errors.Add("note", "is required: the plate number the collateral is registered under.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(MoveLoan), operationId, [step, note], RoleSets.Finance, "move loan cases", now =>
        {
            var s = state.State;
            if (s.Loan is not { } loan)
            {
                return Done(Problem.Conflict("no-loan", "The deal has no loan case."));
            }

            if (LoanRules.After(loan.Status, step) is not { } next)
            {
                return Done(Problem.Conflict("illegal-transition", $"A loan case that is {loan.Status} cannot {step}."));
            }

            if (step == LoanStep.Submit && !loan.DocumentsComplete)
            {
                var missing = loan.Documents.Where(d => d.CollectedAt is null).Select(d => d.Name);
                return Done(Problem.Refused("documents-missing", $"Documents still missing: {string.Join(", ", missing)}."));
            }

            s.Loan = loan with
            {
                Status = next,
                UpdatedAt = now,
                Note = note ?? loan.Note,
                PlateNumber = step == LoanStep.RegisterCollateral ? note : loan.PlateNumber,
            };
            if (step == LoanStep.Disburse)
            {
                AddPayment(now, PaymentKind.LoanDisbursement, PaymentMethod.Lender, loan.Amount, loan.Lender);
            }

            return Done($"loan {step.ToString().ToLowerInvariant()}: {loan.Status} → {next}{(note is null ? "" : $" ({note})")}");
        });
    }
}
