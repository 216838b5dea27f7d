using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Sales;

/// <summary>A store's deals and loan cases: SQL over the deals' rows, filtered by group and store, newest first.</summary>
[StatelessWorker]
public sealed class DealListGrain(Database database, StoreGroups storeGroups) : Grain, IDealListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<DealSummary>>> List(string? consultantId, DealStatus? status, PageRequest page) =>
        Roles.Refused("read deals", RoleSets.DealReaders) is { } refused
            ? refused
            : await Read("AND ($3::text IS NULL OR consultant_id = $3) AND ($4::text IS NULL OR status = $4)",
                [StoreFacts.CallingConsultant() ?? consultantId, status?.ToString()], page);

    public async Task<Outcome<Page<DealSummary>>> Loans(LoanStatus? status, PageRequest page) =>
        Roles.Refused("read loan cases", RoleSets.LoanReaders) is { } refused
            ? refused
            : await Read("AND loan_status IS NOT NULL AND ($3::text IS NULL OR loan_status = $3)", [status?.ToString()], page);

    /// <summary>One page of deals; <paramref name="filter"/> numbers its parameters from $3, the page's cursor comes after them.</summary>
    private async Task<Outcome<Page<DealSummary>>> Read(string filter, object?[] values, PageRequest page)
    {
        if (Cursor.Instant(page.After, "infinity", "~") is not var (opened, dealId))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        var rows = await database.Page(
            $"SELECT {DealRow.Columns} FROM deals WHERE group_id = $1 AND store_id = $2 {filter} " +
            $"AND (opened_at, deal_id) < (${values.Length + 3}::timestamptz, ${values.Length + 4}::text) ORDER BY opened_at DESC, deal_id DESC",
            DealRow.Read, d => Cursor.FromInstant(d.OpenedAt, d.Deal.DealId),
            page, [await storeGroups.GroupOf(StoreId) ?? "", StoreId, .. values, opened, dealId]);
        return new Page<DealSummary>([.. rows.Items.Select(r => r.Deal)], rows.Next);
    }
}
