using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Auth;

namespace Dealership.Gateway.Demo;

/// <summary>
/// Loads <see cref="DemoGroup"/> through the grains, as the platform operator. Every step is idempotent:
/// a second run finds everything in place and writes nothing.
/// </summary>
public sealed class DemoSeeder(IClusterClient cluster, ILogger<DemoSeeder> logger)
{
    public async Task<SeedReport> Seed(CancellationToken cancellationToken = default) =>
        await PlatformCall.Run("demo seeder", async () =>
        {
            Ensure(await cluster.GetGrain<IGroupGrain>(GrainKeys.Group(DemoGroup.GroupId)).Create(DemoGroup.GroupName), "group");
            foreach (var store in DemoGroup.Stores)
            {
                Ensure(await cluster.GetGrain<IDealershipGrain>(GrainKeys.Store(store.StoreId)).Open(DemoGroup.GroupId, store.Profile, StorePolicies.Default),
                    store.StoreId);
            }

            var staff = DemoGroup.Staff().ToArray();
            await ForEach(staff, async s => Ensure(await cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(DemoGroup.GroupId, s.Username)).Create(s), s.Username),
                cancellationToken);

            var vehicles = DemoGroup.Vehicles().ToArray();
            await ForEach(vehicles, async v =>
            {
                var grain = cluster.GetGrain<IVehicleGrain>(GrainKeys.InGroup(DemoGroup.GroupId, v.Vehicle.Vin));
                var existing = await grain.Get(v.Store.StoreId);
                if (!existing.IsOk)
                {
                    Ensure(await grain.Register(v.Store.StoreId, v.Vehicle, null), v.Vehicle.Vin);
                }

                if (v.ReservedFor is { } deal && existing.Value?.Reservation?.DealId != deal)
                {
                    Ensure(await grain.Reserve(v.Store.StoreId, deal, null), v.Vehicle.Vin);
                }
            }, cancellationToken);

            var parts = DemoGroup.Parts().ToArray();
            await ForEach(parts, async p =>
                Ensure(await cluster.GetGrain<IPartsItemGrain>(GrainKeys.InStore(p.Store.StoreId, p.Item.PartNumber)).Create(DemoGroup.GroupId, p.Item, null),
                    p.Item.PartNumber), cancellationToken);

            logger.LogInformation("Demo group {Group}: {Stores} stores, {Staff} staff, {Vehicles} vehicles, {Parts} parts",
                DemoGroup.GroupId, DemoGroup.Stores.Length, staff.Length, vehicles.Length, parts.Length);
            return new SeedReport(DemoGroup.Stores.Length, staff.Length, vehicles.Length, parts.Length);
        });

    private static async Task ForEach<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, _) =>
        {
            Caller.Set(Caller.Platform("gateway demo seeder"));
            await action(item);
        });

    private static void Ensure<T>(Outcome<T> outcome, string what)
    {
        if (outcome.Problem is { } problem)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {problem.Code} {problem.Detail}");
        }
    }
}

public sealed record SeedReport(int Stores, int Staff, int Vehicles, int Parts);
