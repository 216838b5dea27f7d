using System.Reflection;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;

namespace Dealership.Grains.Common;

/// <summary>
/// The second tenancy check (the gateway makes the first). A call from a client must carry a caller,
/// and the caller's scope must cover the grain's group and store. Calls between grains and from
/// reminders are trusted: a transfer legitimately crosses stores.
/// </summary>
public sealed class CallerScopeFilter : IIncomingGrainCallFilter
{
    private static readonly Assembly Contracts = typeof(IStoreGrain).Assembly;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var fromClient = IsFromClient(context);
        if (fromClient && context.InterfaceMethod.DeclaringType?.Assembly == Contracts)
        {
            await Authorize(context);
        }

        // A grain's role checks apply to what a client asks directly; a grain calling another as part of a flow it has
        // already checked (the cashier's invoice selling the car) is trusted, as tenancy is.
        Caller.MarkDirect(fromClient);
        try
        {
            await context.Invoke();
        }
        catch (Npgsql.NpgsqlException e) when (fromClient)
        {
            // The driver's exception does not cross to clients (nor can it be serialized): they learn whether to retry.
            throw new DatabaseFailedException(e.IsTransient ? "The database is not reachable just now." : "The database refused the change.", e.IsTransient);
        }
    }

    private static bool IsFromClient(IIncomingGrainCallContext context) =>
        context.SourceId is { } source && GrainTypePrefix.IsClient(source);

    private static async Task Authorize(IIncomingGrainCallContext context)
    {
        var caller = Caller.Current
            ?? throw new CallerRefusedException("A client call carried no caller; it was refused.");
        if (caller.IsPlatform || context.InterfaceMethod.GetCustomAttribute<AnyCallerAttribute>() is not null)
        {
            return;
        }

        if (context.InterfaceMethod.GetCustomAttribute<ForGrainsOnlyAttribute>() is not null)
        {
            throw new CallerRefusedException($"{context.InterfaceMethod.Name} is a step other grains take; clients may not call it.");
        }

        if (context.TargetContext.GrainInstance is not IScopedGrain scoped)
        {
            throw new CallerRefusedException($"{context.InterfaceMethod.DeclaringType?.Name} is not open to clients.");
        }

        var scope = await scoped.GetScope();
        var allowed = scope switch
        {
            // Not created yet: the grain's create checks the group it is given; reads of it find nothing.
            { GroupId: null, StoreId: { } store } => caller.WholeGroup || caller.StoreIds.Contains(store, StringComparer.Ordinal),
            { GroupId: null } => false,
            { StoreId: null } => caller.CoversGroup(scope.GroupId),
            _ => caller.CoversStore(scope.GroupId, scope.StoreId),
        };
        if (!allowed)
        {
            throw new CallerRefusedException($"Caller {caller.StaffId} may not act on {context.TargetId}.");
        }
    }
}
