using System.Reflection;
using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Feed;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Pricing;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Targets;
using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Trust;

/// <summary>
/// The grain methods a gateway may call as itself rather than as a member of staff: the work no user's token covers. Everything
/// else a gateway does runs as the signed-in member, so a gateway's own identity is no master key.
/// </summary>
public static class GatewayDuties
{
    private static readonly HashSet<(Type Interface, string Method)> Allowed =
    [
        // Sign-in: find the username's group, check the password (or the one-time code of a first sign-in).
        (typeof(ILoginGrain), nameof(ILoginGrain.GetGroupId)),
        (typeof(IStaffGrain), nameof(IStaffGrain.SignIn)),
        (typeof(IStaffGrain), nameof(IStaffGrain.FirstSignIn)),

        // A partner's token: find the client id's group, check the secret and scopes; whether its tokens still hold.
        (typeof(IApiClientGrain), nameof(IApiClientGrain.Authenticate)),
        (typeof(IApiClientGrain), nameof(IApiClientGrain.GetStanding)),

        // Whether a member's token still holds (disabled, reassigned), before the gateway acts as them.
        (typeof(IStaffGrain), nameof(IStaffGrain.GetStanding)),

        // Wall screens (a board token, no user): check the token, read the store's board.
        (typeof(IBoardTokensGrain), nameof(IBoardTokensGrain.IsValid)),
        (typeof(IStoreGrain), nameof(IStoreGrain.GetGroupId)),
        (typeof(IStoreGrain), nameof(IStoreGrain.GetTimeZoneId)),
        (typeof(IStoreGrain), nameof(IStoreGrain.Get)),
        (typeof(IStoreFeedGrain), nameof(IStoreFeedGrain.GetPosition)),
        (typeof(IConsultantListGrain), nameof(IConsultantListGrain.List)),
        (typeof(IVehicleListGrain), nameof(IVehicleListGrain.CountByStatus)),
        (typeof(IServiceListGrain), nameof(IServiceListGrain.InWorkshop)),

        // The live feed a gateway shares among its listeners.
        (typeof(IStoreFeedGrain), nameof(IStoreFeedGrain.Subscribe)),
        (typeof(IStoreFeedGrain), nameof(IStoreFeedGrain.Unsubscribe)),

        // Readiness.
        (typeof(IHealthGrain), nameof(IHealthGrain.Ping)),

        // Loading the demo group (--seed-demo): create what is missing, never change what exists.
        (typeof(IGroupGrain), nameof(IGroupGrain.Get)),
        (typeof(IGroupGrain), nameof(IGroupGrain.Create)),
        (typeof(IStoreGrain), nameof(IStoreGrain.Open)),
        (typeof(IStaffGrain), nameof(IStaffGrain.Get)),
        (typeof(IStaffGrain), nameof(IStaffGrain.Create)),
        (typeof(IVehicleGrain), nameof(IVehicleGrain.Get)),
        (typeof(IVehicleGrain), nameof(IVehicleGrain.Register)),
        (typeof(IVehicleGrain), nameof(IVehicleGrain.Reserve)),
        (typeof(IPartsItemGrain), nameof(IPartsItemGrain.Get)),
        (typeof(IPartsItemGrain), nameof(IPartsItemGrain.Create)),
        (typeof(IPriceBookGrain), nameof(IPriceBookGrain.Quote)),
        (typeof(IPriceBookGrain), nameof(IPriceBookGrain.SetPrice)),
        (typeof(IPriceBookGrain), nameof(IPriceBookGrain.ListRebates)),
        (typeof(IPriceBookGrain), nameof(IPriceBookGrain.SetRebate)),
        (typeof(IWorkshopGrain), nameof(IWorkshopGrain.Get)),
        (typeof(IWorkshopGrain), nameof(IWorkshopGrain.Set)),
        (typeof(IMaintenanceGrain), nameof(IMaintenanceGrain.Plans)),
        (typeof(IMaintenanceGrain), nameof(IMaintenanceGrain.SetPlan)),
        (typeof(IStoreTargetsGrain), nameof(IStoreTargetsGrain.Get)),
        (typeof(IStoreTargetsGrain), nameof(IStoreTargetsGrain.SetAnnual)),
        (typeof(IStoreTargetsGrain), nameof(IStoreTargetsGrain.SplitMonths)),
    ];

    public static bool Allows(MethodInfo method) => method.DeclaringType is { } type && Allowed.Contains((type, method.Name));

    /// <summary>Every allowed method as "IInterface.Method", for tests and the README.</summary>
    public static IEnumerable<string> Describe() => Allowed.Select(a => $"{a.Interface.Name}.{a.Method}").Order(StringComparer.Ordinal);
}
