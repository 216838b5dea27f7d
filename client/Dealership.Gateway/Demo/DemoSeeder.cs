using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Pricing;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Targets;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Auth;

namespace Dealership.Gateway.Demo;

/// <summary>
/// Loads <see cref="DemoGroup"/> through the grains, as the gateway (demo seeding is one of its listed duties). A second run finds everything in
/// place and writes nothing.
/// </summary>
public sealed class DemoSeeder(IClusterClient cluster, ILogger<DemoSeeder> logger, TimeProvider time, ClusterCallers callers)
{
    /// <summary>
    /// Creates whatever of the demo group is missing and never changes what exists: staff may since have moved a demo car,
    /// re-binned a part or reassigned a demo login, and starting the system again must not undo that.
    /// </summary>
    public async Task<SeedReport> Seed(CancellationToken cancellationToken = default) =>
        await callers.AsGateway("demo seeder", async () =>
        {
            var group = cluster.GetGrain<IGroupGrain>(GrainKeys.Group(DemoGroup.GroupId));
            if (!(await group.Get()).IsOk)
            {
                Ensure(await group.Create(DemoGroup.GroupName), "group");
            }

            foreach (var store in DemoGroup.Stores)
            {
                var dealership = cluster.GetGrain<IStoreGrain>(GrainKeys.Store(store.StoreId));
                if (!(await dealership.Get()).IsOk)
                {
                    Ensure(await dealership.Open(DemoGroup.GroupId, store.Profile, DemoGroup.Policies()), store.StoreId);
                }
            }

            var staff = DemoGroup.Staff().ToArray();
            await ForEach(staff, async s =>
            {
                var member = cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(DemoGroup.GroupId, s.Username));
                if (!(await member.Get()).IsOk)
                {
                    Ensure(await member.Create(s), s.Username);
                }
            }, cancellationToken);

            foreach (var store in DemoGroup.Stores)
            {
                var workshop = cluster.GetGrain<IWorkshopGrain>(GrainKeys.Store(store.StoreId));
                if ((await workshop.Get()).Value?.Settings is null)
                {
                    Ensure(await workshop.Set(DemoGroup.Workshop(store), null), $"{store.StoreId} workshop");
                }

                var maintenance = cluster.GetGrain<IMaintenanceGrain>(GrainKeys.Store(store.StoreId));
                if ((await maintenance.Plans()).Value is { Count: 0 })
                {
                    Ensure(await maintenance.SetPlan(DemoGroup.MaintenancePlan(), null), $"{store.StoreId} maintenance plan");
                }
            }

            foreach (var store in DemoGroup.Stores)
            {
                var targets = cluster.GetGrain<IStoreTargetsGrain>(TargetKeys.Year(store.StoreId, time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year));
                if ((await targets.Get()).Value?.Annual is null)
                {
                    Ensure(await targets.SetAnnual(DemoGroup.YearTarget(), null), $"{store.StoreId} targets");
                    Ensure(await targets.SplitMonths(DemoGroup.Seasons(), null), $"{store.StoreId} months");
                }
            }

            var vehicles = DemoGroup.Vehicles(time.GetUtcNow()).ToArray();
            await ForEach(vehicles, async v =>
            {
                var car = cluster.GetGrain<IVehicleGrain>(GrainKeys.InGroup(DemoGroup.GroupId, v.Vehicle.Vin));
                if ((await car.Get(v.Store.StoreId)).IsOk)
                {
                    return;
                }

                var registered = await car.Register(v.Store.StoreId, v.Vehicle, null);
                if (registered.Problem?.Code == "vin-exists")
                {
                    return; // in the group already, since moved to another store
                }

                Ensure(registered, v.Vehicle.Vin);
                if (v.ReservedFor is { } deal)
                {
                    Ensure(await car.Reserve(v.Store.StoreId, deal, null), v.Vehicle.Vin);
                }
            }, cancellationToken);

            var parts = DemoGroup.Parts().ToArray();
            await ForEach(parts, async p =>
            {
                var item = cluster.GetGrain<IPartsItemGrain>(GrainKeys.InStore(p.Store.StoreId, p.Item.PartNumber));
                if (!(await item.Get()).IsOk)
                {
                    Ensure(await item.Create(DemoGroup.GroupId, p.Item, null), p.Item.PartNumber);
                }
            }, cancellationToken);

            // Prices: in the cars' own costs (a car in stock may cost up to 2,000 more than its specification's invoice price).
            await ForEach(DemoGroup.Prices().ToArray(), async p =>
            {
                var book = cluster.GetGrain<IPriceBookGrain>(GrainKeys.Store(p.Store.StoreId));
                if (!(await book.Quote(p.Price.Model, p.Price.Trim, p.Price.Colour, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))).IsOk)
                {
                    Ensure(await book.SetPrice(p.Price, null), $"{p.Store.StoreId} price of {p.Price.Model} {p.Price.Colour}");
                }
            }, cancellationToken);

            foreach (var (store, rebate) in DemoGroup.Rebates(time.GetUtcNow()))
            {
                var book = cluster.GetGrain<IPriceBookGrain>(GrainKeys.Store(store.StoreId));
                var kept = await book.ListRebates(rebate.Month, PageRequest.All);
                if (kept.Value is { } page && !page.Items.Any(r => string.Equals(r.Policy.Model, rebate.Model, StringComparison.OrdinalIgnoreCase)))
                {
                    Ensure(await book.SetRebate(rebate, null), $"{store.StoreId} rebate on {rebate.Model}");
                }
            }

            logger.LogInformation("Demo group {Group}: {Stores} stores, {Staff} staff, {Vehicles} vehicles, {Parts} parts",
                DemoGroup.GroupId, DemoGroup.Stores.Length, staff.Length, vehicles.Length, parts.Length);
            return new SeedReport(DemoGroup.Stores.Length, staff.Length, vehicles.Length, parts.Length);
        });

    private async Task ForEach<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (item, _) => await callers.AsGateway("demo seeder", async () =>
            {
                await action(item);
                return true;
            }));

    private static void Ensure<T>(Outcome<T> outcome, string what)
    {
        if (outcome.Problem is { } problem)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {problem.Code} {problem.Detail}");
        }
    }
}

public sealed record SeedReport(int Stores, int Staff, int Vehicles, int Parts);
