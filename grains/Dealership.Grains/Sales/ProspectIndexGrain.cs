using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Sales;

public sealed class ProspectIndexState
{
    public Dictionary<string, ProspectSummary> Prospects { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A store's prospect list; "overdue" is worked out when asked, against the clock.</summary>
[Reentrant]
public sealed class ProspectIndexGrain(
    [PersistentState("prospect-index", GrainsSetup.StorageName)] IPersistentState<ProspectIndexState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IProspectIndexGrain, IScopedGrain
{
    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Apply(ProspectSummary summary)
    {
        if (state.State.Prospects.TryGetValue(summary.CustomerId, out var known) && known.Revision >= summary.Revision)
        {
            return;
        }

        state.State.Prospects[summary.CustomerId] = summary;
        await Commit.Commit();
    }

    public Task<IReadOnlyList<ProspectSummary>> List(string? consultantId, ProspectStatus? status, bool overdueOnly)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<ProspectSummary>>(state.State.Prospects.Values
            .Where(p => consultantId is null || p.ConsultantId == consultantId)
            .Where(p => status is null || p.Status == status)
            .Select(p => p with { Overdue = p.Status == ProspectStatus.Active && FollowUpRhythm.IsOverdue(p.NextFollowUpDue, now) })
            .Where(p => !overdueOnly || p.Overdue)
            .OrderBy(p => p.NextFollowUpDue ?? DateTimeOffset.MaxValue)
            .ThenBy(p => p.CustomerId, StringComparer.Ordinal)
            .ToArray());
    }

    public Task<IReadOnlyDictionary<string, int>> OverdueByConsultant()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyDictionary<string, int>>(state.State.Prospects.Values
            .Where(p => p.Status == ProspectStatus.Active && FollowUpRhythm.IsOverdue(p.NextFollowUpDue, now))
            .GroupBy(p => p.ConsultantId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }
}
