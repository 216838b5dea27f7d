using System.Reflection;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Dealership.Trust;
using Microsoft.Extensions.Logging;

namespace Dealership.Grains.Trust;

/// <summary>
/// The silo's own check of every client call (the gateway checks first). A client must send a caller signed with a key the
/// silos hold; whatever else it puts in the request context is ignored. Staff (and partners' API clients) must still be active at
/// the revision they signed in at, and their scope must cover the grain's group and store; a gateway acting as itself may call only its listed duties;
/// the operator may call anything, and each call is written to the audit trail first. Calls between grains and from reminders
/// are trusted: a transfer legitimately crosses stores.
/// </summary>
public sealed class CallerScopeFilter(
    CallerVerification verification, VerifiedCallers callers, StaffStandings standings, Database database, TimeProvider time,
    ILogger<CallerScopeFilter> logger)
    : IIncomingGrainCallFilter
{
    private static readonly Assembly Contracts = typeof(IStoreGrain).Assembly;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var fromClient = IsFromClient(context);
        if (fromClient)
        {
            // A client cannot hand the grains a caller: only the one verified here is used. Orleans' own interfaces (a test
            // cluster's membership, for one) are outside the product's caller model; only certified processes reach them.
            Caller.Set(null);
            if (context.InterfaceMethod.DeclaringType?.Assembly == Contracts)
            {
                Caller.Set(await Admit(context));
            }
        }

        // A grain's role checks apply to what a client asks directly; a grain calling another as part of a flow it has
        // already checked (the cashier's invoice selling the car) is trusted, as tenancy is.
        Caller.MarkDirect(fromClient);
        try
        {
            await context.Invoke();
        }
        // Out of reach, the database fails every call alike, from clients and other grains: neither can be sent the driver's error.
        catch (Npgsql.NpgsqlException e) when (fromClient || e.IsTransient)
        {
            throw DatabaseFailure.From(e);
        }
    }

    private static bool IsFromClient(IIncomingGrainCallContext context) =>
        context.SourceId is { } source && GrainTypePrefix.IsClient(source);

    private async Task<Caller> Admit(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        var verified = callers.Verify(CallerAssertion.Attached);
        if (verified.Caller is not { } caller)
        {
            throw Refuse(context, null, verified.Reason!);
        }

        switch (caller.Kind)
        {
            case CallerKind.Operator when caller.IsPlatform:
                await AuditOperatorCall(context, caller);
                return caller;
            case CallerKind.Gateway when caller.IsPlatform:
                return GatewayDuties.Allows(method) ? caller : throw Refuse(context, caller, "it is not among a gateway's own duties");
            case CallerKind.Staff when !caller.IsPlatform:
                break;
            // A partner's API client acts in the role and stores it was registered with, never as an administrator.
            case CallerKind.Partner when !caller.IsPlatform && caller.Role != StaffRole.Administrator:
                break;
            default:
                throw Refuse(context, caller, "the caller's kind and role do not match");
        }

        if (verification.Enabled && !await standings.IsCurrent(caller, verified.Revision))
        {
            throw Refuse(context, caller, caller.Kind == CallerKind.Partner
                ? "the API client was revoked since its token was issued"
                : "the member is disabled or was reassigned since signing in");
        }

        if (method.GetCustomAttribute<AnyCallerAttribute>() is not null)
        {
            return caller;
        }

        if (method.GetCustomAttribute<ForGrainsOnlyAttribute>() is not null)
        {
            throw Refuse(context, caller, $"{method.Name} is a step other grains take");
        }

        if (context.TargetContext.GrainInstance is not IScopedGrain scoped)
        {
            throw Refuse(context, caller, $"{method.DeclaringType?.Name} is not open to staff");
        }

        var scope = await scoped.GetScope();
        var allowed = scope switch
        {
            // Not created yet: the grain's create checks the group it is given; reads of it find nothing.
            { GroupId: null, StoreId: { } store } => caller.WholeGroup || caller.StoreIds.Contains(store, StringComparer.Ordinal),
            { GroupId: null } => false,
            { StoreId: null } => caller.CoversGroup(scope.GroupId),
            _ => caller.CoversStore(scope.GroupId, scope.StoreId) || (scope.AlsoStoreId is { } also && caller.CoversStore(scope.GroupId, also)),
        };
        return allowed ? caller : throw Refuse(context, caller, "the grain is outside the caller's scope", outsideScope: true);
    }

    /// <summary>Written before the call runs: an operator call that cannot be audited does not run.</summary>
    private async Task AuditOperatorCall(IIncomingGrainCallContext context, Caller caller)
    {
        var scope = context.TargetContext.GrainInstance is IScopedGrain scoped ? await scoped.GetScope() : default;
        var row = new AuditRow(scope.GroupId ?? "*", scope.StoreId, "operator-call", context.TargetId.ToString(), time.GetUtcNow(),
            caller.AuditName, $"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}");
        try
        {
            await database.Write([row]);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw DatabaseFailure.From(e);
        }
    }

    private CallerRefusedException Refuse(IIncomingGrainCallContext context, Caller? caller, string reason, bool outsideScope = false)
    {
        // The reason names who and why, never the signed caller itself.
        logger.LogWarning("Refused a client call to {Interface}.{Method} on {Grain} by {Caller}: {Reason}",
            context.InterfaceMethod.DeclaringType?.Name, context.InterfaceMethod.Name, context.TargetId, caller?.StaffId ?? "(unverified)", reason);
        return new CallerRefusedException($"The call was refused: {reason}.", outsideScope);
    }
}
