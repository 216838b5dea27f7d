using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record CompleteTaskRequest([property: Required] string? Result);

public static partial class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/tasks").WithTags("Tasks");
        api.MapGet("", List).ForStore(RoleSets.TaskReaders).WithName("ListTasks").Answers<Page<StoreTask>>()
            .WithSummary("The store's tasks, soonest due first, a page at a time: by assignee (staff id) or role; open unless status=Done.");
        api.MapPost("/{taskId}/complete", Complete).ForStore(RoleSets.TaskWorkers).WithName("CompleteTask")
            .Answers<StoreTask>().Refuses("record-call-outcome", "sign-pdi")
            .WithSummary("Mark a task done with its result (its assignee, a holder of its role, or a manager).");
        return app;
    }

    [GeneratedRegex("^tk[0-9]{6,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskId();

    private static IStoreTasksGrain Grain(IClusterClient cluster, string storeId) => cluster.GetGrain<IStoreTasksGrain>(GrainKeys.Store(storeId));

    private static async Task<IResult> List(string storeId, string? assignee, StaffRole? role, StoreTaskStatus? status, int? limit, string? after,
        IClusterClient cluster)
    {
        var errors = new FieldErrors();
        if (assignee is not null && !Ids.IsValid(assignee))
        {
            errors.Add("assignee", "is not a staff id.");
        }

        if (role is { } r && (!Enum.IsDefined(r) || r == StaffRole.PlatformOperator))
        {
            errors.Add("role", "is not a staff role.");
        }

        if (status is { } s && !Enum.IsDefined(s))
        {
            errors.Add("status", "must be Open or Done.");
        }

        var (page, bad) = Paging.Read(limit, after);
        return errors.Any ? Problems.Invalid(errors) : bad ?? (await Grain(cluster, storeId).List(assignee, role, status, page)).ToResult();
    }

    private static async Task<IResult> Complete(string storeId, string taskId, CompleteTaskRequest request, IClusterClient cluster)
    {
        if (!TaskId().IsMatch(taskId))
        {
            return Problems.ToResult(Problem.NotFound("Task"));
        }

        var errors = new FieldErrors().Required("result", request.Result, 500);
        return errors.Any ? Problems.Invalid(errors) : (await Grain(cluster, storeId).Complete(taskId, request.Result!)).ToResult();
    }
}
