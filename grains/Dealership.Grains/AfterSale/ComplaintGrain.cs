using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.AfterSale;

public sealed class ComplaintState : RecordedState
{
    public ComplaintView? Complaint { get; set; }

    /// <summary>The sales manager's task for it, done when the complaint is closed.</summary>
    public string? TaskId { get; set; }
}

/// <summary>
/// A customer's complaint, from the unhappy call that opened it to its closure by the sales manager. Each step is one write:
/// the complaint, its list row and its audit line; the complaint shows its latest <see cref="ActionsKept"/> steps.
/// </summary>
public sealed class ComplaintGrain(
    [PersistentState("complaint", GrainsSetup.StorageName)] IPersistentState<ComplaintState> state,
    OperationLog operations,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IComplaintGrain, IScopedGrain
{
    public const int ActionsKept = 20;

    private (string StoreId, string ComplaintId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<ComplaintView>> Open(ComplaintDraft draft)
    {
        if (state.State.Complaint is not { } complaint)
        {
            var now = clock.GetUtcNow();
            complaint = new ComplaintView(Key.ComplaintId, Key.StoreId, draft, ComplaintStatus.Open, now, Audit.Who,
                [new ComplaintAction(now, Audit.Who, $"opened from {draft.Source}: {draft.Reason}")], null, null, null, 1);
            state.State.Complaint = complaint;
            await Stage(complaint, now, $"complaint opened from {draft.Source}: {draft.Reason}");
            await state.WriteStateAsync();
        }

        if (state.State.TaskId is null)
        {
            // Made after the complaint is stored, and again on a retry until it is: the task's source id keeps it to one.
            var task = await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Add(new TaskDraft(
                $"{Key.ComplaintId}:handle", "complaint", $"Complaint from {draft.CustomerName} about {draft.Vin}: {draft.Reason}", null,
                ComplaintView.OwnerOf(draft), clock.GetUtcNow().AddDays(1),
                draft.RepairOrderId is { } repairOrderId
                    ? new Dictionary<string, string> { ["complaintId"] = Key.ComplaintId, ["repairOrderId"] = repairOrderId, ["customerId"] = draft.CustomerId }
                    : new Dictionary<string, string> { ["complaintId"] = Key.ComplaintId, ["dealId"] = draft.DealId, ["customerId"] = draft.CustomerId }));
            state.State.TaskId = task.TaskId;
            await state.WriteStateAsync();
        }

        return complaint;
    }

    public Task<Outcome<ComplaintView>> Get() =>
        Task.FromResult(Roles.Refused("read complaints", RoleSets.ComplaintReaders)
            ?? (state.State.Complaint is { } complaint ? complaint : (Outcome<ComplaintView>)NotFound()));

    public async Task<Outcome<ComplaintView>> Act(string note, string? operationId)
    {
        if (new FieldErrors().Required("note", note, 500) is { Any: true } errors)
        {
            return Problem.Invalid(errors);
        }

        return await Step(nameof(Act), operationId, [note], "act on complaints", (complaint, now) =>
            complaint with { Status = ComplaintStatus.InProgress, Actions = [.. complaint.Actions.TakeLast(ActionsKept - 1), new(now, Audit.Who, note)] },
            note);
    }

    public async Task<Outcome<ComplaintView>> Close(string resolution, string? operationId)
    {
        if (new FieldErrors().Required("resolution", resolution, 500) is { Any: true } errors)
        {
            return Problem.Invalid(errors);
        }

        var outcome = await Step(nameof(Close), operationId, [resolution], "close complaints", (complaint, now) => complaint with
        {
            Status = ComplaintStatus.Closed,
            Resolution = resolution,
            ClosedAt = now,
            ClosedBy = Audit.Who,
            Actions = [.. complaint.Actions.TakeLast(ActionsKept - 1), new(now, Audit.Who, $"closed: {resolution}")],
        }, $"closed: {resolution}");
        if (outcome.IsOk && state.State.TaskId is { } taskId)
        {
            await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Complete(taskId, $"Complaint closed: {resolution}");
        }

        return outcome;
    }

    /// <summary>A manager's step on an open complaint: replay, role, the change, one write with its list row and audit line.</summary>
    private async Task<Outcome<ComplaintView>> Step(string name, string? operationId, object?[] arguments, string action,
        Func<ComplaintView, DateTimeOffset, ComplaintView> change, string what)
    {
        var now = clock.GetUtcNow();
        return await Command.Run<ComplaintState, ComplaintView>(state, operations,
            new CommandSpec(Key.StoreId, name, operationId, arguments, action, RoleSets.Managers),
            () => state.State.Complaint is null ? NotFound() : null,
            async () =>
            {
                var complaint = state.State.Complaint!;
                if (complaint.Status == ComplaintStatus.Closed)
                {
                    return Problem.Conflict("complaint-closed", $"The complaint was closed by {complaint.ClosedBy}: {complaint.Resolution}");
                }

                var changed = change(complaint, now) with { Revision = complaint.Revision + 1 };
                state.State.Complaint = changed;
                await Stage(changed, now, what);
                return changed;
            });
    }

    private async Task Stage(ComplaintView complaint, DateTimeOffset now, string what)
    {
        var groupId = await storeGroups.GroupOf(Key.StoreId) ?? "";
        state.State.Pending.Add(new ComplaintRow(groupId, complaint));
        state.State.Pending.Add(new AuditRow(groupId, Key.StoreId, "complaint", Key.ComplaintId, now, Audit.Who, what));
    }

    private Problem NotFound() => Problem.NotFound($"Complaint '{Key.ComplaintId}'");
}
