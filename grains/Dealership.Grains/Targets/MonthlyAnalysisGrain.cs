using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Grains.Common;
using Dealership.Grains.Sales;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Targets;

/// <summary>
/// The monthly sales analysis, made from the records when asked: the sales facts (funnel, gross profit, penetration, lost reasons,
/// by consultant and by model), the register (enquiries by model), the month's targets and the stock ledger (stock days).
/// Models are matched without regard to case, as staff type them.
/// </summary>
[StatelessWorker]
public sealed class MonthlyAnalysisGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IMonthlyAnalysisGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<MonthlyAnalysis>> Get(DateOnly month)
    {
        if (Roles.Refused("read the monthly sales analysis", RoleSets.SalesAnalysisReaders) is { } refused)
        {
            return refused;
        }

        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var now = clock.GetUtcNow();
        var period = MonthPeriod.Of(month, store, now);
        if (!period.IsOk || store is null)
        {
            return period.Problem ?? Problem.NotFound($"Store '{StoreId}'");
        }

        var p = period.Value!;
        var group = store.GroupId;
        var facts = await database.List(
            "SELECT coalesce(consultant_id, ''), kind, count(*)::int, coalesce(sum(gross_profit), 0), count(*) FILTER (WHERE with_accessories)::int, " +
            "count(*) FILTER (WHERE with_insurance)::int, count(*) FILTER (WHERE with_finance)::int " +
            "FROM sales_facts WHERE group_id = $1 AND store_id = $2 AND local_date BETWEEN $3 AND $4 GROUP BY 1, 2",
            r => (Consultant: r.GetString(0), Kind: Enum.Parse<SalesFactKind>(r.GetString(1)), Count: r.GetInt32(2), Profit: r.GetDecimal(3),
                Accessories: r.GetInt32(4), Insurance: r.GetInt32(5), Finance: r.GetInt32(6)),
            group, StoreId, p.First, p.Last);
        var byModel = await database.List(
            "SELECT split_part(spec, '|', 1), kind, count(*)::int, coalesce(sum(gross_profit), 0) FROM sales_facts " +
            "WHERE group_id = $1 AND store_id = $2 AND local_date BETWEEN $3 AND $4 AND spec IS NOT NULL " +
            "AND kind IN ('Order', 'OrderCancelled', 'RetailSale', 'RetailSaleUnwound', 'Delivery') GROUP BY 1, 2",
            r => (Model: r.GetString(0), Kind: Enum.Parse<SalesFactKind>(r.GetString(1)), Count: r.GetInt32(2), Profit: r.GetDecimal(3)),
            group, StoreId, p.First, p.Last);
        var enquiries = await database.List(
            "SELECT model_of_interest, count(*)::int FROM register_entries WHERE group_id = $1 AND store_id = $2 AND local_date BETWEEN $3 AND $4 " +
            "AND model_of_interest IS NOT NULL AND model_of_interest <> '' GROUP BY 1",
            r => (Model: r.GetString(0), Count: r.GetInt32(1)), group, StoreId, p.First, p.Last);
        var lost = await database.List(
            "SELECT coalesce(reason, 'Other'), coalesce(consultant_id, ''), count(*)::int FROM sales_facts " +
            "WHERE group_id = $1 AND store_id = $2 AND local_date BETWEEN $3 AND $4 AND kind = 'ProspectLost' GROUP BY 1, 2",
            r => (Reason: r.GetString(0), Consultant: r.GetString(1), Count: r.GetInt32(2)), group, StoreId, p.First, p.Last);
        var targets = (await database.List(
            "SELECT consultant_id, units, gross_profit FROM sales_targets WHERE store_id = $1 AND year = $2 AND month = $3",
            r => (Consultant: r.GetString(0), Units: r.GetInt32(1), Profit: r.GetDecimal(2)), StoreId, p.First.Year, p.First.Month))
            .ToDictionary(t => t.Consultant, StringComparer.Ordinal);
        var stock = await MonthStock.ByModel(database, group, StoreId, p, store.Profile.TimeZoneId, store.Policies.AgedStockDays);

        var tallies = facts.GroupBy(f => f.Consultant, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var tally = new Tally();
            foreach (var f in g)
            {
                tally.Add(f.Kind, f.Count, f.Profit, f.Accessories, f.Insurance, f.Finance);
            }

            return tally;
        }, StringComparer.Ordinal);
        var total = new Tally();
        foreach (var t in tallies.Values)
        {
            total.Add(t);
        }

        var lostBy = lost.GroupBy(l => l.Consultant, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Count), StringComparer.Ordinal);
        var consultants = tallies.Keys.Concat(targets.Keys).Concat(lostBy.Keys).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(c =>
            {
                var tally = tallies.GetValueOrDefault(c) ?? new Tally();
                var target = targets.GetValueOrDefault(c);
                return new ConsultantAnalysis(c, Funnel(tally), decimal.Round(tally.GrossProfit, 2), PerUnit(tally), PenetrationOf(tally),
                    TargetRules.Figures(target.Units, target.Profit, tally.Orders - tally.OrdersCancelled, tally.RetailSales, tally.Deliveries,
                        decimal.Round(tally.GrossProfit, 2)),
                    lostBy.GetValueOrDefault(c));
            })
            .ToArray();
        var lostTotal = lost.Sum(l => l.Count);
        var reasons = lost.GroupBy(l => l.Reason, StringComparer.Ordinal)
            .Select(g => new LostReasonCount(g.Key, g.Sum(l => l.Count), Rate(g.Sum(l => l.Count), lostTotal)))
            .OrderByDescending(r => r.Prospects).ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToArray();
        var storeTarget = targets.GetValueOrDefault("");
        var sold = stock.Sum(s => s.Sold);
        var forSale = stock.Sum(s => s.ForSale);
        // Days of supply at the month's pace: its retail sales per day gone (the whole month once it has closed).
        var (daysGone, _) = TargetRules.TimeGone(p.First, p.Cut, StoreFacts.Zone(store));
        return new MonthlyAnalysis(StoreId, p.Name, p.First, p.Last, p.Closed, Funnel(total), decimal.Round(total.GrossProfit, 2), PerUnit(total),
            PenetrationOf(total),
            TargetRules.Figures(storeTarget.Units, storeTarget.Profit, total.Orders - total.OrdersCancelled, total.RetailSales, total.Deliveries,
                decimal.Round(total.GrossProfit, 2)),
            Models(byModel, enquiries, stock, total.RetailSales), consultants, reasons,
            new StockDays(forSale, MonthStock.Average(stock.Sum(s => s.AgeDays), forSale), stock.Sum(s => s.Aged), sold,
                MonthStock.Average(stock.Sum(s => s.DaysToSell), sold),
                total.RetailSales == 0 || daysGone == 0 ? null : decimal.Round(forSale * daysGone / total.RetailSales, 1)),
            now,
            (await GrainFactory.GetGrain<IRetentionNumbersGrain>(GrainKeys.Store(StoreId)).Get(month)).Value);
    }

    private static ModelAnalysis[] Models(List<(string Model, SalesFactKind Kind, int Count, decimal Profit)> facts,
        List<(string Model, int Count)> enquiries, IReadOnlyList<ModelStock> stock, int retailSales)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in stock.Select(s => s.Movement.Model).Concat(facts.Select(f => f.Model)).Concat(enquiries.Select(e => e.Model)))
        {
            names.TryAdd(name.Trim(), name.Trim());
        }

        return [.. names.Values.Order(StringComparer.Ordinal).Select(model =>
        {
            bool Is(string m) => string.Equals(m.Trim(), model, StringComparison.OrdinalIgnoreCase);
            int Count(SalesFactKind kind) => facts.Where(f => f.Kind == kind && Is(f.Model)).Sum(f => f.Count);
            var retail = Count(SalesFactKind.RetailSale) - Count(SalesFactKind.RetailSaleUnwound);
            var profit = decimal.Round(facts.Where(f => f.Kind is SalesFactKind.RetailSale or SalesFactKind.RetailSaleUnwound && Is(f.Model))
                .Sum(f => f.Profit), 2);
            var cars = stock.Where(s => Is(s.Movement.Model)).ToList();
            return new ModelAnalysis(model, enquiries.Where(e => Is(e.Model)).Sum(e => e.Count), Count(SalesFactKind.Order),
                Count(SalesFactKind.OrderCancelled), retail, Count(SalesFactKind.Delivery), profit,
                retail == 0 ? null : DealRules.Round(profit / retail), Rate(retail, retailSales), cars.Sum(c => c.ForSale),
                MonthStock.Average(cars.Sum(c => c.DaysToSell), cars.Sum(c => c.Sold)));
        })];
    }

    private static SalesFunnel Funnel(Tally t)
    {
        var f = t.Figures(0);
        return new SalesFunnel(t.Visits + t.Calls, t.Visits, t.Calls, t.FirstVisits, t.Records, t.TestDrives, t.Orders, t.OrdersCancelled,
            t.RetailSales, t.Deliveries, f.RecordRate, f.TestDriveRate, f.ClosingRate);
    }

    private static Penetration PenetrationOf(Tally t)
    {
        var f = t.Figures(0);
        return new Penetration(t.RetailSales, t.WithAccessories, t.WithInsurance, t.WithFinance, f.AccessoryPenetration, f.InsurancePenetration,
            f.FinancePenetration);
    }

    private static decimal? PerUnit(Tally t) => t.Figures(0).GrossProfitPerUnit;

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : decimal.Round((decimal)part / whole, 4);
}
