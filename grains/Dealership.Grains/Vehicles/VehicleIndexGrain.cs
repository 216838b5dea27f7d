using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Vehicles;

public sealed class VehicleIndexState
{
    public Dictionary<string, VehicleSummary> Vehicles { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A store's vehicle list by status, fed by the vehicle grains (idempotent by revision).</summary>
[Reentrant]
public sealed class VehicleIndexGrain(
    [PersistentState("vehicle-index", GrainsSetup.StorageName)] IPersistentState<VehicleIndexState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IVehicleIndexGrain, IScopedGrain
{
    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Apply(VehicleSummary summary, bool inThisStore)
    {
        var known = state.State.Vehicles.GetValueOrDefault(summary.Vin);
        if (known is not null && known.Revision >= summary.Revision)
        {
            return;
        }

        if (inThisStore)
        {
            state.State.Vehicles[summary.Vin] = summary;
        }
        else if (!state.State.Vehicles.Remove(summary.Vin))
        {
            return;
        }

        await Commit.Commit();
    }

    public Task<IReadOnlyList<VehicleSummary>> List(VehicleStatus? status) =>
        Task.FromResult<IReadOnlyList<VehicleSummary>>(state.State.Vehicles.Values
            .Where(v => status is null || v.Status == status)
            .OrderBy(v => v.Vin, StringComparer.Ordinal)
            .ToArray());

    public async Task<StockReport> Stock(StockFilter filter)
    {
        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var zone = StoreFacts.Zone(store);
        var now = clock.GetUtcNow();
        var today = StoreFacts.LocalDate(now, zone.Id);
        var onHand = await GrainFactory.GetGrain<IStockLedgerGrain>(GrainKeys.Store(StoreId)).OnHand();
        var month = await GrainFactory.GetGrain<ISalesNumbersGrain>(GrainKeys.Store(StoreId)).Range(new DateOnly(today.Year, today.Month, 1), today);
        return StockReport.Build(StoreId, state.State.Vehicles.Values, onHand, month.RetailSales, now, zone,
            store?.Policies.AgedStockDays ?? StorePolicies.Default.AgedStockDays, filter);
    }
}
