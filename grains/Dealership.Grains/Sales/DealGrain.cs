using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Pricing;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Partners;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Sales;

public sealed class DealState : RecordedState
{
    public string? CustomerId { get; set; }
    public string CustomerName { get; set; } = "";

    /// <summary>The key account the car is sold to, invoiced on its account; null for a sale to a private customer.</summary>
    public string? AccountId { get; set; }

    /// <summary>What the invoice put on the account's ledger (a credit note takes it back).</summary>
    public decimal OnAccount { get; set; }
    public string ConsultantId { get; set; } = "";
    public DealStatus Status { get; set; }
    public DealTerms? Terms { get; set; }
    public decimal VatRate { get; set; }
    public ApprovalRecord? Approval { get; set; }
    public string? Vin { get; set; }

    /// <summary>The latest payments (<see cref="DealGrain.Kept"/>); all of them are rows, and <see cref="Money"/> sums them.</summary>
    public List<PaymentEntry> Payments { get; set; } = [];
    public DealMoney Money { get; set; } = new();
    public SalesInvoice? Invoice { get; set; }
    public LoanCase? Loan { get; set; }
    public Delivery Delivery { get; set; } = Delivery.None;
    public Cancellation? Cancellation { get; set; }

    /// <summary>The credit note (红字发票) that reversed the invoice when the sale was unwound.</summary>
    public SalesInvoice? CreditNote { get; set; }
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The opening request's fingerprint: a retried open is recognised although the stored terms carry the books' prices.</summary>
    public string? OpenedWith { get; set; }

    /// <summary>What the store's books said when the terms were last priced; approval measures deviations against it.</summary>
    public BookPrices? Books { get; set; }

    /// <summary>The insurance policies sold with the car (a handful at most: <see cref="DealGrain.MaxPolicies"/>).</summary>
    public List<InsurancePolicyRecord> Insurance { get; set; } = [];
    public DateTimeOffset? SignedAt { get; set; }

    /// <summary>The latest history entries (<see cref="DealGrain.Kept"/>); the whole history is rows.</summary>
    public List<DealEvent> History { get; set; } = [];
    public int Revision { get; set; }
}

/// <summary>What a deal has taken and given back, by kind: the sums every money rule reads.</summary>
public sealed class DealMoney
{
    public int Count { get; set; }
    public decimal Deposits { get; set; }
    public decimal Payments { get; set; }
    public decimal Refunds { get; set; }
    public decimal Disbursed { get; set; }
}

