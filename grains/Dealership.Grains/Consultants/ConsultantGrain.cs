using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Dealership.Grains.Consultants;

public sealed class ConsultantState : RecordedState
{
    public string? GroupId { get; set; }
    public string DisplayName { get; set; } = "";
    public ConsultantStatus Status { get; set; } = ConsultantStatus.Away;
    public DateTimeOffset StatusSince { get; set; }
    public bool Active { get; set; }
    public int Revision { get; set; }
    public string? CurrentDrive { get; set; }
    public string? CurrentWork { get; set; }
}

/// <summary>
/// A consultant's place on the showroom floor. Every status change is one write: the consultant's state, its history row and
/// its line on the store's floor list commit together; the floor's "up next" in memory and the live feed (one-way) are told
/// afterwards.
/// </summary>
public sealed partial class ConsultantGrain(
    [PersistentState("consultant", GrainsSetup.StorageName)] IPersistentState<ConsultantState> state,
    OperationLog operations,
    Database database,
    BusinessClock clock,
    ILogger<ConsultantGrain> logger) : Grain, IConsultantGrain, IScopedGrain
{
    private (string StoreId, string StaffId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.GroupId is not null;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(state.State.GroupId, Key.StoreId));

    public async Task<Outcome<ConsultantView>> Enrol(string groupId, string displayName)
    {
        if (Exists && state.State.Active && state.State.DisplayName == displayName)
        {
            return View();
        }

        if (!Exists)
        {
            state.State.StatusSince = clock.GetUtcNow();
        }

        state.State.GroupId = groupId;
        state.State.DisplayName = displayName;
        state.State.Active = true;
        state.State.Revision++;
        state.State.Pending.Add(new ConsultantRow(groupId, ViewOf()));
        await state.WriteStateAsync();
        await TellFloor();
        return View();
    }

    public async Task<Outcome<ConsultantView>> Withdraw()
    {
        if (!Exists)
        {
            return NotFound();
        }

        if (!state.State.Active)
        {
            return View();
        }

        state.State.Active = false;
        var from = Change(ConsultantStatus.Away, "left the floor");
        await state.WriteStateAsync();
        await Publish(from);
        return View();
    }

    public Task<Outcome<ConsultantView>> Get() => Task.FromResult(Exists ? View() : NotFound());

    public async Task<Outcome<ConsultantView>> SetStatus(ConsultantStatus status, string? note, string? operationId)
    {
        var errors = new FieldErrors().MaxLength("note", note, 200);
        if (!Enum.IsDefined(status))
        {
            errors.Add("status", "is not a consultant status.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var from = state.State.Status;
        return await Command.Run(state, operations,
            new CommandSpec(Key.StoreId, nameof(SetStatus), operationId, [status, note], "set a consultant's status", RoleSets.SalesFloor),
            () => !Exists ? NotFound()
                : Caller.Current is { Role: StaffRole.SalesConsultant } caller && caller.StaffId != Key.StaffId
                    ? Problem.Forbidden("A consultant may set only their own status.")
                    : null,
            () =>
            {
                if (!state.State.Active)
                {
                    return Task.FromResult<Outcome<ConsultantView>>(
                        Problem.Refused("consultant-inactive", "This consultant no longer works on this store's floor."));
                }

                state.State.CurrentWork = null;
                Change(status, note);
                return Task.FromResult<Outcome<ConsultantView>>(ViewOf());
            },
            _ => Publish(from));
    }

    public async Task<Outcome<ConsultantView>> BeginWork(ConsultantStatus status, string workId, bool onlyIfAvailable)
    {
        if (!Exists)
        {
            return NotFound();
        }

        var s = state.State;
        if (!s.Active)
        {
            return Problem.Refused("consultant-inactive", "This consultant no longer works on this store's floor.");
        }

        if (s.CurrentWork == workId && s.Status == status)
        {
            return View();
        }

        if (status == ConsultantStatus.OnTestDrive && s.CurrentDrive is { } drive && drive != workId)
        {
            return Problem.Conflict("consultant-on-test-drive", $"{s.DisplayName} is already on test drive {drive}.");
        }

        if (onlyIfAvailable && s.Status != ConsultantStatus.Available)
        {
            return Problem.Conflict("consultant-busy", $"{s.DisplayName} is {s.Status}, not available.");
        }

        if (status == ConsultantStatus.OnTestDrive)
        {
            s.CurrentDrive = workId;
        }

        s.CurrentWork = workId;
        var from = Change(status, workId);
        await state.WriteStateAsync();
        await Publish(from);
        return View();
    }

    public async Task<Outcome<ConsultantView>> EndWork(string workId, ConsultantStatus next)
    {
        if (!Exists)
        {
            return NotFound();
        }

        var s = state.State;
        var driveEnded = s.CurrentDrive == workId;
        if (driveEnded)
        {
            s.CurrentDrive = null;
        }

        if (s.CurrentWork != workId)
        {
            // The consultant has moved on to other work since; their status is theirs to keep.
            if (driveEnded)
            {
                await state.WriteStateAsync();
            }

            return View();
        }

        s.CurrentWork = null;
        var from = Change(s.Active ? next : ConsultantStatus.Away, $"{workId} done");
        await state.WriteStateAsync();
        await Publish(from);
        return View();
    }

    public async Task<Outcome<Page<ConsultantStatusChange>>> GetHistory(PageRequest page)
    {
        // A consultant reads their own history only; the floor's managers read everyone's.
        if (!Exists || Caller.Current is { Role: StaffRole.SalesConsultant } caller && caller.StaffId != Key.StaffId)
        {
            return NotFound();
        }

        if (Roles.Refused("read a consultant's history", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this history.");
        }

        var rows = await database.Page(
            "SELECT revision, at, by, from_status, to_status, note FROM consultant_status_changes WHERE store_id = $1 AND staff_id = $2 " +
            "AND revision < $3 ORDER BY revision DESC",
            r => (Revision: r.GetInt32(0), Change: ConsultantStatusChangeRow.Read(r)), c => Cursor.From(c.Revision), page,
            Key.StoreId, Key.StaffId, (int)Math.Min(Cursor.Number(page.After) ?? int.MaxValue, int.MaxValue));
        return new Page<ConsultantStatusChange>([.. rows.Items.Select(r => r.Change)], rows.Next);
    }

    /// <summary>Changes the status in memory and adds the rows that record it; returns the status it had.</summary>
    private ConsultantStatus Change(ConsultantStatus status, string? note)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var from = s.Status;
        s.Status = status;
        s.StatusSince = now;
        s.Revision++;
        s.Pending.Add(new ConsultantStatusChangeRow(Key.StoreId, Key.StaffId, s.Revision, new ConsultantStatusChange(from, status, now, Audit.Who, note)));
        s.Pending.Add(new ConsultantRow(s.GroupId!, ViewOf()));
        return from;
    }

    /// <summary>
    /// The change is committed: the floor's "up next" takes it before the caller hears back (so the caller's next read of the
    /// board shows it). A failure here must not turn a done change into an error; the floor reloads its rows on its own.
    /// </summary>
    private async Task TellFloor()
    {
        try
        {
            await GrainFactory.GetGrain<IConsultantListGrain>(GrainKeys.Store(Key.StoreId)).Changed(state.State.GroupId!, ViewOf());
        }
        catch (Exception e)
        {
            FloorMissedChange(logger, e, Key.StoreId, Key.StaffId);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The floor of {StoreId} did not take {StaffId}'s change; it reloads its rows within a minute")]
    private static partial void FloorMissedChange(ILogger logger, Exception exception, string storeId, string staffId);

    private async Task Publish(ConsultantStatus from)
    {
        await TellFloor();
        await StoreFeed.Publish(GrainFactory, Key.StoreId, state.State.StatusSince, "consultant-status", Key.StaffId,
            $"{state.State.DisplayName}: {from} → {state.State.Status}",
            new Dictionary<string, string>
            {
                ["staffId"] = Key.StaffId,
                ["displayName"] = state.State.DisplayName,
                ["from"] = from.ToString(),
                ["status"] = state.State.Status.ToString(),
                ["active"] = state.State.Active ? "true" : "false",
                ["revision"] = state.State.Revision.ToString(CultureInfo.InvariantCulture),
            });
    }

    private Outcome<ConsultantView> View() => ViewOf();

    private ConsultantView ViewOf() =>
        new(Key.StoreId, Key.StaffId, state.State.DisplayName, state.State.Status, state.State.StatusSince, state.State.Active, state.State.Revision);

    private Problem NotFound() => Problem.NotFound($"Consultant '{Key.StaffId}'");
}
