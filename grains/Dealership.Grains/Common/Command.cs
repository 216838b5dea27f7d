using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Common;

/// <summary>
/// What a staff command is: its name and arguments (which tell a retry from another request under the same key), the
/// Idempotency-Key it carries, the store it acts in, and who may do it.
/// </summary>
internal sealed record CommandSpec(string Scope, string Name, string? OperationId, object?[] Arguments, string Action, StaffRole[] Roles)
{
    public string Fingerprint { get; } = OperationLog.Fingerprint(Name, Arguments);
}

/// <summary>
/// One path for every staff command of a grain: replay a retried Idempotency-Key, check that the caller may see the record
/// and holds one of the roles, apply the change in memory (it adds the rows it produces), then one write that commits the
/// state, the rows and the key together. A refusal changes nothing: the stored state is read back. A change that adds no
/// rows found everything already as asked: nothing is written and its answer is not kept.
/// </summary>
internal static class Command
{
    public static async Task<Outcome<T>> Run<TState, T>(IPersistentState<TState> state, OperationLog operations, CommandSpec spec,
        Func<Problem?> admit, Func<Task<Outcome<T>>> change, Func<T, Task>? afterSave = null)
        where TState : RecordedState
    {
        if (await operations.Replay<T>(spec.Scope, spec.OperationId, spec.Fingerprint) is { } replay)
        {
            return replay;
        }

        if ((admit() ?? Roles.Refused(spec.Action, spec.Roles)) is { } refused)
        {
            return refused;
        }

        Outcome<T> outcome;
        try
        {
            outcome = await change();
        }
        catch (Exception failure)
        {
            // A change that failed part-way (a call to another grain timed out) leaves nothing of itself in memory either.
            await state.ReadBackAfter(failure);
            throw;
        }

        if (!outcome.IsOk)
        {
            await state.ReadStateAsync();
            return outcome.Problem!;
        }

        if (state.State.Pending.Count == 0)
        {
            return outcome;
        }

        if (OperationLog.Record(spec.Scope, spec.OperationId, spec.Fingerprint, outcome.Value, spec.Name) is { } operation)
        {
            state.State.Pending.Add(operation);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (DuplicateOperationException)
        {
            // The same key was carried out elsewhere meanwhile (a retry that travelled another way): answer as it did.
            await state.ReadStateAsync();
            return await operations.Replay<T>(spec.Scope, spec.OperationId, spec.Fingerprint)
                ?? throw new InvalidOperationException($"Operation {spec.OperationId} was recorded but cannot be read back.");
        }
        catch (Exception failure)
        {
            await state.ReadBackAfter(failure);
            throw;
        }

        if (afterSave is not null)
        {
            await afterSave(outcome.Value!);
        }

        return outcome;
    }
}

/// <summary>The grain-side role check (the gateway makes the first), the same for every command.</summary>
internal static class Roles
{
    /// <summary>
    /// Null if the caller may act: the platform, a grain calling as part of a flow it checked itself, or a client caller holding
    /// one of <paramref name="roles"/>; else a 403.
    /// </summary>
    public static Problem? Refused(string action, StaffRole[] roles) =>
        Caller.IsDirect && Caller.Current is { IsPlatform: false } caller && !roles.Contains(caller.Role)
            ? Problem.Forbidden($"A {caller.Role} may not {action}.")
            : null;
}