/// <summary>
/// A sales order from quote to delivery. The deal decides what may happen and who may do it; the car's grain holds
/// the reservation (so one car goes to one deal) and makes the stock ledger entries.
/// This file: opening, terms, approval, signing, allocation and cancellation. Money, loan and delivery are beside it.
/// </summary>
public sealed partial class DealGrain(
    [PersistentState("deal", GrainsSetup.StorageName)] IPersistentState<DealState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IDealGrain, IScopedGrain
{
    /// <summary>History entries and payments the deal shows; the rest are read a page at a time.</summary>
    public const int Kept = 20;


    private string groupId = "";

    private (string StoreId, string DealId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        groupId = await storeGroups.GroupOf(Key.StoreId) ?? "";

    private bool Exists => state.State.CustomerId is not null;

    private DealTerms Terms => state.State.Terms!;

    private DealFigures Figures => DealRules.Figures(Terms, state.State.VatRate);

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public Task<Outcome<DealView>> Open(NewDeal deal) => OpenDeal(deal, accountId: null);

    public Task<Outcome<DealView>> OpenForAccount(NewDeal deal, string accountId) => OpenDeal(deal, accountId);

    private async Task<Outcome<DealView>> OpenDeal(NewDeal deal, string? accountId)
    {
        var errors = deal.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("open a deal", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        var consultantId = StoreFacts.CallingConsultant() ?? deal.ConsultantId;
        var openedWith = OperationLog.Fingerprint(nameof(Open), deal.CustomerId, deal.Terms);
        if (Exists)
        {
            return state.State.CustomerId == deal.CustomerId && state.State.OpenedAt != default
                && (state.State.OpenedWith is null ? Terms.Equals(deal.Terms) : state.State.OpenedWith == openedWith)
                ? View()
                : Problem.Conflict("idempotency-key-reused", "This deal id was already used for another deal.");
        }

        if (consultantId is null)
        {
            return Problem.Invalid("consultantId", "is required when a manager opens a deal.");
        }

        if (await StoreFacts.Store(GrainFactory, Key.StoreId) is not { } store)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        var customer = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(Key.StoreId, deal.CustomerId)).Get();
        if (!customer.IsOk)
        {
            return Problem.Invalid("customerId", "is not a customer of this store.");
        }

        var account = accountId is null ? null : await KeyAccounts.AccountBook.Terms(database, Key.StoreId, accountId);
        if (accountId is not null && account is null)
        {
            return Problem.Invalid("accountId", "is not a key account of this store.");
        }

        var consultant = await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, consultantId)).Get();
        if (consultant.Value is not { Active: true })
        {
            return Problem.Invalid("consultantId", "is not an active consultant of this store.");
        }

        var priced = await Priced(deal.Terms, allocatedCost: null, accountId);
        if (!priced.IsOk)
        {
            return priced.Problem!;
        }

        var now = clock.GetUtcNow();
        var s = state.State;
        s.CustomerId = deal.CustomerId;
        s.AccountId = accountId;
        // A fleet car is the company's: the invoice and the deal name it, with the buyer who signs for it.
        s.CustomerName = account is null ? customer.Value!.Name : $"{account.Name}（{customer.Value!.Name}）";
        s.ConsultantId = consultantId;
        s.Status = DealStatus.Draft;
        s.Terms = priced.Value!.Terms;
        s.Books = priced.Value.Books;
        s.OpenedWith = openedWith;
        s.VatRate = store.Policies.VatRate;
        s.OpenedAt = now;
        var opened = $"deal opened for {deal.Terms.Model} {deal.Terms.Trim} {deal.Terms.Colour}, price {Figures.SellingPrice:0.00}";
        Stage(now, opened);
        await state.WriteStateAsync();
        await Publish(now, opened);
        return View();
    }

    public Task<Outcome<DealView>> Get() => Task.FromResult(Visible() ? View() : NotFound());

    public async Task<Outcome<DealView>> Revise(DealTerms terms, string? operationId)
    {
        var errors = terms is null ? new FieldErrors().Add("terms", "is required.") : terms.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(Revise), operationId, [terms], RoleSets.SalesFloor, "revise a deal", async now =>
        {
            var s = state.State;
            if (s.Status is not (DealStatus.Draft or DealStatus.PendingApproval or DealStatus.Approved))
            {
                return Problem.Conflict("deal-signed", $"A deal that is {s.Status} cannot change its terms.");
            }

            if (s.Vin is not null && !Matches(terms!, s.Terms!))
            {
                return Problem.Conflict("vin-allocated", $"VIN {s.Vin} is allocated; release it before changing model, trim or colour.");
            }

            var priced = await Priced(terms!, allocatedCost: s.Vin is null ? null : s.Terms!.VehicleCost, s.AccountId);
            if (!priced.IsOk)
            {
                return priced.Problem!;
            }

            var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
            s.Terms = priced.Value!.Terms;
            s.Books = priced.Value.Books;
            s.VatRate = store!.Policies.VatRate;
            var reopened = s.Status != DealStatus.Draft;
            s.Status = DealStatus.Draft;
            s.Approval = null;
            return $"terms revised, price {Figures.SellingPrice:0.00}, gross profit {Figures.GrossProfit:0.00}{(reopened ? "; back to draft" : "")}";
        });
    }

    public Task<Outcome<DealView>> Submit(string? operationId) =>
        Command(nameof(Submit), operationId, [], RoleSets.SalesFloor, "submit a deal", async now =>
        {
            var s = state.State;
            if (s.Status != DealStatus.Draft)
            {
                return Problem.Conflict("illegal-transition", $"A deal that is {s.Status} cannot be submitted.");
            }

            var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
            s.VatRate = store!.Policies.VatRate;
            var (tier, reasons) = DealRules.Approval(Terms, Figures, store.Policies, s.Books);
            if (tier == ApprovalTier.None)
            {
                s.Approval = new ApprovalRecord(tier, reasons.Count > 0 ? reasons : ["within the consultant's limits"], now, true, "policy", now, null);
                s.Status = DealStatus.Approved;
                return reasons.Count > 0 ? $"{reasons[0]}: approved without a manager" : "within policy: approved without a manager";
            }

            s.Approval = new ApprovalRecord(tier, reasons, now, null, null, null, null);
            s.Status = DealStatus.PendingApproval;
            return $"sent to the {(tier == ApprovalTier.GeneralManager ? "general manager" : "sales manager")}: {string.Join("; ", reasons)}";
        });

    public async Task<Outcome<DealView>> Decide(bool approve, string? note, string? operationId)
    {
        var errors = approve ? new FieldErrors().MaxLength("note", note, 500) : new FieldErrors().Required("reason", note, 500);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(Decide), operationId, [approve, note], RoleSets.Managers, "approve deals", now =>
        {
            var s = state.State;
            var signedAndWaiting = s.Status == DealStatus.Signed && s.Approval is { Approved: null };
            if ((s.Status != DealStatus.PendingApproval && !signedAndWaiting) || s.Approval is not { } approval)
            {
                return Task.FromResult<Outcome<string>>(Problem.Conflict("illegal-transition", $"A deal that is {s.Status} is not waiting for approval."));
            }

            if (approval.Tier == ApprovalTier.GeneralManager && Caller.Current is { IsPlatform: false, Role: not StaffRole.GeneralManager })
            {
                return Task.FromResult<Outcome<string>>(Problem.Forbidden("This deal is beyond the sales manager's limit: the general manager decides."));
            }

            s.Approval = approval with { Approved = approve, DecidedBy = Audit.Who, DecidedAt = now, Note = note };
            if (signedAndWaiting)
            {
                // The contract stands; a rejected re-approval holds the invoice until another car is allocated or the deal is cancelled.
                return Task.FromResult<Outcome<string>>(approve
                    ? $"approved with the allocated car{(note is null ? "" : ": " + note)}"
                    : $"rejected with the allocated car: {note}; allocate another car or cancel");
            }

            s.Status = approve ? DealStatus.Approved : DealStatus.Draft;
            return Task.FromResult<Outcome<string>>(approve ? $"approved{(note is null ? "" : ": " + note)}" : $"rejected: {note}");
        });
    }

    public Task<Outcome<DealView>> Sign(string? operationId) =>
        Command(nameof(Sign), operationId, [], RoleSets.SalesFloor, "sign a contract", async now =>
        {
            var s = state.State;
            if (s.Status != DealStatus.Approved)
            {
                return s.Status is DealStatus.Draft or DealStatus.PendingApproval
                    ? Problem.Refused("not-approved", "The deal is not approved; nothing is signed before approval.")
                    : Problem.Conflict("illegal-transition", $"A deal that is {s.Status} cannot be signed.");
            }

            s.Status = DealStatus.Signed;
            s.SignedAt = now;
            s.Pending.Add(PartnerEvents.Of(groupId, Key.StoreId, WebhookEventTypes.DealSigned, Key.DealId, now, new
            {
                dealId = Key.DealId,
                consultantId = s.ConsultantId,
                customerId = s.CustomerId,
                Terms.Model,
                Terms.Trim,
                Terms.Colour,
                vin = s.Vin,
                Figures.SellingPrice,
                signedAt = now,
            }, new { name = s.CustomerName }));
            await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(Key.StoreId, s.CustomerId!)).MarkWon(Key.DealId);
            await Count(SalesFactKind.Order, now);
            return "contract signed (an order)";
        });

    public async Task<Outcome<DealView>> AllocateVin(string vin, string? operationId)
    {
        if (Vin.Problem(vin) is { } vinProblem)
        {
            return Problem.Invalid("vin", vinProblem);
        }

        return await Command(nameof(AllocateVin), operationId, [vin], RoleSets.SalesFloor, "allocate a car", async now =>
        {
            var s = state.State;
            if (s.Status is DealStatus.Invoiced or DealStatus.Delivered or DealStatus.Cancelled)
            {
                return Problem.Conflict("illegal-transition", $"A deal that is {s.Status} cannot change its car.");
            }

            if (s.Vin == vin)
            {
                return "car already allocated";
            }

            var car = Car(await Group(), vin);
            var seen = await car.Get(Key.StoreId);
            if (!seen.IsOk)
            {
                return Problem.Invalid("vin", "is not a car of this store.");
            }

            var v = seen.Value!;
            if (!string.Equals(v.Model, Terms.Model, StringComparison.OrdinalIgnoreCase) || !string.Equals(v.Trim, Terms.Trim, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(v.Colour, Terms.Colour, StringComparison.OrdinalIgnoreCase))
            {
                return Problem.Conflict("spec-mismatch", $"VIN {vin} is a {v.Model} {v.Trim} {v.Colour}; the deal is for {Terms.Model} {Terms.Trim} {Terms.Colour}.");
            }

            var reserved = await car.Reserve(Key.StoreId, Key.DealId, null);
            if (!reserved.IsOk)
            {
                return reserved.Problem!;
            }

            var previous = s.Vin;
            if (previous is not null)
            {
                await Car(await Group(), previous).Release(Key.StoreId, Key.DealId, null);
            }

            s.Vin = vin;
            // The PDI and the configuration check were of the old car: the new one is inspected and checked afresh.
            var voided = s.Delivery.Pdi is { } pdi && pdi.Vin != vin ? $"; PDI of {pdi.Vin} voided" : "";
            if (s.Delivery.Checks is not null && previous is not null)
            {
                voided += "; delivery checks voided";
            }

            s.Delivery = s.Delivery with
            {
                Pdi = s.Delivery.Pdi?.Vin == vin ? s.Delivery.Pdi : null,
                Checks = previous is null ? s.Delivery.Checks : null,
            };
            var costChange = reserved.Value!.Cost != Terms.VehicleCost ? $"; vehicle cost {Terms.VehicleCost:0.00} → {reserved.Value.Cost:0.00}" : "";
            var before = Figures;
            s.Terms = Terms with { VehicleCost = reserved.Value.Cost };
            var approval = await ApprovalAfterChange(now, before, $"car {vin}", "the allocated car's cost");
            await AskForPdi(now);
            return $"car {vin} allocated ({reserved.Value.Status}){(previous is null ? "" : $", {previous} released")}{costChange}{voided}{approval}";
        });
    }

    public async Task<Outcome<DealView>> Cancel(string reason, DepositDecision deposit, string? operationId)
    {
        var errors = new FieldErrors().Required("reason", reason, 500);
        if (!Enum.IsDefined(deposit))
        {
            errors.Add("deposit", "must be Refund or Forfeit.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(Cancel), operationId, [reason, deposit], RoleSets.Managers, "cancel a deal", async now =>
        {
            var s = state.State;
            if (s.Status is DealStatus.Invoiced or DealStatus.Delivered or DealStatus.Cancelled)
            {
                return Problem.Conflict("illegal-transition", $"A deal that is {s.Status} cannot be cancelled.");
            }

            var held = DepositHeld();
            if (deposit == DepositDecision.Forfeit && held > 0 && Terms.DepositKind != DepositKind.Binding)
            {
                return Problem.Invalid("deposit", "a refundable deposit (订金) cannot be forfeited; only a binding 定金 can.");
            }

            if (s.Vin is { } vin)
            {
                var released = await Car(await Group(), vin).Release(Key.StoreId, Key.DealId, null);
                if (!released.IsOk && released.Problem!.Code != "not-reserved-by-deal")
                {
                    return released.Problem;
                }
            }

            var wasOrder = s.Status == DealStatus.Signed;
            var refundDue = Paid() - (deposit == DepositDecision.Forfeit ? held : 0m);
            s.Cancellation = new Cancellation(now, Audit.Who, reason, deposit, held, refundDue);
            s.Status = DealStatus.Cancelled;
            s.Pending.Add(new PdiTasksDoneRow(Key.StoreId, Key.DealId, null, now, Audit.Who, "deal cancelled"));
            if (wasOrder)
            {
                await Count(SalesFactKind.OrderCancelled, now);
            }

            return $"cancelled: {reason}; deposit {held:0.00} {(deposit == DepositDecision.Forfeit ? "forfeited" : "to refund")}, refund due {refundDue:0.00}"
                + (s.Vin is null ? "" : $", car {s.Vin} released");
        });
    }

    /// <summary>
    /// The store's books for <paramref name="terms"/>: the list price (unless the consultant proposes another, which the general
    /// manager then approves), the month's expected rebate (likewise) and the vehicle cost — the specification's OEM cost, or the
    /// allocated car's own (<paramref name="allocatedCost"/>). A cost sent by the client must match it: it is never taken from
    /// the request.
    /// </summary>
    private async Task<Outcome<(DealTerms Terms, BookPrices Books)>> Priced(DealTerms terms, decimal? allocatedCost, string? accountId)
    {
        var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
        var today = StoreFacts.LocalDate(clock.GetUtcNow(), store?.Profile.TimeZoneId ?? "UTC");
        var quote = await GrainFactory.GetGrain<IPriceBookGrain>(GrainKeys.Store(Key.StoreId)).Quote(terms.Model, terms.Trim, terms.Colour, today);
        if (quote.Value is not { } q)
        {
            return Problem.Refused("not-priced",
                $"{terms.Model} {terms.Trim} {terms.Colour} is not in the store's price book: the sales manager prices it first.");
        }

        var cost = allocatedCost ?? q.Entry.Cost;
        if (terms.VehicleCost != 0 && terms.VehicleCost != cost)
        {
            return Problem.Invalid("terms.vehicleCost", $"comes from the store's books ({cost:0.00}, " +
                $"{(allocatedCost is null ? "the price book's cost of the specification" : "the allocated car's cost")}); leave it out.");
        }

        // A key account's agreed price for the model and trim stands in for the price book's: a deal at it deviates from nothing.
        var agreed = accountId is null ? null : await KeyAccounts.AccountBook.AgreedPrice(database, Key.StoreId, accountId, terms.Model, terms.Trim);
        var listPrice = agreed ?? q.Entry.ListPrice;
        var priced = terms with
        {
            ListPrice = terms.ListPrice == 0 ? listPrice : terms.ListPrice,
            VehicleCost = cost,
            ExpectedRebate = terms.ExpectedRebate == 0 ? q.Rebate : terms.ExpectedRebate,
        };
        if (priced.Discount >= priced.ListPrice)
        {
            return Problem.Invalid("terms.discount", $"must be below the list price ({priced.ListPrice:0.00}).");
        }

        return (priced, new BookPrices(listPrice, q.Rebate, q.Month, Agreed: agreed is not null));
    }

    /// <summary>
    /// After a change of the deal's money once it was approved (the allocated car's own cost replaced the spec cost, accessories
    /// or insurance were added after signing): a deal whose approval tier rose, or whose gross profit fell below the floor, goes
    /// back for approval — a signed deal keeps its contract but is not invoiced until
    /// the manager decides. Returns the history note ("" when nothing changes).
    /// </summary>
    private async Task<string> ApprovalAfterChange(DateTimeOffset now, DealFigures before, string with, string cause)
    {
        var s = state.State;
        if (s.Status is not (DealStatus.PendingApproval or DealStatus.Approved or DealStatus.Signed) || s.Approval is not { } current)
        {
            return "";
        }

        var policies = (await StoreFacts.Store(GrainFactory, Key.StoreId))!.Policies;
        var after = Figures;
        var (tier, reasons) = DealRules.Approval(Terms, after, policies, s.Books);
        var fellBelowFloor = after.GrossProfit < policies.GrossProfitFloor && before.GrossProfit >= policies.GrossProfitFloor;
        if (current.Approved == true && tier <= current.Tier && !fellBelowFloor)
        {
            return "";
        }

        if (tier == ApprovalTier.None)
        {
            s.Approval = new ApprovalRecord(tier, [$"within the consultant's limits with {with}"], now, true, "policy", now, null);
            s.Status = s.Status == DealStatus.PendingApproval ? DealStatus.Approved : s.Status;
            return $"; within policy with {with}";
        }

        var why = reasons.Append($"{cause} changed gross profit from {before.GrossProfit:0.00} to {after.GrossProfit:0.00}").ToArray();
        s.Approval = new ApprovalRecord(tier, why, now, null, null, null, null);
        s.Status = s.Status == DealStatus.Approved ? DealStatus.PendingApproval : s.Status;
        return $"; back to the {(tier == ApprovalTier.GeneralManager ? "general manager" : "sales manager")} for approval: {string.Join("; ", why)}";
    }

    /// <summary>
    /// The frame of every command (replay of a retried Idempotency-Key, visibility, role, the change, one write) with the deal's
    /// own record of it: the change returns its audit line, which goes into the history with the deal's list row.
    /// </summary>
    private async Task<Outcome<DealView>> Command(string name, string? operationId, object?[] arguments, StaffRole[] roles, string action,
        Func<DateTimeOffset, Task<Outcome<string>>> change)
    {
        var now = clock.GetUtcNow();
        var what = "";
        return await Common.Command.Run<DealState, DealView>(state, operations, new CommandSpec(Key.StoreId, name, operationId, arguments, action, roles),
            () => Visible() ? null : NotFound(),
            async () =>
            {
                var outcome = await change(now);
                if (!outcome.IsOk)
                {
                    return outcome.Problem!;
                }

                what = outcome.Value!;
                Stage(now, what);
                return ViewOf();
            },
            _ => Publish(now, what));
    }

    /// <summary>The deal's next revision: its history entry and its list row, to be written with the change.</summary>
    private void Stage(DateTimeOffset now, string what)
    {
        var s = state.State;
        s.Revision++;
        var entry = new DealEvent(now, Audit.Who, what);
        s.History = [.. s.History.TakeLast(Kept - 1), entry];
        s.Pending.Add(new DealHistoryRow(Key.StoreId, Key.DealId, s.Revision, entry));
        var figures = Figures;
        s.Pending.Add(new DealRow(groupId, Key.StoreId, s.OpenedAt, new DealSummary(
            Key.DealId, s.CustomerId!, s.CustomerName, s.ConsultantId, s.Status, Terms.Model, Terms.Trim, Terms.Colour, s.Vin,
            figures.SellingPrice, figures.GrossProfit, s.Status == DealStatus.PendingApproval ? s.Approval?.Tier : null,
            s.Loan?.Status, s.Loan?.Lender, s.Delivery.Slot, now, s.Revision)));
    }

    /// <summary>Adds a payment: its row, the deal's sums and the latest few shown on the deal.</summary>
    private void AddPayment(DateTimeOffset now, PaymentKind kind, PaymentMethod method, decimal amount, string? reference)
    {
        var s = state.State;
        var money = s.Money;
        money.Count++;
        var payment = new PaymentEntry(money.Count, now, Audit.Who, kind, method, amount, reference);
        switch (kind)
        {
            case PaymentKind.Deposit: money.Deposits += amount; break;
            case PaymentKind.Payment: money.Payments += amount; break;
            case PaymentKind.Refund: money.Refunds += amount; break;
            case PaymentKind.LoanDisbursement: money.Disbursed += amount; break;
        }

        s.Payments = [.. s.Payments.TakeLast(Kept - 1), payment];
        s.Pending.Add(new DealPaymentRow(Key.StoreId, Key.DealId, payment));
        s.Pending.Add(PartnerEvents.Of(groupId, Key.StoreId, WebhookEventTypes.PaymentRecorded, $"{Key.DealId}/payments/{payment.Number}", now, new
        {
            dealId = Key.DealId,
            payment.Number,
            kind = kind.ToString(),
            method = method.ToString(),
            amount,
            recordedAt = now,
        }));
    }

    // The feed reaches showroom screens: it names the deal and the consultant, never the customer.
    private Task Publish(DateTimeOffset now, string what)
    {
        var s = state.State;
        return StoreFeed.Publish(GrainFactory, Key.StoreId, now, "deal", Key.DealId, $"Deal {Key.DealId} ({Terms.Model}, {s.ConsultantId}): {what}",
            new Dictionary<string, string>
            {
                ["dealId"] = Key.DealId,
                ["consultantId"] = s.ConsultantId,
                ["status"] = s.Status.ToString(),
                ["vin"] = s.Vin ?? "",
            });
    }

    public async Task<Outcome<Page<DealEvent>>> GetHistory(PageRequest page)
    {
        if (!Visible())
        {
            return NotFound();
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this history.");
        }

        var rows = await database.Page(
            "SELECT revision, at, by, what FROM deal_history WHERE store_id = $1 AND deal_id = $2 AND revision < $3 ORDER BY revision DESC",
            r => (Revision: r.GetInt32(0), Event: DealHistoryRow.Read(r)), e => Cursor.From(e.Revision), page,
            Key.StoreId, Key.DealId, (int)Math.Min(Cursor.Number(page.After) ?? int.MaxValue, int.MaxValue));
        return new Page<DealEvent>([.. rows.Items.Select(r => r.Event)], rows.Next);
    }

    public async Task<Outcome<Page<PaymentEntry>>> GetPayments(PageRequest page)
    {
        if (!Visible())
        {
            return NotFound();
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of these payments.");
        }

        return await database.Page(
            "SELECT number, at, by, kind, method, amount, reference FROM deal_payments WHERE store_id = $1 AND deal_id = $2 AND number < $3 " +
            "ORDER BY number DESC",
            DealPaymentRow.Read, p => Cursor.From(p.Number), page,
            Key.StoreId, Key.DealId, (int)Math.Min(Cursor.Number(page.After) ?? int.MaxValue, int.MaxValue));
    }

    public async Task<Outcome<PaymentEntry>> GetPayment(int number)
    {
        var payment = Visible() && number > 0
            ? await database.First(
                "SELECT number, at, by, kind, method, amount, reference FROM deal_payments WHERE store_id = $1 AND deal_id = $2 AND number = $3",
                DealPaymentRow.Read, Key.StoreId, Key.DealId, number)
            : null;
        return payment is null ? Problem.NotFound("Payment") : payment;
    }

    /// <summary>Counts a sales fact of this deal, written with the deal's next write.</summary>
    /// <summary>Counts a sales fact; an unwound sale (<paramref name="sign"/> −1) carries its sale's money negated so sums net out.</summary>
    private async Task Count(SalesFactKind kind, DateTimeOffset now, decimal grossProfit = 0m, int sign = 1)
    {
        var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
        var terms = Terms;
        state.State.Pending.Add(new SalesFactRow(store!.GroupId, Key.StoreId, new SalesFact(Key.DealId, kind, StoreFacts.LocalDate(now, store.Profile.TimeZoneId),
            state.State.ConsultantId, grossProfit,
            WithAccessories: (terms.Accessories ?? []).Any(a => !a.Free),
            WithInsurance: terms.InsuranceCommission > 0,
            WithFinance: state.State.Loan is { Status: not LoanStatus.Rejected } || terms.FinanceCommission > 0,
            Spec: $"{terms.Model}|{terms.Trim}|{terms.Colour}",
            // What the deal earned the store besides the car, for the consultants' pay plans: accessories' margin, commissions.
            AccessoryIncome: sign * (terms.Accessories ?? []).Where(a => !a.Free).Sum(a => a.Price - a.Cost),
            InsuranceIncome: sign * terms.InsuranceCommission, FinanceIncome: sign * terms.FinanceCommission), now));
    }

    private static bool Matches(DealTerms a, DealTerms b) =>
        string.Equals(a.Model, b.Model, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Trim, b.Trim, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Colour, b.Colour, StringComparison.OrdinalIgnoreCase);

    private async Task<string> Group() => (await storeGroups.GroupOf(Key.StoreId))!;

    private IVehicleGrain Car(string groupId, string vin) => GrainFactory.GetGrain<IVehicleGrain>(GrainKeys.InGroup(groupId, vin));

    private bool Visible() => Exists && !StoreFacts.HiddenFrom(state.State.ConsultantId);

    private Outcome<DealView> View() => ViewOf();

    private DealView ViewOf()
    {
        var s = state.State;
        return new DealView(Key.DealId, Key.StoreId, s.CustomerId!, s.CustomerName, s.ConsultantId, s.Status, Terms, Figures, s.Approval, s.Vin,
            s.Payments.ToArray(), DepositHeld(), Paid(), s.Invoice, s.Loan, s.Delivery, s.Cancellation, s.OpenedAt, s.SignedAt, s.History.ToArray(),
            s.Revision, s.Insurance.ToArray(), s.CreditNote, s.AccountId);
    }

    private Problem NotFound() => Problem.NotFound($"Deal '{Key.DealId}'");
}
