using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;

namespace Dealership.Contracts.Tasks;

public enum StoreTaskStatus
{
    Open = 1,
    Done = 2,
}

/// <summary>
/// A task for someone in a store. It goes to a person (<see cref="AssigneeId"/>) or to whoever holds a role
/// (<see cref="Role"/>), e.g. the follow-up calls after a delivery go to the customer-service callers.
/// <see cref="SourceId"/> makes creation idempotent: a rule that fires twice creates one task.
/// </summary>
[GenerateSerializer, Immutable, Alias("TaskDraft")]
public sealed record TaskDraft(
    [property: Id(0)] string SourceId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] string? AssigneeId,
    [property: Id(4)] StaffRole? Role,
    [property: Id(5)] DateTimeOffset Due,
    [property: Id(6)] IReadOnlyDictionary<string, string> Refs);

[GenerateSerializer, Immutable, Alias("StoreTask")]
public sealed record StoreTask(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string SourceId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] string? AssigneeId,
    [property: Id(5)] StaffRole? Role,
    [property: Id(6)] DateTimeOffset Due,
    [property: Id(7)] IReadOnlyDictionary<string, string> Refs,
    [property: Id(8)] StoreTaskStatus Status,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? DoneAt,
    [property: Id(11)] string? DoneBy,
    [property: Id(12)] string? Result);

/// <summary>The task list of a store: each task is a row, added and completed in one statement. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IStoreTasksGrain")]
public interface IStoreTasksGrain : IGrainWithStringKey
{
    /// <summary>Adds a task (once per source id) and shows it on the store feed.</summary>
    [Alias("Add")]
    [ForGrainsOnly]
    Task<StoreTask> Add(TaskDraft draft);

    /// <summary>Tasks for one person or one role (or all), open ones unless asked otherwise, soonest due first, a page at a time.</summary>
    [Alias("List")]
    Task<Outcome<Page<StoreTask>>> List(string? assigneeId, StaffRole? role, StoreTaskStatus? status, PageRequest page);

    /// <summary>Marks a task done with its result; only its assignee, a holder of its role or a manager may.</summary>
    [Alias("Complete")]
    Task<Outcome<StoreTask>> Complete(string taskId, string result);
}
