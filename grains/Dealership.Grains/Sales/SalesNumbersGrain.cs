using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Sales;

/// <summary>
/// A store's sales numbers, counted with SQL over the facts each change writes with its own state (a visit with its register
/// entry, an order with the signed deal, a retail sale with the invoice). Nothing is kept here: the rows are the counters.
/// </summary>
[StatelessWorker]
public sealed class SalesNumbersGrain(Database database, StoreGroups storeGroups) : Grain, ISalesNumbersGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<SalesNumbersView> Get(DateOnly date, string? consultantId)
    {
        var overdue = await GrainFactory.GetGrain<ICustomerListGrain>(GrainKeys.Store(StoreId)).OverdueByConsultant();
        var rows = await Counts(new DateOnly(date.Year, date.Month, 1), date);
        var consultants = rows.Select(r => r.Consultant).Concat(overdue.Keys).Where(c => c.Length > 0).Distinct()
            .Where(c => consultantId is null || c == consultantId)
            .OrderBy(c => c, StringComparer.Ordinal)
            .Select(c => new ConsultantFigures(c,
                Sum(rows.Where(r => r.Consultant == c && r.Date == date)).Figures(overdue.GetValueOrDefault(c)),
                Sum(rows.Where(r => r.Consultant == c)).Figures(overdue.GetValueOrDefault(c))))
            .ToArray();
        var storeOverdue = overdue.Values.Sum();
        return new SalesNumbersView(StoreId, date, Sum(rows.Where(r => r.Date == date)).Figures(storeOverdue), Sum(rows).Figures(storeOverdue), consultants);
    }

    public async Task<SalesFigures> Range(DateOnly from, DateOnly to) => Sum(await Counts(from, to)).Figures(0);

    public async Task<IReadOnlyDictionary<string, int>> RetailBySpec(DateOnly from, DateOnly to) =>
        (await database.List(
            "SELECT spec, sum(CASE kind WHEN 'RetailSale' THEN 1 ELSE -1 END)::int FROM sales_facts WHERE group_id = $1 AND store_id = $2 " +
            "AND kind IN ('RetailSale', 'RetailSaleUnwound') AND local_date BETWEEN $3 AND $4 " +
            "AND spec IS NOT NULL GROUP BY spec",
            r => (Spec: r.GetString(0), Count: r.GetInt32(1)), await Group(), StoreId, from, to))
            .ToDictionary(r => r.Spec, r => r.Count, StringComparer.Ordinal);

    /// <summary>The facts of the days <paramref name="from"/> to <paramref name="to"/>, counted per day, consultant and kind.</summary>
    private async Task<List<(DateOnly Date, string Consultant, Tally Tally)>> Counts(DateOnly from, DateOnly to) =>
        await database.List(
            "SELECT local_date, coalesce(consultant_id, ''), kind, count(*)::int, coalesce(sum(gross_profit), 0), " +
            "count(*) FILTER (WHERE with_accessories)::int, count(*) FILTER (WHERE with_insurance)::int, count(*) FILTER (WHERE with_finance)::int " +
            "FROM sales_facts WHERE group_id = $1 AND store_id = $2 AND local_date BETWEEN $3 AND $4 GROUP BY 1, 2, 3",
            r =>
            {
                var tally = new Tally();
                tally.Add(Enum.Parse<SalesFactKind>(r.GetString(2)), r.GetInt32(3), r.GetDecimal(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7));
                return (r.GetFieldValue<DateOnly>(0), r.GetString(1), tally);
            },
            await Group(), StoreId, from, to);

    private static Tally Sum(IEnumerable<(DateOnly Date, string Consultant, Tally Tally)> rows)
    {
        var total = new Tally();
        foreach (var row in rows)
        {
            total.Add(row.Tally);
        }

        return total;
    }

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? "";
}
