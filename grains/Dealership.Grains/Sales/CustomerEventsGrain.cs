using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;
using Orleans.Concurrency;

namespace Dealership.Grains.Sales;

/// <summary>
/// The store's customer events (组织客户座谈会、商品展示活动), all rows: each event, its invitation list chosen by filters within the
/// consent rules, each invitation's answer, the check-in that logs the customer's visit with the event as its source, and what the
/// event brought from the customers who came.
/// </summary>
[StatelessWorker]
public sealed class CustomerEventsGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, ICustomerEventsGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<CustomerEventView>> Create(NewCustomerEvent draft, string? operationId)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Create), draft!.Kind, draft.Name, draft.StartsAt, draft.EndsAt, draft.Budget,
            string.Join('\n', draft.TargetModels));
        if (await operations.Replay<CustomerEventView>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("set up customer events", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var group = await Group();
        var view = new CustomerEventView("ev" + Guid.NewGuid().ToString("N")[..16], draft.Kind, draft.Name.Trim(), draft.StartsAt, draft.EndsAt,
            draft.Budget, [.. draft.TargetModels.Select(m => m.Trim())], now, Audit.Who, 0, 0, 0);
        return await operations.WriteOrReplay(
            [new CustomerEventRow(group, StoreId, view),
                new AuditRow(group, StoreId, "customer-event", view.EventId, now, Audit.Who,
                    $"{view.Kind} \"{view.Name}\" {view.StartsAt:yyyy-MM-dd HH:mm}, budget {view.Budget:0.00}, models {string.Join(", ", view.TargetModels)}")],
            StoreId, operationId, fingerprint, view, "CustomerEvent") ?? view;
    }

    public async Task<Outcome<Page<CustomerEventView>>> List(PageRequest page)
    {
        if (Roles.Refused("read customer events", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? null : Cursor.Keys(page.After);
        if (page.After is not null && (after is not [var at, var id] || !DateTimeOffset.TryParse(at, out _)))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {CustomerEventsSql.EventColumns} FROM customer_events e WHERE e.store_id = $1 " +
            "AND ($2::timestamptz IS NULL OR (e.starts_at, e.event_id) < ($2::timestamptz, $3::text)) ORDER BY e.starts_at DESC, e.event_id DESC",
            CustomerEventRow.Read, e => Cursor.From(e.StartsAt.ToString("O"), e.EventId), page,
            StoreId, after is null ? null : DateTimeOffset.Parse(after[0], System.Globalization.CultureInfo.InvariantCulture), after?[1] ?? "");
    }

    public async Task<Outcome<CustomerEventView>> Get(string eventId)
    {
        if (Roles.Refused("read customer events", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        return await Event(eventId) is { } e ? e : NotFound(eventId);
    }

    public async Task<Outcome<InvitationRun>> Invite(string eventId, InvitationFilter filter, string? operationId)
    {
        var errors = filter?.Validate() ?? new FieldErrors().Add("grades", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("invite customers to events", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        if (await Event(eventId) is null)
        {
            return NotFound(eventId);
        }

        // The run is idempotent by nature: a customer is on a list once, so a retried run adds nobody twice.
        var zone = StoreFacts.Zone(await StoreFacts.Store(GrainFactory, StoreId)).Id;
        var counts = await database.First(CustomerEventsSql.Invite, r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2)),
            await Group(), StoreId, eventId, filter!.Prospects, filter.Grades is { Count: > 0 } g ? g.Select(x => x.ToString()).ToArray() : null,
            Blank(filter.ModelOfInterest), zone, clock.GetUtcNow(), Audit.Who, InvitationFilter.MaxInvited, filter.Owners, Blank(filter.OwnersOfModel),
            filter.DeliveredFrom, filter.DeliveredTo, filter.NotVisitedSince);
        return new InvitationRun(counts.Item1, counts.Item2, counts.Item3 > InvitationFilter.MaxInvited);
    }

    public async Task<Outcome<Page<Invitation>>> Invitations(string eventId, PageRequest page)
    {
        if (Roles.Refused("read invitation lists", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        if (await Event(eventId) is null)
        {
            return NotFound(eventId);
        }

        var after = "";
        if (page.After is not null)
        {
            if (Cursor.Keys(page.After) is not [var id])
            {
                return Problem.Invalid("after", "is not a cursor of this list.");
            }

            after = id;
        }

        return await database.Page(
            $"SELECT {CustomerEventsSql.InvitationColumns} FROM event_invitations WHERE store_id = $1 AND event_id = $2 AND customer_id > $3 " +
            "ORDER BY customer_id", InvitationRow.Read, i => Cursor.From(i.CustomerId), page, StoreId, eventId, after);
    }

    public async Task<Outcome<Invitation>> RecordInvitation(string eventId, string customerId, InvitationOutcomeDraft draft, string? operationId)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("call invited customers", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        if (await InvitationOf(eventId, customerId) is not { } invitation)
        {
            return NoInvitation(customerId);
        }

        var recorded = invitation with { Outcome = draft!.Outcome, OutcomeAt = clock.GetUtcNow(), OutcomeBy = Audit.Who };
        await database.Write([new InvitationOutcomeRow(StoreId, eventId, recorded)]);
        return recorded;
    }

    public async Task<Outcome<Invitation>> CheckIn(string eventId, string customerId, string? operationId)
    {
        if (Roles.Refused("check customers in at events", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        if (await Event(eventId) is not { } e)
        {
            return NotFound(eventId);
        }

        if (await InvitationOf(eventId, customerId) is not { } invitation)
        {
            return NoInvitation(customerId);
        }

        if (invitation.CheckedInAt is not null)
        {
            return invitation; // a second scan at the door is the same check-in
        }

        var customer = (await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(StoreId, customerId)).Get()).Value;
        if (customer is null)
        {
            return Problem.NotFound($"Customer {customerId}");
        }

        // Two scans at the door at once: the first to claim the check-in logs the visit; the other answers with it.
        var now = clock.GetUtcNow();
        if (await database.Write([new InvitationCheckInRow(StoreId, eventId, customerId, now, Audit.Who)]) is null)
        {
            return await InvitationOf(eventId, customerId) is { } theirs ? theirs : NoInvitation(customerId);
        }

        // The visit goes into the day's register like any other, with the event as its source: it counts as the store's traffic.
        var day = StoreFacts.LocalDate(now, StoreFacts.Zone(await StoreFacts.Store(GrainFactory, StoreId)));
        var logged = await GrainFactory.GetGrain<IShowroomRegisterGrain>(GrainKeys.ShowroomRegister(StoreId, day)).Log(
            new NewRegisterEntry(EntryKind.Visit, EntrySource.Event, customer.Name, customer.Mobile, e.TargetModels[0], 1,
                StoreFacts.CallingConsultant(), null, null),
            operationId is null ? null : operationId + ":visit");
        if (!logged.IsOk)
        {
            await database.Write([new InvitationCheckInUndoRow(StoreId, eventId, customerId, now)]);
            return logged.Problem!;
        }

        var checkedIn = invitation with { CheckedInAt = now, CheckedInBy = Audit.Who, EntryId = logged.Value!.EntryId };
        await database.Write([new InvitationVisitRow(StoreId, eventId, customerId, checkedIn.EntryId)]);
        return checkedIn;
    }

    public async Task<Outcome<EventResults>> Results(string eventId)
    {
        if (Roles.Refused("read event results", [.. RoleSets.Managers, StaffRole.GroupHq]) is { } refused)
        {
            return refused;
        }

        if (await Event(eventId) is null)
        {
            return NotFound(eventId);
        }

        return (await database.First(CustomerEventsSql.Results, r => new EventResults(eventId, r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3),
            r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetDecimal(8), r.GetDecimal(9),
            r.GetInt32(6) == 0 ? null : decimal.Round(r.GetDecimal(9) / r.GetInt32(6), 2)), StoreId, eventId))!;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<CustomerEventView?> Event(string eventId) =>
        await database.First($"SELECT {CustomerEventsSql.EventColumns} FROM customer_events e WHERE e.store_id = $1 AND e.event_id = $2",
            CustomerEventRow.Read, StoreId, eventId);

    private async Task<Invitation?> InvitationOf(string eventId, string customerId) =>
        await database.First($"SELECT {CustomerEventsSql.InvitationColumns} FROM event_invitations WHERE store_id = $1 AND event_id = $2 AND customer_id = $3",
            InvitationRow.Read, StoreId, eventId, customerId);

    private static Problem NotFound(string eventId) => Problem.NotFound($"Customer event {eventId}");

    private static Problem NoInvitation(string customerId) => Problem.NotFound($"An invitation of customer {customerId} to this event");

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? throw new InvalidOperationException($"Store {StoreId} has no group.");
}

/// <summary>An event as it was set up.</summary>
internal sealed record CustomerEventRow(string GroupId, string StoreId, CustomerEventView E) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO customer_events (group_id, store_id, event_id, kind, name, starts_at, ends_at, budget, target_models, created_at, created_by) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        GroupId, StoreId, E.EventId, E.Kind, E.Name, E.StartsAt, E.EndsAt, E.Budget, E.TargetModels.ToArray(), E.CreatedAt, E.CreatedBy);

    public static CustomerEventView Read(NpgsqlDataReader r) => new(
        r.GetString(0), Enum.Parse<EventKind>(r.GetString(1)), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4),
        r.GetDecimal(5), r.GetFieldValue<string[]>(6), r.GetFieldValue<DateTimeOffset>(7), r.GetString(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11));
}

/// <summary>An invitation's row as the lists read it.</summary>
internal static class InvitationRow
{
    public static Invitation Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), Sql.Text(r, 2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
        r.IsDBNull(5) ? null : Enum.Parse<InvitationOutcome>(r.GetString(5)), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), Sql.Text(r, 7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), Sql.Text(r, 9), Sql.Text(r, 10));

}

/// <summary>An invited customer's answer, with who recorded it and when (the latest answer stands).</summary>
internal sealed record InvitationOutcomeRow(string StoreId, string EventId, Invitation I) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "UPDATE event_invitations SET outcome = $4, outcome_at = $5, outcome_by = $6 WHERE store_id = $1 AND event_id = $2 AND customer_id = $3",
        StoreId, EventId, I.CustomerId, I.Outcome, I.OutcomeAt, I.OutcomeBy);
}

