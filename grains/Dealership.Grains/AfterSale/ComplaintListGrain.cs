using System.Globalization;
using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.AfterSale;

/// <summary>A store's complaints: SQL over the rows each complaint writes with its own state, newest first.</summary>
[StatelessWorker]
public sealed class ComplaintListGrain(Database database, StoreGroups storeGroups) : Grain, IComplaintListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<ComplaintView>>> List(ComplaintStatus? status, PageRequest page)
    {
        if (Roles.Refused("read complaints", RoleSets.ComplaintReaders) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? null : Cursor.Keys(page.After);
        if (page.After is not null && (after is not [var ticks, _] || !long.TryParse(ticks, CultureInfo.InvariantCulture, out _)))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        var before = after is null ? DateTimeOffset.MaxValue.AddDays(-1) : new DateTimeOffset(long.Parse(after[0], CultureInfo.InvariantCulture), TimeSpan.Zero);
        return await database.Page(
            $"SELECT {ComplaintRow.Columns} FROM complaints WHERE store_id = $1 AND ($2::text IS NULL OR status = $2) " +
            "AND (opened_at, complaint_id) < ($3, $4) ORDER BY opened_at DESC, complaint_id DESC",
            ComplaintRow.Read, c => Cursor.From(c.OpenedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), c.ComplaintId), page,
            StoreId, status?.ToString(), before, after?[1] ?? "\uffff");
    }
}
