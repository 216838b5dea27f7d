using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.AfterSale;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Service;

/// <summary>
/// The follow-up call after a service visit (售后回访), keyed by its task: the outcome and the task's completion are one write;
/// the next try (unreachable) and the complaint (unhappy) follow, made once whatever the retries. The advisor who served the
/// customer never records it.
/// </summary>
public sealed class ServiceCallGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IServiceCallGrain, IScopedGrain
{
    public const int MaxAttempts = CallTasks.MaxAttempts;

    private (string StoreId, string TaskId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<ServiceCallSheet>> GetSheet()
    {
        if (Roles.Refused("make follow-up calls", RoleSets.ServiceCallers) is { } refused)
        {
            return refused;
        }

        return await FindTask() is { } task && await Order(task) is { } order ? await Sheet(task, order) : NotFound();
    }

    public async Task<Outcome<ServiceCallSheet>> Record(CallOutcomeDraft draft, string? operationId)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Record), Key.TaskId, draft);
        if (await operations.Replay<ServiceCallSheet>(Key.StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("make follow-up calls", RoleSets.ServiceCallers) is { } refused)
        {
            return refused;
        }

        if (await FindTask() is not { } task || await Order(task) is not { } order)
        {
            return NotFound();
        }

        if (Caller.Current is { } caller && caller.StaffId == order.AdvisorId)
        {
            // The customer tells a third party what they would not tell the advisor who served them.
            return Problem.Forbidden("The advisor who served the customer does not make their follow-up call.");
        }

        var recorded = await database.First($"SELECT {ServiceCallRow.Columns} FROM service_follow_up_calls WHERE store_id = $1 AND task_id = $2",
            FollowUpCallRow.Read, Key.StoreId, Key.TaskId);
        if (recorded is not null)
        {
            if (recorded.Outcome != draft!.Outcome || recorded.Reason != draft.Reason)
            {
                return Problem.Conflict("call-recorded", $"This call was recorded as {recorded.Outcome} by {recorded.By}; the next call is another task.");
            }

            await FollowOn(task, order, recorded);
            return await Sheet(task, order);
        }

        var now = clock.GetUtcNow();
        var complaintId = draft!.Outcome == CallOutcome.Unhappy ? CallTasks.ComplaintIdOf(Key.StoreId, Key.TaskId) : null;
        var call = new CallAttempt(Key.TaskId, task.Attempt, now, Audit.Who, draft.Outcome, draft.Reason, draft.Note, complaintId);
        var result = CallTasks.Result(draft, task.Attempt, complaintId, "general manager");
        var before = await Sheet(task, order);
        var sheet = before with { Done = true, Calls = [.. before.Calls, call] };
        if (await operations.WriteOrReplay(
            [new ServiceCallRow(Key.StoreId, task.RepairOrderId, call), new CallTaskDoneRow(Key.StoreId, Key.TaskId, now, Audit.Who, result)],
            Key.StoreId, operationId, fingerprint, sheet, "ServiceCall") is { } replayed)
        {
            return replayed;
        }

        await FollowOn(task, order, call);
        await StoreFeed.Publish(GrainFactory, Key.StoreId, now, "task", Key.TaskId, $"Task {Key.TaskId} ({RepairOrderGrain.FollowUpTaskKind}) done: {draft.Outcome}",
            new Dictionary<string, string>
            {
                ["taskId"] = Key.TaskId,
                ["kind"] = RepairOrderGrain.FollowUpTaskKind,
                ["status"] = "Done",
                ["outcome"] = draft.Outcome.ToString(),
            });
        return sheet;
    }

    private async Task FollowOn(CallTask task, RepairOrderView order, CallAttempt call)
    {
        if (call.Outcome == CallOutcome.Unreachable && task.Attempt < MaxAttempts)
        {
            var next = task.Attempt + 1;
            await GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId)).Add(new TaskDraft(
                $"{task.BaseSource}:attempt-{next}", RepairOrderGrain.FollowUpTaskKind, $"{task.Title} (call {next} of {MaxAttempts})", null,
                StaffRole.CustomerServiceCaller, call.At.AddDays(1),
                new Dictionary<string, string>(task.Refs) { ["attempt"] = next.ToString(CultureInfo.InvariantCulture) }));
        }

        if (call is { Outcome: CallOutcome.Unhappy, ComplaintId: { } complaintId })
        {
            await GrainFactory.GetGrain<IComplaintGrain>(GrainKeys.InStore(Key.StoreId, complaintId)).Open(new ComplaintDraft(
                "", order.CustomerId, order.Arrival.CustomerName, order.Arrival.Vin ?? order.Arrival.Plate ?? "", order.AdvisorId, call.Reason!,
                $"service follow-up call {Key.TaskId}", order.RepairOrderId));
        }
    }

    private async Task<ServiceCallSheet> Sheet(CallTask task, RepairOrderView order)
    {
        var calls = await database.List(
            $"SELECT {ServiceCallRow.Columns} FROM service_follow_up_calls WHERE store_id = $1 AND repair_order_id = $2 ORDER BY at, task_id",
            FollowUpCallRow.Read, Key.StoreId, task.RepairOrderId);
        var work = order.Lines.Where(l => l.Status == RepairLineStatus.Approved && (l.Kind == RepairLineKind.Labour || l.Issued > 0))
            .Select(l => $"{l.Description} ({l.Reason})").ToList();
        return new ServiceCallSheet(Key.TaskId, order.RepairOrderId, order.Arrival.CustomerName, order.Arrival.Mobile, order.Arrival.Vin,
            order.Arrival.Plate, order.Arrival.Concern, work, order.DeliveredAt, order.AdvisorId, task.Attempt, task.Due, task.Done, calls);
    }

    private async Task<RepairOrderView?> Order(CallTask task) =>
        (await GrainFactory.GetGrain<IRepairOrderGrain>(GrainKeys.InStore(Key.StoreId, task.RepairOrderId)).Get()).Value;

    private async Task<CallTask?> FindTask() =>
        await CallTasks.Find(database, Key.StoreId, Key.TaskId, RepairOrderGrain.FollowUpTaskKind) is { } row
        && row.Refs.TryGetValue("repairOrderId", out var repairOrderId)
            ? new CallTask(repairOrderId, row.Attempt, row.BaseSource, row.Title, row.Refs, row.Done, row.Due)
            : null;

    private Problem NotFound() => Problem.NotFound($"Follow-up call '{Key.TaskId}'");

    private sealed record CallTask(string RepairOrderId, int Attempt, string BaseSource, string Title, IReadOnlyDictionary<string, string> Refs,
        bool Done, DateTimeOffset Due);
}
