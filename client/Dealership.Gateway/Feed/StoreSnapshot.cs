using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Feed;
using Dealership.Contracts.Service;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Vehicles;

namespace Dealership.Gateway.Feed;

/// <summary>
/// What a board shows when it (re)connects: the feed position, every consultant, cars by status, and the cars in the workshop
/// (the service board).
/// </summary>
public sealed record StoreSnapshot(
    string StoreId,
    string StoreName,
    Guid Epoch,
    long Sequence,
    IReadOnlyList<ConsultantView> Consultants,
    IReadOnlyDictionary<string, int> VehiclesByStatus,
    IReadOnlyList<CarInWorkshop> Workshop,
    DateTimeOffset TakenAt)
{
    /// <summary>Reads the feed position first, so any event after it is either in the lists or still to come.</summary>
    public static async Task<StoreSnapshot> Take(IClusterClient cluster, string storeId, TimeProvider clock)
    {
        var position = await cluster.GetGrain<IStoreFeedGrain>(GrainKeys.Store(storeId)).GetPosition();
        var store = cluster.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).Get();
        var consultants = cluster.GetGrain<IConsultantListGrain>(GrainKeys.Store(storeId)).List();
        var vehicles = cluster.GetGrain<IVehicleListGrain>(GrainKeys.Store(storeId)).CountByStatus();
        var workshop = cluster.GetGrain<IServiceListGrain>(GrainKeys.Store(storeId)).InWorkshop();
        var byStatus = (await vehicles).ToDictionary(c => c.Key.ToString(), c => c.Value);
        return new StoreSnapshot(storeId, (await store).Value?.Profile.Name ?? storeId, position.Epoch, position.Sequence, await consultants, byStatus,
            await workshop, clock.GetUtcNow());
    }
}
