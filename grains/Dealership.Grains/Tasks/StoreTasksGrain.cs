using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Tasks;

public sealed class StoreTasksState
{
    public List<StoreTask> Tasks { get; set; } = [];
    public int Sequence { get; set; }
}

/// <summary>
/// A store's task list. Rules and reminders add tasks (once per source id); staff complete them. Done tasks older
/// than <see cref="DoneKeptDays"/> are dropped so the list stays the size of the store's open work.
/// </summary>
[Reentrant]
public sealed class StoreTasksGrain(
    [PersistentState("store-tasks", GrainsSetup.StorageName)] IPersistentState<StoreTasksState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IStoreTasksGrain, IScopedGrain
{
    public const int DoneKeptDays = 90;

    private static readonly StaffRole[] Managers = [StaffRole.GeneralManager, StaffRole.SalesManager];

    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<StoreTask> Add(TaskDraft draft)
    {
        if (state.State.Tasks.Find(t => t.SourceId == draft.SourceId) is { } existing)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        state.State.Sequence++;
        var task = new StoreTask($"tk{state.State.Sequence.ToString("D6", CultureInfo.InvariantCulture)}", draft.SourceId, draft.Kind, draft.Title,
            draft.AssigneeId, draft.Role, draft.Due, draft.Refs, StoreTaskStatus.Open, now, null, null, null);
        state.State.Tasks.Add(task);
        state.State.Tasks.RemoveAll(t => t.Status == StoreTaskStatus.Done && t.DoneAt < now.AddDays(-DoneKeptDays));
        await Commit.Commit();
        await Publish(task, now, $"New task ({task.Kind}) for {task.AssigneeId ?? task.Role?.ToString()}, due {task.Due:yyyy-MM-dd}");
        return task;
    }

    public Task<IReadOnlyList<StoreTask>> List(string? assigneeId, StaffRole? role, StoreTaskStatus? status) =>
        Task.FromResult<IReadOnlyList<StoreTask>>(state.State.Tasks
            .Where(t => t.Status == (status ?? StoreTaskStatus.Open))
            .Where(t => assigneeId is null || t.AssigneeId == assigneeId)
            .Where(t => role is null || t.Role == role)
            .OrderBy(t => t.Due)
            .ThenBy(t => t.TaskId, StringComparer.Ordinal)
            .ToArray());

    public async Task<Outcome<StoreTask>> Complete(string taskId, string result)
    {
        var errors = new FieldErrors().Required("result", result, 500);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var index = state.State.Tasks.FindIndex(t => t.TaskId == taskId);
        if (index < 0)
        {
            return Problem.NotFound($"Task '{taskId}'");
        }

        var task = state.State.Tasks[index];
        if (Caller.Current is { IsPlatform: false } caller && caller.StaffId != task.AssigneeId && caller.Role != task.Role
            && !Managers.Contains(caller.Role))
        {
            return Problem.Forbidden("Only the task's assignee, a holder of its role or a manager may complete it.");
        }

        if (task.Status == StoreTaskStatus.Done)
        {
            return task;
        }

        var now = clock.GetUtcNow();
        task = task with { Status = StoreTaskStatus.Done, DoneAt = now, DoneBy = Audit.Who, Result = result };
        state.State.Tasks[index] = task;
        await Commit.Commit();
        await Publish(task, now, $"Task {task.TaskId} ({task.Kind}) done");
        return task;
    }

    // Titles may name customers; the feed reaches showroom screens, so it carries only the kind and the assignee.
    private Task Publish(StoreTask task, DateTimeOffset at, string summary) =>
        StoreFeed.Publish(GrainFactory, StoreId, at, "task", task.TaskId, summary, new Dictionary<string, string>
        {
            ["taskId"] = task.TaskId,
            ["kind"] = task.Kind,
            ["status"] = task.Status.ToString(),
            ["assigneeId"] = task.AssigneeId ?? "",
            ["role"] = task.Role?.ToString() ?? "",
            ["due"] = task.Due.ToString("O", CultureInfo.InvariantCulture),
        });
}
