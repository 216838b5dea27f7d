using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Sales;

public sealed class DealIndexState
{
    public Dictionary<string, DealSummary> Deals { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A store's deals, newest activity first; the finance specialist's loan cases are read from it too.</summary>
[Reentrant]
public sealed class DealIndexGrain(
    [PersistentState("deal-index", GrainsSetup.StorageName)] IPersistentState<DealIndexState> state,
    StoreGroups storeGroups) : Grain, IDealIndexGrain, IScopedGrain
{
    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Apply(DealSummary summary)
    {
        if (state.State.Deals.TryGetValue(summary.DealId, out var known) && known.Revision >= summary.Revision)
        {
            return;
        }

        state.State.Deals[summary.DealId] = summary;
        await Commit.Commit();
    }

    public Task<IReadOnlyList<DealSummary>> List(string? consultantId, DealStatus? status) =>
        Task.FromResult<IReadOnlyList<DealSummary>>(state.State.Deals.Values
            .Where(d => consultantId is null || d.ConsultantId == consultantId)
            .Where(d => status is null || d.Status == status)
            .OrderByDescending(d => d.UpdatedAt)
            .ToArray());

    public Task<IReadOnlyList<DealSummary>> Loans(LoanStatus? status) =>
        Task.FromResult<IReadOnlyList<DealSummary>>(state.State.Deals.Values
            .Where(d => d.LoanStatus is not null && (status is null || d.LoanStatus == status))
            .OrderBy(d => d.LoanStatus)
            .ThenByDescending(d => d.UpdatedAt)
            .ToArray());
}
