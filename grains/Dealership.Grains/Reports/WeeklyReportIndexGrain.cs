using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Reports;

public sealed class WeeklyReportIndexState
{
    public Dictionary<string, WeeklyReportSummary> Reports { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A store's weekly reports, newest first.</summary>
[Reentrant]
public sealed class WeeklyReportIndexGrain(
    [PersistentState("weekly-report-index", GrainsSetup.StorageName)] IPersistentState<WeeklyReportIndexState> state,
    StoreGroups storeGroups) : Grain, IWeeklyReportIndexGrain, IScopedGrain
{
    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Apply(WeeklyReportSummary summary)
    {
        if (state.State.Reports.TryGetValue(summary.Week, out var known) && known.Revision >= summary.Revision)
        {
            return;
        }

        state.State.Reports[summary.Week] = summary;
        await Commit.Commit();
    }

    public Task<IReadOnlyList<WeeklyReportSummary>> List() =>
        Task.FromResult<IReadOnlyList<WeeklyReportSummary>>(state.State.Reports.Values.OrderByDescending(r => r.Deadline).ToArray());
}
