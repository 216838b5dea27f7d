using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.KeyAccounts;
using Dealership.Grains.Ownership;

namespace Dealership.Grains.Sales;

/// <summary>The deal's money: deposits, payments and refunds (the cashier's), and the sales invoice.</summary>
public sealed partial class DealGrain
{

    public async Task<Outcome<DealView>> RecordPayment(PaymentDraft payment, string? operationId)
    {
        var errors = payment is null ? new FieldErrors().Add("kind", "is required.") : payment.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(RecordPayment), operationId, [payment], RoleSets.Cashier, "record money", now =>
        {
            var s = state.State;
            var p = payment!;
            var customerDue = CustomerDue();
            switch (p.Kind)
            {
                case PaymentKind.Deposit:
                    if (s.Status is DealStatus.Invoiced or DealStatus.Delivered or DealStatus.Cancelled)
                    {
                        return Done(Problem.Conflict("illegal-transition", $"A deal that is {s.Status} takes no deposit."));
                    }

                    if (Terms.DepositKind == DepositKind.Binding && DepositHeld() + p.Amount > Figures.BindingDepositCap)
                    {
                        return Done(Problem.Invalid("amount",
                            $"a binding deposit (定金) may be at most 20% of the price: {Figures.BindingDepositCap:0.00} in all, {DepositHeld():0.00} already held."));
                    }

                    break;
                case PaymentKind.Payment:
                    if (s.Status is not (DealStatus.Signed or DealStatus.Invoiced))
                    {
                        return Done(Problem.Conflict("illegal-transition", $"Payments are taken on a signed contract; this deal is {s.Status}."));
                    }

                    break;
                case PaymentKind.Refund:
                    if (s.Cancellation is not { } cancelled)
                    {
                        return Done(Problem.Conflict("illegal-transition", "Money is refunded only on a cancelled deal."));
                    }

                    var refunded = s.Money.Refunds;
                    if (refunded + p.Amount > cancelled.RefundDue)
                    {
                        return Done(Problem.Invalid("amount", $"exceeds the refund due: {cancelled.RefundDue - refunded:0.00} is left to refund."));
                    }

                    break;
            }

            if (p.Kind != PaymentKind.Refund && CustomerPaid() + p.Amount > customerDue)
            {
                return Done(Problem.Invalid("amount", $"exceeds what the customer owes: {customerDue - CustomerPaid():0.00} is outstanding."));
            }

            AddPayment(now, p.Kind, p.Method, p.Amount, p.Reference);
            var kind = p.Kind switch
            {
                PaymentKind.Deposit => Terms.DepositKind == DepositKind.Binding ? "binding deposit (定金)" : "refundable deposit (订金)",
                PaymentKind.Refund => "refund",
                _ => "payment",
            };
            return Done($"{kind} {p.Amount:0.00} by {p.Method}{(p.Reference is null ? "" : $" ({p.Reference})")}");
        });
    }

    public Task<Outcome<DealView>> IssueInvoice(string? operationId) =>
        Command(nameof(IssueInvoice), operationId, [], RoleSets.Cashier, "issue invoices", async now =>
        {
            var s = state.State;
            if (s.Status != DealStatus.Signed)
            {
                return Problem.Conflict("illegal-transition", $"Only a signed deal is invoiced; this one is {s.Status}.");
            }

            if (s.Vin is not { } vin)
            {
                return Problem.Refused("no-vehicle", "No car is allocated: the invoice names the VIN.");
            }

            if (s.Approval is { Approved: not true } approval)
            {
                return Problem.Refused("approval-pending", approval.Approved is null
                    ? $"The deal is waiting for the {(approval.Tier == ApprovalTier.GeneralManager ? "general manager" : "sales manager")} to approve it with the allocated car: {string.Join("; ", approval.Reasons)}."
                    : "The approval with the allocated car was rejected: allocate another car or cancel the deal.");
            }

            if (PaymentShortfall() is { } shortfall)
            {
                return Problem.Refused("not-paid", shortfall);
            }

            var car = Car(await Group(), vin);
            var sold = await car.Sell(Key.StoreId, Key.DealId);
            if (!sold.IsOk && !await AlreadyMoved(car, VehicleStatus.Sold))
            {
                return sold.Problem!.Code == "illegal-transition"
                    ? Problem.Refused("vehicle-not-in-stock", $"VIN {vin} is not in stock yet ({sold.Problem.Detail}); it is invoiced when it arrives.")
                    : sold.Problem;
            }

            var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
            // The car and every accessory sold with it, before or after the contract; free ones and pass-through fees are not invoiced.
            InvoiceLine[] lines =
            [
                new($"{Terms.Model} {Terms.Trim} {Terms.Colour}, VIN {vin}", Figures.SellingPrice),
                .. (Terms.Accessories ?? []).Where(a => a is { Free: false }).Select(a => new InvoiceLine(a.Name, a.Price)),
            ];
            var price = lines.Sum(l => l.Amount);
            var vat = DealRules.Round(price * s.VatRate / (1m + s.VatRate));
            var localDate = StoreFacts.LocalDate(now, store!.Profile.TimeZoneId);
            s.Invoice = new SalesInvoice($"INV-{localDate:yyyyMMdd}-{Key.DealId[2..10].ToUpperInvariant()}", now, Audit.Who, price, vat, lines);
            s.Status = DealStatus.Invoiced;
            s.Pending.Add(InvoiceRecord("Vehicle", s.Invoice, localDate, 1m));
            await Count(SalesFactKind.RetailSale, now, Figures.GrossProfit);
            var onAccount = await InvoiceOnAccount(now, localDate);
            return $"sales invoice {s.Invoice.Number} issued: {price:0.00} incl. VAT {vat:0.00} (a retail sale){onAccount}";
        });

    public async Task<Outcome<DealView>> Unwind(string reason, string? operationId)
    {
        var errors = new FieldErrors().Required("reason", reason, 500);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(Unwind), operationId, [reason], RoleSets.Unwinders, "unwind a sale", async now =>
        {
            var s = state.State;
            if (s.Status is not (DealStatus.Invoiced or DealStatus.Delivered) || s.Invoice is not { } invoice)
            {
                return Problem.Conflict("illegal-transition", $"Only an invoiced or delivered sale is unwound; this deal is {s.Status}.");
            }

            var car = Car(await Group(), s.Vin!);
            var back = await car.TakeBack(Key.StoreId, Key.DealId);
            if (!back.IsOk && !((await car.Get(Key.StoreId)).Value is { Status: VehicleStatus.InStock, Reservation: null }))
            {
                return back.Problem!;
            }

            var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
            var localDate = StoreFacts.LocalDate(now, store!.Profile.TimeZoneId);
            s.CreditNote = new SalesInvoice($"CN-{localDate:yyyyMMdd}-{Key.DealId[2..10].ToUpperInvariant()}", now, Audit.Who, -invoice.Amount, -invoice.Vat,
                [.. (invoice.Lines ?? []).Select(l => l with { Amount = -l.Amount })]);
            s.Pending.Add(InvoiceRecord("CreditNote", s.CreditNote, localDate, -1m));
            var refundDue = Paid();
            s.Cancellation = new Cancellation(now, Audit.Who, reason, DepositDecision.Refund, DepositHeld(), refundDue);
            var wasDelivered = s.Status == DealStatus.Delivered;
            s.Status = DealStatus.Cancelled;
            s.Pending.Add(new PdiTasksDoneRow(Key.StoreId, Key.DealId, null, now, Audit.Who, "sale unwound"));
            await Count(SalesFactKind.RetailSaleUnwound, now, -Figures.GrossProfit, sign: -1);
            if (s.AccountId is { } accountId && s.OnAccount > 0)
            {
                // The account no longer owes for this car: the credit note goes on its ledger against the invoice.
                s.Pending.Add(new LedgerRow(groupId, Key.StoreId, accountId, new LedgerEntry(s.CreditNote.Number, now, Audit.Who,
                    LedgerEntryKind.CreditNote, Key.DealId, -s.OnAccount, localDate, null, invoice.Number)));
            }
            return $"sale unwound (退车): {reason}; credit note {s.CreditNote.Number} for {invoice.Amount:0.00}, car {s.Vin} back in stock" +
                $"{(wasDelivered ? " (returned after handover)" : "")}, refund due {refundDue:0.00}";
        });
    }

    /// <summary>
    /// The invoice (or, with <paramref name="sign"/> −1, its credit note) as a row of the store's sales invoices, the record its
    /// accounting voucher is built from: with the car's cost net of VAT, the fees and the trade-in the receivable also carries.
    /// </summary>
    private InvoiceRow InvoiceRecord(string kind, SalesInvoice invoice, DateOnly localDate, decimal sign)
    {
        // The first line is the car; the rest are the accessories sold with it.
        var lines = (invoice.Lines ?? []).Select((l, i) => new InvoiceFactLine(i == 0 ? "Vehicle" : "Accessory", l.Description, l.Amount)).ToList();
        var cost = Terms.VehicleCost - VoucherRules.VatIn(Terms.VehicleCost, state.State.VatRate);
        return new InvoiceRow(groupId, Key.StoreId, localDate, invoice.IssuedBy,
            new InvoiceFact(invoice.Number, kind, Key.DealId, invoice.IssuedAt, state.State.CustomerName, invoice.Amount, invoice.Vat, lines,
                sign * cost, sign * Figures.Fees, sign * Figures.TradeInAllowance));
    }

    /// <summary>
    /// A key account's car is invoiced on its account: what is still owed (the cash due less any deposit) goes on the account's
    /// ledger, due after the account's payment days. Returns the history note ("" for a private sale).
    /// </summary>
    private async Task<string> InvoiceOnAccount(DateTimeOffset now, DateOnly localDate)
    {
        var s = state.State;
        if (s.AccountId is not { } accountId || await AccountBook.Terms(database, Key.StoreId, accountId) is not { } account)
        {
            return "";
        }

        s.OnAccount = Math.Max(0m, Figures.CashDue - CustomerPaid());
        var due = localDate.AddDays(account.PaymentDays);
        s.Pending.Add(new LedgerRow(groupId, Key.StoreId, accountId, new LedgerEntry(s.Invoice!.Number, now, Audit.Who, LedgerEntryKind.Invoice,
            Key.DealId, s.OnAccount, localDate, due, s.Vin)));
        return $"; {s.OnAccount:0.00} on {account.Name}'s account, due {due:yyyy-MM-dd}";
    }

    /// <summary>Why the car may not yet be invoiced or handed over for money reasons, or null when the money is in order.</summary>
    private string? PaymentShortfall()
    {
        if (state.State.AccountId is not null)
        {
            // A key account pays on its terms, after the invoice: its receivables are chased on the account, not at the handover.
            return null;
        }

        var paid = CustomerPaid();
        if (state.State.Loan is { Status: not LoanStatus.Rejected } loan)
        {
            if (!LoanRules.IsApproved(loan.Status))
            {
                return $"The loan with {loan.Lender} is {loan.Status}, not approved yet.";
            }

            var down = CustomerDue();
            return paid >= down ? null : $"The down payment is not paid: {paid:0.00} of {down:0.00} received.";
        }

        var due = Figures.CashDue;
        return paid >= due ? null : $"Not paid in full: {paid:0.00} of {due:0.00} received.";
    }

    /// <summary>What the customer pays themselves: the cash due, less the loan if one is open (the lender pays that part).</summary>
    private decimal CustomerDue() =>
        Figures.CashDue - (state.State.Loan is { Status: not LoanStatus.Rejected } loan ? loan.Amount : 0m);

    private decimal CustomerPaid() => state.State.Money.Deposits + state.State.Money.Payments - state.State.Money.Refunds;

    private decimal DepositHeld() => state.State.Money.Deposits;

    private decimal Paid() => CustomerPaid() + state.State.Money.Disbursed;

    /// <summary>A retried step whose car move already happened (the car is there, for this deal) is not refused.</summary>
    private async Task<bool> AlreadyMoved(IVehicleGrain car, VehicleStatus expected) =>
        (await car.Get(Key.StoreId)).Value is { } v && v.Status == expected && v.Reservation?.DealId == Key.DealId;

    private static Task<Outcome<string>> Done(Outcome<string> outcome) => Task.FromResult(outcome);
}
