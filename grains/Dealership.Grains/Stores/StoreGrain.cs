using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Stores;

public sealed class StoreState : RecordedState
{
    public string? GroupId { get; set; }
    public StoreProfile? Profile { get; set; }
    public StorePolicies Policies { get; set; } = StorePolicies.Default;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public int Revision { get; set; }
}

/// <summary>
/// One store of a group: its profile, time zone and policies, each change written with its line in the audit trail. Its grain
/// type and state name stay "dealership" (the name release 7 gave it), so its stored state and its closing-time reminder carry on.
/// </summary>
[GrainType("dealership")]
public sealed class StoreGrain(
    [PersistentState("dealership", GrainsSetup.StorageName)] IPersistentState<StoreState> state,
    Database database,
    BusinessClock clock) : Grain, IStoreGrain, IScopedGrain, IRemindable
{
    public const string CloseOfDayReminder = "close-of-day";

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    private bool IsOpen => state.State.Profile is not null;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(state.State.GroupId, StoreId));

    public Task<string?> GetGroupId() => Task.FromResult(state.State.GroupId);

    public Task<string?> GetTimeZoneId() => Task.FromResult(state.State.Profile?.TimeZoneId);

    public async Task<Outcome<StoreView>> Open(string groupId, StoreProfile profile, StorePolicies policies)
    {
        var errors = new FieldErrors().Id("groupId", groupId)
            .Nested("profile", profile.Validate())
            .Nested("policies", policies.Validate());
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Caller.Current is { } caller && !caller.CoversGroup(groupId))
        {
            return Problem.Forbidden($"Group '{groupId}' is outside your scope.");
        }

        if (Roles.Refused("open stores", RoleSets.Administrators) is { } refused)
        {
            return refused;
        }

        if (IsOpen)
        {
            // A retried create answers with the store; a different create for the same id is a conflict.
            return state.State.GroupId == groupId && state.State.Profile == profile && state.State.Policies == policies
                ? View()
                : Problem.Conflict("store-id-taken", $"Store id '{StoreId}' is already in use.");
        }

        // The group must exist; the group learns of the store before the store reports success,
        // and AddStore is idempotent, so a crash between the two writes heals on retry.
        var group = await GrainFactory.GetGrain<IGroupGrain>(GrainKeys.Group(groupId)).AddStore(StoreId);
        if (!group.IsOk)
        {
            return Problem.Invalid("groupId", $"group '{groupId}' does not exist.");
        }

        var now = clock.GetUtcNow();
        state.State.GroupId = groupId;
        state.State.Profile = profile;
        state.State.Policies = policies;
        state.State.CreatedAt = state.State.UpdatedAt = now;
        state.State.CreatedBy = state.State.UpdatedBy = Audit.Who;
        state.State.Revision = 1;
        state.State.Pending.Add(new AuditRow(groupId, StoreId, "store", StoreId, now, Audit.Who, "opened"));
        await state.WriteStateAsync();
        await ScheduleCloseOfDay();
        await GrainFactory.GetGrain<IStoreCalendarGrain>(GrainKeys.Store(StoreId)).Wake();
        return View();
    }

    public Task<Outcome<StoreView>> Get() =>
        Task.FromResult(IsOpen ? View() : (Outcome<StoreView>)NotFound());

    public async Task<Outcome<StoreView>> UpdateProfile(StoreProfile profile)
    {
        if (!IsOpen)
        {
            return NotFound();
        }

        if (Roles.Refused("change the store's profile", RoleSets.StoreAdmins) is { } refused)
        {
            return refused;
        }

        var errors = profile.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (profile == state.State.Profile)
        {
            return View();
        }

        var what = StoreRules.Describe("profile", state.State.Profile!, profile);
        state.State.Profile = profile;
        await Record(what);
        await ScheduleCloseOfDay();
        await GrainFactory.GetGrain<IStoreCalendarGrain>(GrainKeys.Store(StoreId)).Wake();
        return View();
    }

    public async Task<Outcome<StoreView>> ChangePolicies(StorePoliciesChange change)
    {
        if (!IsOpen)
        {
            return NotFound();
        }

        if (Roles.Refused("change the store's policies", RoleSets.PolicyKeepers) is { } refused)
        {
            return refused;
        }

        var policies = StoreRules.Apply(state.State.Policies, change);
        var errors = policies.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (policies == state.State.Policies)
        {
            return View();
        }

        var what = StoreRules.Describe("policies", state.State.Policies, policies);
        state.State.Policies = policies;
        await Record(what);
        await ScheduleCloseOfDay();
        await GrainFactory.GetGrain<IStoreCalendarGrain>(GrainKeys.Store(StoreId)).Wake();
        return View();
    }

    public async Task<Outcome<Page<StoreChange>>> GetHistory(PageRequest page)
    {
        if (!IsOpen)
        {
            return NotFound();
        }

        if (Roles.Refused("read the store's history", RoleSets.StoreHistoryReaders) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this history.");
        }

        var rows = await database.Page(
            "SELECT seq, at, by, what FROM audit_trail WHERE group_id = $1 AND subject = 'store' AND subject_id = $2 AND seq < $3 ORDER BY seq DESC",
            r => (Seq: r.GetInt64(0), Change: new StoreChange(r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3))),
            c => Cursor.From(c.Seq), page, state.State.GroupId!, StoreId, Cursor.Number(page.After) ?? long.MaxValue);
        return new Page<StoreChange>([.. rows.Items.Select(r => r.Change)], rows.Next);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CloseOfDayReminder && IsOpen)
        {
            await CloseOfDay();
            await ScheduleCloseOfDay();
            await GrainFactory.GetGrain<IStoreCalendarGrain>(GrainKeys.Store(StoreId)).Wake();
        }
    }

    /// <summary>
    /// The showroom closes: consultants still shown as with a customer, on a test drive or delivering are set
    /// away, so tomorrow's board starts clean. Each change is recorded by the consultant as done by "system".
    /// </summary>
    public async Task<int> CloseOfDay()
    {
        var consultants = await GrainFactory.GetGrain<IConsultantListGrain>(GrainKeys.Store(StoreId)).List();
        var closed = 0;
        foreach (var consultant in consultants.Where(c => c.Active && c.Status != ConsultantStatus.Away))
        {
            var outcome = await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(StoreId, consultant.StaffId))
                .SetStatus(ConsultantStatus.Away, "close of day", null);
            closed += outcome.IsOk ? 1 : 0;
        }

        return closed;
    }

    /// <summary>
    /// A durable reminder at the next local closing time. It is re-registered after each tick, so the time follows
    /// the store's zone through daylight-saving changes rather than drifting on a fixed 24-hour period.
    /// </summary>
    private async Task ScheduleCloseOfDay()
    {
        if (!StoreClock.TryFindZone(state.State.Profile!.TimeZoneId, out var zone))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var due = ScheduleRules.NextDaily(now, zone, state.State.Policies.ClosingTime) - now;
        await this.RegisterOrUpdateReminder(CloseOfDayReminder, due, TimeSpan.FromDays(1));
    }

    private async Task Record(string what)
    {
        var now = clock.GetUtcNow();
        state.State.UpdatedAt = now;
        state.State.UpdatedBy = Audit.Who;
        state.State.Revision++;
        state.State.Pending.Add(new AuditRow(state.State.GroupId!, StoreId, "store", StoreId, now, Audit.Who, what));
        await state.WriteStateAsync();
    }

    private Problem NotFound() => Problem.NotFound($"Store '{StoreId}'");

    private StoreView View()
    {
        var s = state.State;
        string zone = s.Profile!.TimeZoneId;
        return new StoreView(
            StoreId, s.GroupId!, s.Profile, s.Policies,
            StoreClock.ToStoreTime(s.CreatedAt, zone), s.CreatedBy,
            StoreClock.ToStoreTime(s.UpdatedAt, zone), s.UpdatedBy, s.Revision);
    }
}