/// <summary>Claims the check-in: answers 1 only for the first of two at once (the other finds it taken).</summary>
internal sealed record InvitationCheckInRow(string StoreId, string EventId, string CustomerId, DateTimeOffset At, string By) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "UPDATE event_invitations SET checked_in_at = $4, checked_in_by = $5 " +
        "WHERE store_id = $1 AND event_id = $2 AND customer_id = $3 AND checked_in_at IS NULL RETURNING 1",
        StoreId, EventId, CustomerId, At, By);
}

/// <summary>The register entry that logged the checked-in customer's visit.</summary>
internal sealed record InvitationVisitRow(string StoreId, string EventId, string CustomerId, string EntryId) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "UPDATE event_invitations SET entry_id = $4 WHERE store_id = $1 AND event_id = $2 AND customer_id = $3", StoreId, EventId, CustomerId, EntryId);
}

/// <summary>The visit could not be logged: the claim is given back, so the check-in can be tried again.</summary>
internal sealed record InvitationCheckInUndoRow(string StoreId, string EventId, string CustomerId, DateTimeOffset At) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "UPDATE event_invitations SET checked_in_at = NULL, checked_in_by = NULL WHERE store_id = $1 AND event_id = $2 AND customer_id = $3 " +
        "AND checked_in_at = $4 AND entry_id IS NULL", StoreId, EventId, CustomerId, At);
}
