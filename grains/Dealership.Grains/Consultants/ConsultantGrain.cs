using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Grains.Common;

namespace Dealership.Grains.Consultants;

public sealed class ConsultantState
{
    public string? GroupId { get; set; }
    public string DisplayName { get; set; } = "";
    public ConsultantStatus Status { get; set; } = ConsultantStatus.Away;
    public DateTimeOffset StatusSince { get; set; }
    public bool Active { get; set; }
    public int Revision { get; set; }
    public string? CurrentDrive { get; set; }
    public string? CurrentWork { get; set; }
    public List<ConsultantStatusChange> History { get; set; } = [];
    public RecentOperations Operations { get; set; } = new();
}

public sealed class ConsultantGrain(
    [PersistentState("consultant", GrainsSetup.StorageName)] IPersistentState<ConsultantState> state,
    BusinessClock clock) : Grain, IConsultantGrain, IScopedGrain
{
    /// <summary>Status changes kept on the grain; older ones are not needed on the floor.</summary>
    public const int HistoryKept = 200;

    private (string StoreId, string StaffId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.GroupId is not null;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(state.State.GroupId, Key.StoreId));

    public async Task<Outcome<ConsultantView>> Enrol(string groupId, string displayName)
    {
        if (Exists && state.State.Active && state.State.DisplayName == displayName)
        {
            return View();
        }

        var now = clock.GetUtcNow();
        if (!Exists)
        {
            state.State.StatusSince = now;
        }

        state.State.GroupId = groupId;
        state.State.DisplayName = displayName;
        state.State.Active = true;
        state.State.Revision++;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IConsultantIndexGrain>(GrainKeys.Store(Key.StoreId)).Apply(ViewOf());
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
        await Change(ConsultantStatus.Away, "left the floor");
        return View();
    }

    public Task<Outcome<ConsultantView>> Get() => Task.FromResult(Exists ? View() : NotFound());

    public async Task<Outcome<ConsultantView>> SetStatus(ConsultantStatus status, string? note, string? operationId)
    {
        var fingerprint = RecentOperations.Fingerprint(nameof(SetStatus), status, note);
        if (state.State.Operations.TryReplay<ConsultantView>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        var errors = new FieldErrors().MaxLength("note", note, 200);
        if (!Enum.IsDefined(status))
        {
            errors.Add("status", "is not a consultant status.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (!Exists)
        {
            return NotFound();
        }

        if (!state.State.Active)
        {
            return Problem.Refused("consultant-inactive", "This consultant no longer works on this store's floor.");
        }

        state.State.CurrentWork = null;
        await Change(status, note, operationId, fingerprint);
        return View();
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
        await Change(status, workId);
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
        await Change(s.Active ? next : ConsultantStatus.Away, $"{workId} done");
        return View();
    }

    public Task<Outcome<IReadOnlyList<ConsultantStatusChange>>> GetHistory() =>
        Task.FromResult(Exists
            ? new Outcome<IReadOnlyList<ConsultantStatusChange>>(state.State.History.AsEnumerable().Reverse().ToArray(), null)
            : NotFound());

    /// <summary>
    /// One status change: the consultant's own write, the store list's write, then the live feed (one-way).
    /// That is the budget of two synchronous writes per staff action.
    /// </summary>
    private async Task Change(ConsultantStatus status, string? note, string? operationId = null, string fingerprint = "")
    {
        var now = clock.GetUtcNow();
        var from = state.State.Status;
        state.State.History.Add(new ConsultantStatusChange(from, status, now, Audit.Who, note));
        if (state.State.History.Count > HistoryKept)
        {
            state.State.History.RemoveRange(0, state.State.History.Count - HistoryKept);
        }

        state.State.Status = status;
        state.State.StatusSince = now;
        state.State.Revision++;
        var view = ViewOf();
        state.State.Operations.Remember(operationId, fingerprint, view, now);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IConsultantIndexGrain>(GrainKeys.Store(Key.StoreId)).Apply(view);
        await StoreFeed.Publish(GrainFactory, Key.StoreId, now, "consultant-status", Key.StaffId,
            $"{state.State.DisplayName}: {from} → {status}",
            new Dictionary<string, string>
            {
                ["staffId"] = Key.StaffId,
                ["displayName"] = state.State.DisplayName,
                ["from"] = from.ToString(),
                ["status"] = status.ToString(),
                ["active"] = state.State.Active ? "true" : "false",
                ["revision"] = state.State.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }

    private Outcome<ConsultantView> View() => ViewOf();

    private ConsultantView ViewOf() =>
        new(Key.StoreId, Key.StaffId, state.State.DisplayName, state.State.Status, state.State.StatusSince, state.State.Active, state.State.Revision);

    private Problem NotFound() => Problem.NotFound($"Consultant '{Key.StaffId}'");
}
