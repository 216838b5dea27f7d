using System.Globalization;
using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;
using Orleans.Concurrency;

namespace Dealership.Grains.Tasks;

/// <summary>
/// A store's task list. Each task is a row of its own: rules and reminders add tasks (once per source id, the table's unique
/// key), staff complete them with a result; both are single statements, so the list holds no state and any number of
/// activations may serve it. Task numbers come from the store's counter.
/// </summary>
[StatelessWorker]
public sealed class StoreTasksGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IStoreTasksGrain, IScopedGrain
{
    private const string Columns = "task_id, source_id, kind, title, assignee_id, role, due, refs::text, status, created_at, done_at, done_by, result";

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<StoreTask> Add(TaskDraft draft)
    {
        if (await Find("source_id", draft.SourceId) is { } existing)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        var added = await database.First(
            "WITH n AS (INSERT INTO store_counters (store_id, name, value) VALUES ($2, 'tasks', 1) " +
            "ON CONFLICT (store_id, name) DO UPDATE SET value = store_counters.value + 1 RETURNING value) " +
            "INSERT INTO tasks (group_id, store_id, task_id, source_id, kind, title, assignee_id, role, due, refs, status, created_at) " +
            "SELECT $1, $2, 'tk' || lpad(n.value::text, 6, '0'), $3, $4, $5, $6, $7, $8, $9, 'Open', $10 FROM n " +
            $"ON CONFLICT (store_id, source_id) DO NOTHING RETURNING {Columns}",
            Read, await Group(), StoreId, draft.SourceId, draft.Kind, draft.Title, draft.AssigneeId, draft.Role, draft.Due,
            Sql.Jsonb(JsonSerializer.Serialize(draft.Refs)), now);
        if (added is null)
        {
            // Another activation added it a moment ago: the first one stands.
            return (await Find("source_id", draft.SourceId))!;
        }

        await Publish(added, now, $"New task ({added.Kind}) for {added.AssigneeId ?? added.Role?.ToString()}, due {added.Due:yyyy-MM-dd}");
        return added;
    }

    public async Task<Outcome<Page<StoreTask>>> List(string? assigneeId, StaffRole? role, StoreTaskStatus? status, PageRequest page)
    {
        if (Roles.Refused("read the store's tasks", RoleSets.TaskReaders) is { } refused)
        {
            return refused;
        }

        if (Cursor.Instant(page.After, "-infinity", "") is not var (due, taskId))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {Columns} FROM tasks WHERE group_id = $1 AND store_id = $2 AND status = $3 AND ($4::text IS NULL OR assignee_id = $4) " +
            "AND ($5::text IS NULL OR role = $5) AND (due, task_id) > ($6::timestamptz, $7::text) ORDER BY due, task_id",
            Read, t => Cursor.FromInstant(t.Due, t.TaskId), page,
            await Group(), StoreId, (status ?? StoreTaskStatus.Open).ToString(), assigneeId, role?.ToString(), due, taskId);
    }

    public async Task<Outcome<StoreTask>> Complete(string taskId, string result)
    {
        var errors = new FieldErrors().Required("result", result, 500);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (await Find("task_id", taskId) is not { } task)
        {
            return Problem.NotFound($"Task '{taskId}'");
        }

        if (Roles.Refused("complete tasks", RoleSets.TaskWorkers) is { } refused)
        {
            return refused;
        }

        if (Caller.Current is { IsPlatform: false } caller && Caller.IsDirect && caller.StaffId != task.AssigneeId && caller.Role != task.Role
            && !RoleSets.Managers.Contains(caller.Role))
        {
            return Problem.Forbidden("Only the task's assignee, a holder of its role or a manager may complete it.");
        }

        if (task.Kind is AfterSale.FollowUpCallGrain.TaskKind or Service.RepairOrderGrain.FollowUpTaskKind && Caller.IsDirect)
        {
            return Problem.Refused("record-call-outcome",
                $"A follow-up call is completed with its outcome: POST /api/stores/{StoreId}/" +
                $"{(task.Kind == AfterSale.FollowUpCallGrain.TaskKind ? "follow-up-calls" : "service-calls")}/{taskId}/outcome.");
        }

        if (task.Kind == Sales.DealGrain.PdiTaskKind && Caller.IsDirect)
        {
            return Problem.Refused("sign-pdi",
                $"A PDI task is done when the PDI is signed: POST /api/stores/{StoreId}/deals/{task.Refs.GetValueOrDefault("dealId")}/pdi.");
        }

        if (task.Status == StoreTaskStatus.Done)
        {
            return task;
        }

        var now = clock.GetUtcNow();
        var done = await database.First(
            "UPDATE tasks SET status = 'Done', done_at = $3, done_by = $4, result = $5 WHERE store_id = $1 AND task_id = $2 AND status = 'Open' " +
            $"RETURNING {Columns}",
            Read, StoreId, taskId, now, Audit.Who, result);
        if (done is null)
        {
            // Completed a moment ago by someone else: the first completion stands.
            return (await Find("task_id", taskId))!;
        }

        await Publish(done, now, $"Task {done.TaskId} ({done.Kind}) done");
        return done;
    }

    private async Task<StoreTask?> Find(string column, string value) =>
        await database.First($"SELECT {Columns} FROM tasks WHERE store_id = $1 AND {column} = $2 LIMIT 1", Read, StoreId, value);

    private static StoreTask Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        r.IsDBNull(5) ? null : Enum.Parse<StaffRole>(r.GetString(5)), r.GetFieldValue<DateTimeOffset>(6),
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(7)) ?? [], Enum.Parse<StoreTaskStatus>(r.GetString(8)),
        r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12));

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? "";

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
