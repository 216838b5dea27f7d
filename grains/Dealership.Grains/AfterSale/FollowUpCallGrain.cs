using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.AfterSale;

/// <summary>
/// One follow-up call after a delivery, keyed by its task. It serves one call at a time, so an outcome is recorded once; the
/// outcome and the task's completion are one write. What follows from it — the next try, a complaint — is made idempotently
/// afterwards, so a retried request finishes what a failed one began.
/// </summary>
public sealed class FollowUpCallGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IFollowUpCallGrain, IScopedGrain
{
    /// <summary>The task kind the delivery's rules give these calls.</summary>
    public const string TaskKind = "delivery-follow-up-call";

    /// <summary>Calls made to an unreachable customer before the store stops trying.</summary>
    public const int MaxAttempts = CallTasks.MaxAttempts;

    private (string StoreId, string TaskId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<FollowUpCallSheet>> GetSheet()
    {
        if (Roles.Refused("make follow-up calls", RoleSets.FollowUpCallers) is { } refused)
        {
            return refused;
        }

        return await FindTask() is { } task ? await Sheet(task) : NotFound();
    }

    public async Task<Outcome<FollowUpCallSheet>> Record(CallOutcomeDraft draft, string? operationId)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Record), Key.TaskId, draft);
        if (await operations.Replay<FollowUpCallSheet>(Key.StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("make follow-up calls", RoleSets.FollowUpCallers) is { } refused)
        {
            return refused;
        }

        if (await FindTask() is not { } task)
        {
            return NotFound();
        }

        var deal = (await GrainFactory.GetGrain<IDealGrain>(GrainKeys.InStore(Key.StoreId, task.DealId)).Get()).Value!;
        if (Caller.Current is { } caller && caller.StaffId == deal.ConsultantId)
        {
            // The customer tells a third party what they would not tell the one who sold them the car.
            return Problem.Forbidden("The consultant who sold the car does not make its follow-up call.");
        }

        var recorded = await database.First($"SELECT {FollowUpCallRow.Columns} FROM follow_up_calls WHERE store_id = $1 AND task_id = $2",
            FollowUpCallRow.Read, Key.StoreId, Key.TaskId);
        if (recorded is not null)
        {
            if (recorded.Outcome != draft!.Outcome || recorded.Reason != draft.Reason)
            {
                return Problem.Conflict("call-recorded", $"This call was recorded as {recorded.Outcome} by {recorded.By}; the next call is another task.");
            }

            // The same outcome again: finish what follows from it, in case the first request stopped half way.
            await FollowOn(task, deal, recorded);
            return await Sheet(task, deal);
        }

        var now = clock.GetUtcNow();
        var complaintId = draft!.Outcome == CallOutcome.Unhappy ? CallTasks.ComplaintIdOf(Key.StoreId, Key.TaskId) : null;
        var call = new CallAttempt(Key.TaskId, task.Attempt, now, Audit.Who, draft.Outcome, draft.Reason, draft.Note, complaintId);
        var result = CallTasks.Result(draft, task.Attempt, complaintId, "sales manager");
        var before = await Sheet(task, deal);
        var sheet = before with { Done = true, Calls = [.. before.Calls, call] };
        if (await operations.WriteOrReplay(
            [new FollowUpCallRow(Key.StoreId, task.DealId, task.CustomerId, call), new CallTaskDoneRow(Key.StoreId, Key.TaskId, now, Audit.Who, result)],
            Key.StoreId, operationId, fingerprint, sheet, "FollowUpCall") is { } replayed)
        {
            return replayed;
        }

        await FollowOn(task, deal, call);
        await StoreFeed.Publish(GrainFactory, Key.StoreId, now, "task", Key.TaskId, $"Task {Key.TaskId} ({TaskKind}) done: {draft.Outcome}",
            new Dictionary<string, string> { ["taskId"] = Key.TaskId, ["kind"] = TaskKind, ["status"] = "Done", ["outcome"] = draft.Outcome.ToString() });
        return sheet;
    }

    /// <summary>The next try for an unreachable customer; the complaint for an unhappy one. Both are made once, whatever the retries.</summary>
    private async Task FollowOn(CallTask task, DealView deal, CallAttempt call)
    {
        if (call.Outcome == CallOutcome.Unreachable && task.Attempt < MaxAttempts)
        {
            var next = task.Attempt + 1;
            await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Add(new TaskDraft(
                $"{task.BaseSource}:attempt-{next}", TaskKind, $"{task.Title} (call {next} of {MaxAttempts})", null, StaffRole.CustomerServiceCaller,
                call.At.AddDays(1), new Dictionary<string, string>(task.Refs) { ["attempt"] = next.ToString(CultureInfo.InvariantCulture) }));
        }

        if (call is { Outcome: CallOutcome.Unhappy, ComplaintId: { } complaintId })
        {
            await GrainFactory.GetGrain<IComplaintGrain>(GrainKeys.InStore(Key.StoreId, complaintId)).Open(new ComplaintDraft(
                task.DealId, task.CustomerId, deal.CustomerName, deal.Vin ?? "", deal.ConsultantId, call.Reason!, $"follow-up call {Key.TaskId}"));
        }
    }

    /// <summary>The call sheet; <paramref name="deal"/> when the caller already read it.</summary>
    private async Task<FollowUpCallSheet> Sheet(CallTask task, DealView? deal = null)
    {
        deal ??= (await GrainFactory.GetGrain<IDealGrain>(GrainKeys.InStore(Key.StoreId, task.DealId)).Get()).Value!;
        var customer = (await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(Key.StoreId, task.CustomerId)).Get()).Value!;
        var calls = await database.List(
            $"SELECT {FollowUpCallRow.Columns} FROM follow_up_calls WHERE store_id = $1 AND deal_id = $2 ORDER BY at, task_id",
            FollowUpCallRow.Read, Key.StoreId, task.DealId);
        return new FollowUpCallSheet(Key.TaskId, task.DealId, task.CustomerId, customer.Name, customer.Mobile, deal.Terms.Model, deal.Terms.Trim,
            deal.Terms.Colour, deal.Vin ?? "", deal.Delivery.HandedOverAt, deal.ConsultantId, task.Attempt, task.Due, task.Done, calls);
    }

    private async Task<CallTask?> FindTask() =>
        await CallTasks.Find(database, Key.StoreId, Key.TaskId, TaskKind) is { } row
        && row.Refs.TryGetValue("dealId", out var dealId) && row.Refs.TryGetValue("customerId", out var customerId)
            ? new CallTask(dealId, customerId, row.Attempt, row.BaseSource, row.Title, row.Refs, row.Done, row.Due)
            : null;

    private Problem NotFound() => Problem.NotFound($"Follow-up call '{Key.TaskId}'");

    private sealed record CallTask(string DealId, string CustomerId, int Attempt, string BaseSource, string Title,
        IReadOnlyDictionary<string, string> Refs, bool Done, DateTimeOffset Due);
}
