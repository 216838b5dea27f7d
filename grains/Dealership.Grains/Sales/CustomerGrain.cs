using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;

namespace Dealership.Grains.Sales;

public sealed class CustomerState
{
    public string? Name { get; set; }
    public string Mobile { get; set; } = "";
    public DateTimeOffset FirstSeenAt { get; set; }
    public int Visits { get; set; }
    public int Calls { get; set; }
    public ProspectCard? Prospect { get; set; }
    public int Revision { get; set; }

    /// <summary>Traffic entries already recorded, with what they did (a replayed contact does nothing twice).</summary>
    public Dictionary<string, ContactOutcome> Contacts { get; set; } = new(StringComparer.Ordinal);
    public RecentOperations Operations { get; set; } = new();
}

public sealed record ContactOutcome(bool FirstVisit, bool ProspectOpened);

/// <summary>
/// A customer of one store, keyed by a hash of store and mobile number: the same person can never be created twice in
/// a store, and another store's customer of the same number is another grain (a group does not pool customers).
/// </summary>
public sealed class CustomerGrain(
    [PersistentState("customer", GrainsSetup.StorageName)] IPersistentState<CustomerState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, ICustomerGrain, IScopedGrain
{
    public const int ContactsKept = 200;

    private static readonly StaffRole[] Floor = [StaffRole.SalesConsultant, StaffRole.SalesManager, StaffRole.GeneralManager];

    private (string StoreId, string CustomerId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.Name is not null;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<ContactResult>> RecordContact(Contact contact)
    {
        if (PersonalData.NormaliseMobile(contact.Mobile) is not { } mobile || PersonalData.CustomerId(Key.StoreId, mobile) != Key.CustomerId)
        {
            return Problem.Invalid("mobile", "does not belong to this customer.");
        }

        var s = state.State;
        if (s.Contacts.TryGetValue(contact.EntryId, out var seen))
        {
            return new ContactResult(ViewOf(), seen.FirstVisit, seen.ProspectOpened);
        }

        if (await StoreFacts.Store(GrainFactory, Key.StoreId) is not { } store)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        var now = clock.GetUtcNow();
        if (!Exists)
        {
            s.Name = contact.Name.Trim();
            s.Mobile = mobile;
            s.FirstSeenAt = now;
        }

        var firstVisit = contact.Kind == TrafficKind.Visit && s.Visits == 0;
        s.Visits += contact.Kind == TrafficKind.Visit ? 1 : 0;
        s.Calls += contact.Kind == TrafficKind.Call ? 1 : 0;
        var opened = false;
        var channel = contact.Kind == TrafficKind.Visit ? "visit" : "phone";
        if (s.Prospect is not { Status: ProspectStatus.Active or ProspectStatus.LostPending } card)
        {
            if (contact.ConsultantId is { } consultant)
            {
                var grade = contact.Grade ?? ProspectGrade.C;
                s.Prospect = new ProspectCard(ProspectStatus.Active, grade, consultant, contact.ModelOfInterest, contact.Budget, now,
                    FollowUpRhythm.NextDue(now, grade, store.Policies),
                    [new FollowUp(now, Audit.Who, channel, $"first {channel} ({contact.EntryId})", grade)], null, null, null, null, null);
                opened = true;
            }
        }
        else
        {
            // A return visit or a call is itself a contact: it is logged and the next follow-up moves on.
            var grade = contact.Grade ?? card.Grade;
            s.Prospect = card with
            {
                Grade = grade,
                ModelOfInterest = contact.ModelOfInterest ?? card.ModelOfInterest,
                Budget = contact.Budget ?? card.Budget,
                NextFollowUpDue = FollowUpRhythm.NextDue(now, grade, store.Policies),
                FollowUps = [.. card.FollowUps, new FollowUp(now, Audit.Who, channel, $"customer {channel} ({contact.EntryId})", grade)],
            };
        }

        s.Contacts[contact.EntryId] = new ContactOutcome(firstVisit, opened);
        if (s.Contacts.Count > ContactsKept)
        {
            s.Contacts.Remove(s.Contacts.Keys.First());
        }

        await Save(now, opened ? "prospect card opened" : $"{channel} logged");
        return new ContactResult(ViewOf(), firstVisit, opened);
    }

    public Task<Outcome<CustomerView>> Get() => Task.FromResult(Exists && !StoreFacts.HiddenFrom(state.State.Prospect?.ConsultantId) ? View() : NotFound());

    public async Task<Outcome<CustomerView>> LogFollowUp(FollowUpDraft followUp, string? operationId)
    {
        var errors = followUp.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = RecentOperations.Fingerprint(nameof(LogFollowUp), followUp);
        if (state.State.Operations.TryReplay<CustomerView>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        if (Card() is not { } card)
        {
            return NotFound();
        }

        if (StoreFacts.RoleRefused("log a follow-up", Floor) is { } refused)
        {
            return refused;
        }

        if (card.Status != ProspectStatus.Active)
        {
            return Problem.Conflict("prospect-not-active", $"The prospect is {card.Status}; follow-ups are logged on active prospects.");
        }

        var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
        var now = clock.GetUtcNow();
        var grade = followUp.Grade ?? card.Grade;
        state.State.Prospect = card with
        {
            Grade = grade,
            ModelOfInterest = followUp.ModelOfInterest ?? card.ModelOfInterest,
            Budget = followUp.Budget ?? card.Budget,
            NextFollowUpDue = FollowUpRhythm.NextDue(now, grade, store!.Policies),
            FollowUps = [.. card.FollowUps, new FollowUp(now, Audit.Who, followUp.Channel, followUp.Note, grade)],
        };
        await Save(now, $"follow-up by {followUp.Channel}, grade {grade}", operationId, fingerprint);
        return View();
    }

    public async Task<Outcome<CustomerView>> DeclareLost(LostReason reason, string note)
    {
        var errors = new FieldErrors().Required("note", note, 500);
        if (!Enum.IsDefined(reason))
        {
            errors.Add("reason", "must be Price, Competitor, FinanceRefused, BoughtElsewhere, NoLongerInterested or Other.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Card() is not { } card)
        {
            return NotFound();
        }

        if (StoreFacts.RoleRefused("declare a prospect lost", Floor) is { } refused)
        {
            return refused;
        }

        if (card.Status == ProspectStatus.LostPending && card.LostReason == reason)
        {
            return View();
        }

        if (card.Status != ProspectStatus.Active)
        {
            return Problem.Conflict("prospect-not-active", $"The prospect is {card.Status}.");
        }

        state.State.Prospect = card with { Status = ProspectStatus.LostPending, LostReason = reason, LostNote = note, LostDeclaredBy = Audit.Who };
        await Save(clock.GetUtcNow(), $"declared lost ({reason}): {note}; awaits the sales manager");
        return View();
    }

    public async Task<Outcome<CustomerView>> DecideLost(bool confirm, string? note)
    {
        var errors = new FieldErrors().MaxLength("note", note, 500);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Card() is not { } card)
        {
            return NotFound();
        }

        if (StoreFacts.RoleRefused("confirm a lost prospect", StaffRole.SalesManager, StaffRole.GeneralManager) is { } refused)
        {
            return refused;
        }

        if (card.Status == (confirm ? ProspectStatus.Lost : ProspectStatus.Active) && card.LostReason is not null == confirm)
        {
            return View();
        }

        if (card.Status != ProspectStatus.LostPending)
        {
            return Problem.Conflict("not-declared-lost", "Only a prospect the consultant declared lost can be confirmed or refused.");
        }

        var now = clock.GetUtcNow();
        state.State.Prospect = confirm
            ? card with { Status = ProspectStatus.Lost, LostConfirmedBy = Audit.Who, NextFollowUpDue = null }
            : card with { Status = ProspectStatus.Active, LostReason = null, LostNote = null, LostDeclaredBy = null };
        await Save(now, confirm ? $"loss confirmed{(note is null ? "" : ": " + note)}" : $"loss refused, back to active{(note is null ? "" : ": " + note)}");
        return View();
    }

    public async Task<Outcome<CustomerView>> Reassign(string toConsultantId)
    {
        var errors = new FieldErrors().Id("consultantId", toConsultantId);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Card() is not { } card)
        {
            return NotFound();
        }

        if (StoreFacts.RoleRefused("reassign prospects", StaffRole.SalesManager, StaffRole.GeneralManager) is { } refused)
        {
            return refused;
        }

        if (card.ConsultantId == toConsultantId)
        {
            return View();
        }

        var consultant = await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, toConsultantId)).Get();
        if (consultant.Value is not { Active: true })
        {
            return Problem.Invalid("consultantId", "is not an active consultant of this store.");
        }

        state.State.Prospect = card with { ConsultantId = toConsultantId };
        await Save(clock.GetUtcNow(), $"reassigned from {card.ConsultantId} to {toConsultantId}");
        return View();
    }

    public async Task MarkWon(string dealId)
    {
        if (state.State.Prospect is { } card && card.WonDealId != dealId)
        {
            state.State.Prospect = card with { Status = ProspectStatus.Won, WonDealId = dealId, NextFollowUpDue = null };
            await Save(clock.GetUtcNow(), $"won: deal {dealId} signed");
        }
    }

    /// <summary>The prospect card, if the customer exists, has one, and the caller may see it.</summary>
    private ProspectCard? Card() => Exists && !StoreFacts.HiddenFrom(state.State.Prospect?.ConsultantId) ? state.State.Prospect : null;

    private async Task Save(DateTimeOffset now, string what, string? operationId = null, string fingerprint = "")
    {
        var s = state.State;
        s.Revision++;
        s.Operations.Remember(operationId, fingerprint, ViewOf(), now);
        await state.WriteStateAsync();
        if (s.Prospect is { } card)
        {
            await GrainFactory.GetGrain<IProspectIndexGrain>(GrainKeys.Store(Key.StoreId)).Apply(new ProspectSummary(
                Key.CustomerId, s.Name!, PersonalData.MaskMobile(s.Mobile), card.ConsultantId, card.Grade, card.Status, card.ModelOfInterest,
                card.NextFollowUpDue, false, s.Revision));
        }

        await StoreFeed.Publish(GrainFactory, Key.StoreId, now, "prospect", Key.CustomerId, $"Prospect of {s.Prospect?.ConsultantId ?? "no one"}: {what}", new Dictionary<string, string>
        {
            ["customerId"] = Key.CustomerId,
            ["consultantId"] = s.Prospect?.ConsultantId ?? "",
            ["grade"] = s.Prospect?.Grade.ToString() ?? "",
            ["status"] = s.Prospect?.Status.ToString() ?? "",
        });
    }

    private Outcome<CustomerView> View() => ViewOf();

    private CustomerView ViewOf()
    {
        var s = state.State;
        return new CustomerView(Key.CustomerId, Key.StoreId, s.Name!, s.Mobile, s.FirstSeenAt, s.Visits, s.Calls, s.Prospect, s.Revision);
    }

    private Problem NotFound() => Problem.NotFound("Customer");
}
