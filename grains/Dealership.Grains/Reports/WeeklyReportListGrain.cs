using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Reports;

/// <summary>A store's weekly reports: SQL over the reports' rows, filtered by group and store, latest deadline first.</summary>
[StatelessWorker]
public sealed class WeeklyReportListGrain(Database database, StoreGroups storeGroups) : Grain, IWeeklyReportListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<WeeklyReportSummary>>> List(PageRequest page)
    {
        if (Roles.Refused("read weekly reports", RoleSets.ReportReaders) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Keys(page.After) is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {WeeklyReportRow.Columns} FROM weekly_reports WHERE group_id = $1 AND store_id = $2 AND week < $3 ORDER BY week DESC",
            WeeklyReportRow.Read, r => Cursor.From(r.Week), page, await storeGroups.GroupOf(StoreId) ?? "", StoreId, Cursor.Keys(page.After)?[0] ?? "~");
    }
}
