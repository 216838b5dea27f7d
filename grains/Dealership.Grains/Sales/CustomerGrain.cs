using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Sales;

public sealed class CustomerState : RecordedState
{
    public string? Name { get; set; }
    public string Mobile { get; set; } = "";
    public DateTimeOffset FirstSeenAt { get; set; }
    public int Visits { get; set; }
    public int Calls { get; set; }

    /// <summary>The prospect card with its latest follow-ups (<see cref="CustomerGrain.FollowUpsKept"/>); all of them are rows.</summary>
    public ProspectCard? Prospect { get; set; }
    public int Revision { get; set; }

    /// <summary>How many contacts the card's log holds (the next one is numbered after it).</summary>
    public int ContactCount { get; set; }

    /// <summary>Register entries recently recorded, with what they did, so a replayed contact does nothing twice.</summary>
    public Dictionary<string, ContactOutcome> Contacts { get; set; } = new(StringComparer.Ordinal);
}

public sealed record ContactOutcome(bool FirstVisit, bool ProspectOpened);

/// <summary>
/// A customer of one store, keyed by a hash of store and mobile number: the same person can never be created twice in
/// a store, and another store's customer of the same number is another grain (a group does not pool customers).
/// Every change is one write: the customer, its contact rows, its list row (and for a visit, the register entry and its counts).
/// </summary>
public sealed class CustomerGrain(
    [PersistentState("customer", GrainsSetup.StorageName)] IPersistentState<CustomerState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, ICustomerGrain, IScopedGrain
{
    /// <summary>Recent register entries remembered for replays; older ones are found by their unique rows.</summary>
    public const int ContactsKept = 50;

    /// <summary>Follow-ups shown on the card; the whole log is read a page at a time.</summary>
    public const int FollowUpsKept = 20;

    private string groupId = "";

    private (string StoreId, string CustomerId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.Name is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        groupId = await storeGroups.GroupOf(Key.StoreId) ?? "";

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<ContactResult>> RecordContact(CustomerContact contact)
    {
        if (PersonalData.NormaliseMobile(contact.Mobile) is not { } mobile || PersonalData.CustomerId(Key.StoreId, mobile) != Key.CustomerId)
        {
            return Problem.Invalid("mobile", "does not belong to this customer.");
        }

        var s = state.State;
        var draft = contact.Entry with { CustomerId = Key.CustomerId };
        if (s.Contacts.TryGetValue(draft.EntryId, out var seen))
        {
            return new ContactResult(ViewOf(), draft with { FirstVisit = seen.FirstVisit, ProspectOpened = seen.ProspectOpened });
        }

        if (await StoreFacts.Store(GrainFactory, Key.StoreId) is not { } store)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        var now = draft.At;
        if (!Exists)
        {
            s.Name = contact.Name.Trim();
            s.Mobile = mobile;
            s.FirstSeenAt = now;
        }

        var visit = draft.Kind == EntryKind.Visit;
        var firstVisit = visit && s.Visits == 0;
        s.Visits += visit ? 1 : 0;
        s.Calls += visit ? 0 : 1;
        var opened = false;
        var channel = visit ? "visit" : "phone";
        if (s.Prospect is not { Status: ProspectStatus.Active or ProspectStatus.LostPending } card)
        {
            if (draft.ConsultantId is { } consultant)
            {
                var grade = contact.Grade ?? ProspectGrade.C;
                s.Prospect = new ProspectCard(ProspectStatus.Active, grade, consultant, draft.ModelOfInterest, contact.Budget, now,
                    ProspectRules.NextDue(now, grade, store.Policies), [], null, null, null, null, null);
                AddFollowUp(new FollowUp(now, Audit.Who, channel, $"first {channel} ({draft.EntryId})", grade), draft.EntryId);
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
                ModelOfInterest = draft.ModelOfInterest ?? card.ModelOfInterest,
                Budget = contact.Budget ?? card.Budget,
                NextFollowUpDue = ProspectRules.NextDue(now, grade, store.Policies),
            };
            AddFollowUp(new FollowUp(now, Audit.Who, channel, $"customer {channel} ({draft.EntryId})", grade), draft.EntryId);
        }

        var entry = draft with { FirstVisit = firstVisit, ProspectOpened = opened };
        s.Contacts[entry.EntryId] = new ContactOutcome(firstVisit, opened);
        while (s.Contacts.Count > ContactsKept)
        {
            s.Contacts.Remove(s.Contacts.Keys.First());
        }

        var day = StoreFacts.LocalDate(now, store.Profile.TimeZoneId);
        s.Pending.Add(new RegisterEntryRow(store.GroupId, Key.StoreId, day, entry));
        s.Pending.AddRange(ShowroomRules.Facts(store.GroupId, Key.StoreId, entry, day));
        if (OperationLog.Record(Key.StoreId, contact.OperationId, contact.Fingerprint, entry, "LogRegisterEntry") is { } operation)
        {
            s.Pending.Add(operation);
        }

        try
        {
            await Save(now, opened ? "prospect card opened" : $"{channel} logged");
        }
        catch (DuplicateOperationException)
        {
            await state.ReadStateAsync();
            return Problem.Conflict(ShowroomRules.AlreadyLogged, "This Idempotency-Key was carried out meanwhile.");
        }
        catch (Exception failure)
        {
            await state.ReadBackAfter(failure);
            throw;
        }

        return new ContactResult(ViewOf(), entry);
    }

    public async Task<Outcome<bool>> Import(CustomerImport import)
    {
        if (PersonalData.NormaliseMobile(import.Mobile) is not { } mobile || PersonalData.CustomerId(Key.StoreId, mobile) != Key.CustomerId)
        {
            return Problem.Invalid("mobile", "does not belong to this customer.");
        }

        var s = state.State;
        var now = clock.GetUtcNow();
        var what = new List<string>();
        if (!Exists)
        {
            (s.Name, s.Mobile, s.FirstSeenAt) = (import.Name.Trim(), mobile, import.FirstSeenAt ?? now);
            what.Add($"imported from {import.Source}");
        }

        if (import.Card is { } card && s.Prospect is null)
        {
            var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
            s.Prospect = new ProspectCard(ProspectStatus.Active, card.Grade, card.ConsultantId, card.ModelOfInterest, card.Budget, now,
                card.NextFollowUpDue ?? ProspectRules.NextDue(now, card.Grade, store!.Policies), [], null, null, null, null, null);
            AddFollowUp(new FollowUp(now, Audit.Who, "import", card.Note ?? $"imported from {import.Source}", card.Grade), null);
            what.Add($"prospect card opened by import for {card.ConsultantId}");
        }

        if (what.Count == 0)
        {
            return false;
        }

        // No feed event: an import brings thousands in at once, and the boards count today's traffic, which this is not.
        Stage(now);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failure)
        {
            await state.ReadBackAfter(failure);
            throw;
        }

        return true;
    }

    public Task<Outcome<CustomerView>> Get() => Task.FromResult(Visible() ? View() : NotFound());

    public async Task<Outcome<CustomerView>> LogFollowUp(FollowUpDraft followUp, string? operationId)
    {
        var errors = followUp.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await CardCommand(nameof(LogFollowUp), operationId, [followUp], RoleSets.SalesFloor, "log a follow-up", async (card, now) =>
        {
            if (card.Status != ProspectStatus.Active)
            {
                return Problem.Conflict("prospect-not-active", $"The prospect is {card.Status}; follow-ups are logged on active prospects.");
            }

            var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
            var grade = followUp.Grade ?? card.Grade;
            state.State.Prospect = card with
            {
                Grade = grade,
                ModelOfInterest = followUp.ModelOfInterest ?? card.ModelOfInterest,
                Budget = followUp.Budget ?? card.Budget,
                NextFollowUpDue = ProspectRules.NextDue(now, grade, store!.Policies),
            };
            AddFollowUp(new FollowUp(now, Audit.Who, followUp.Channel, followUp.Note, grade), null);
            return $"follow-up by {followUp.Channel}, grade {grade}";
        });
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

        return await CardCommand(nameof(DeclareLost), null, [reason, note], RoleSets.SalesFloor, "declare a prospect lost", (card, _) =>
        {
            if (card.Status == ProspectStatus.LostPending && card.LostReason == reason)
            {
                return Task.FromResult<Outcome<string>>(Unchanged);
            }

            if (card.Status != ProspectStatus.Active)
            {
                return Task.FromResult<Outcome<string>>(Problem.Conflict("prospect-not-active", $"The prospect is {card.Status}."));
            }

            state.State.Prospect = card with { Status = ProspectStatus.LostPending, LostReason = reason, LostNote = note, LostDeclaredBy = Audit.Who };
            return Task.FromResult<Outcome<string>>($"declared lost ({reason}): {note}; awaits the sales manager");
        });
    }

    public async Task<Outcome<CustomerView>> DecideLost(bool confirm, string? note)
    {
        var errors = new FieldErrors().MaxLength("note", note, 500);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await CardCommand(nameof(DecideLost), null, [confirm, note], RoleSets.Managers, "confirm a lost prospect", async (card, now) =>
        {
            if (card.Status == (confirm ? ProspectStatus.Lost : ProspectStatus.Active) && card.LostReason is not null == confirm)
            {
                return Unchanged;
            }

            if (card.Status != ProspectStatus.LostPending)
            {
                return Problem.Conflict("not-declared-lost", "Only a prospect the consultant declared lost can be confirmed or refused.");
            }

            if (confirm)
            {
                // The monthly analysis counts the loss in the month it was confirmed, by the consultant's reason.
                var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
                state.State.Pending.Add(new SalesFactRow(groupId, Key.StoreId, new SalesFact($"{Key.CustomerId}/{state.State.Revision + 1}",
                    SalesFactKind.ProspectLost, StoreFacts.LocalDate(now, StoreFacts.Zone(store)), card.ConsultantId, Spec: card.ModelOfInterest,
                    Reason: card.LostReason?.ToString()), now));
            }

            state.State.Prospect = confirm
                ? card with { Status = ProspectStatus.Lost, LostConfirmedBy = Audit.Who, NextFollowUpDue = null }
                : card with { Status = ProspectStatus.Active, LostReason = null, LostNote = null, LostDeclaredBy = null };
            return confirm
                ? $"loss confirmed{(note is null ? "" : ": " + note)}"
                : $"loss refused, back to active{(note is null ? "" : ": " + note)}";
        });
    }

    public async Task<Outcome<CustomerView>> Reassign(string toConsultantId)
    {
        var errors = new FieldErrors().Id("consultantId", toConsultantId);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await CardCommand(nameof(Reassign), null, [toConsultantId], RoleSets.Managers, "reassign prospects", async (card, _) =>
        {
            if (card.ConsultantId == toConsultantId)
            {
                return Unchanged;
            }

            var consultant = await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, toConsultantId)).Get();
            if (consultant.Value is not { Active: true })
            {
                return Problem.Invalid("consultantId", "is not an active consultant of this store.");
            }

            state.State.Prospect = card with { ConsultantId = toConsultantId };
            return $"reassigned from {card.ConsultantId} to {toConsultantId}";
        });
    }

    public async Task<Outcome<Page<FollowUp>>> GetFollowUps(PageRequest page)
    {
        if (Card() is null)
        {
            return NotFound();
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this log.");
        }

        var rows = await database.Page(
            "SELECT number, at, by, channel, note, grade FROM customer_contacts WHERE store_id = $1 AND customer_id = $2 AND number < $3 " +
            "ORDER BY number DESC",
            r => (Number: r.GetInt32(0), FollowUp: CustomerContactRow.Read(r)), f => Cursor.From(f.Number), page,
            Key.StoreId, Key.CustomerId, (int)Math.Min(Cursor.Number(page.After) ?? int.MaxValue, int.MaxValue));
        return new Page<FollowUp>([.. rows.Items.Select(r => r.FollowUp)], rows.Next);
    }

    public async Task MarkWon(string dealId)
    {
        if (state.State.Prospect is { } card && card.WonDealId != dealId)
        {
            state.State.Prospect = card with { Status = ProspectStatus.Won, WonDealId = dealId, NextFollowUpDue = null };
            await Save(clock.GetUtcNow(), $"won: deal {dealId} signed");
        }
    }

    /// <summary>
    /// A command on the prospect card, in the frame of every command (replay, visibility, role, one write). The change returns
    /// its audit line, <see cref="Unchanged"/> when the card already is as asked (nothing is written), or a refusal.
    /// </summary>
    private async Task<Outcome<CustomerView>> CardCommand(string name, string? operationId, object?[] arguments, StaffRole[] roles, string action,
        Func<ProspectCard, DateTimeOffset, Task<Outcome<string>>> change)
    {
        var what = Unchanged;
        var now = clock.GetUtcNow();
        return await Command.Run<CustomerState, CustomerView>(state, operations, new CommandSpec(Key.StoreId, name, operationId, arguments, action, roles),
            () => Card() is null ? NotFound() : null,
            async () =>
            {
                var outcome = await change(Card()!, now);
                if (!outcome.IsOk)
                {
                    return outcome.Problem!;
                }

                what = outcome.Value!;
                if (what != Unchanged)
                {
                    Stage(now);
                }

                return ViewOf();
            },
            _ => what == Unchanged ? Task.CompletedTask : Publish(now, what));
    }

    private const string Unchanged = "";

    /// <summary>Adds a contact to the card (its latest few stay on the card) and its row to the log.</summary>
    private void AddFollowUp(FollowUp followUp, string? entryId)
    {
        var s = state.State;
        var card = s.Prospect!;
        s.ContactCount++;
        s.Prospect = card with { FollowUps = [.. card.FollowUps.TakeLast(FollowUpsKept - 1), followUp] };
        s.Pending.Add(new CustomerContactRow(Key.StoreId, Key.CustomerId, s.ContactCount, followUp, entryId));
    }

    /// <summary>The customer's new revision and its list row, to be written with the change.</summary>
    private void Stage(DateTimeOffset now)
    {
        var s = state.State;
        s.Revision++;
        s.Pending.Add(new CustomerRow(groupId, Key.StoreId, Key.CustomerId, s.Name!, PersonalData.MaskMobile(s.Mobile), s.FirstSeenAt,
            s.Visits, s.Calls, s.Prospect, now, s.Revision));
    }

    private async Task Save(DateTimeOffset now, string what)
    {
        Stage(now);
        await state.WriteStateAsync();
        await Publish(now, what);
    }

    // The feed reaches showroom screens: it names the customer's id and consultant, never the customer.
    private Task Publish(DateTimeOffset now, string what)
    {
        var s = state.State;
        return StoreFeed.Publish(GrainFactory, Key.StoreId, now, "prospect", Key.CustomerId, $"Prospect of {s.Prospect?.ConsultantId ?? "no one"}: {what}",
            new Dictionary<string, string>
            {
                ["customerId"] = Key.CustomerId,
                ["consultantId"] = s.Prospect?.ConsultantId ?? "",
                ["grade"] = s.Prospect?.Grade.ToString() ?? "",
                ["status"] = s.Prospect?.Status.ToString() ?? "",
            });
    }

    private bool Visible() => Exists && !StoreFacts.HiddenFrom(state.State.Prospect?.ConsultantId);

    /// <summary>The prospect card, if the customer exists, has one, and the caller may see it.</summary>
    private ProspectCard? Card() => Visible() ? state.State.Prospect : null;

    private Outcome<CustomerView> View() => ViewOf();

    private CustomerView ViewOf()
    {
        var s = state.State;
        return new CustomerView(Key.CustomerId, Key.StoreId, s.Name!, s.Mobile, s.FirstSeenAt, s.Visits, s.Calls, s.Prospect, s.Revision);
    }

    private Problem NotFound() => Problem.NotFound("Customer");
}
