using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Sales;

/// <summary>Counts of one consultant (or no one) on one local day.</summary>
public sealed class Tally
{
    public int Visits { get; set; }
    public int Calls { get; set; }
    public int FirstVisits { get; set; }
    public int Records { get; set; }
    public int TestDrives { get; set; }
    public int Orders { get; set; }
    public int RetailSales { get; set; }
    public int Deliveries { get; set; }
    public int OrdersCancelled { get; set; }
    public decimal GrossProfit { get; set; }
    public int WithAccessories { get; set; }
    public int WithInsurance { get; set; }
    public int WithFinance { get; set; }

    public void Add(SalesFact fact)
    {
        switch (fact.Kind)
        {
            case SalesFactKind.Visit: Visits++; break;
            case SalesFactKind.Call: Calls++; break;
            case SalesFactKind.FirstVisit: FirstVisits++; break;
            case SalesFactKind.Record: Records++; break;
            case SalesFactKind.TestDrive: TestDrives++; break;
            case SalesFactKind.Order: Orders++; break;
            case SalesFactKind.Delivery: Deliveries++; break;
            case SalesFactKind.OrderCancelled: OrdersCancelled++; break;
            case SalesFactKind.RetailSale:
                RetailSales++;
                GrossProfit += fact.GrossProfit;
                WithAccessories += fact.WithAccessories ? 1 : 0;
                WithInsurance += fact.WithInsurance ? 1 : 0;
                WithFinance += fact.WithFinance ? 1 : 0;
                break;
        }
    }

    public void Add(Tally other)
    {
        Visits += other.Visits;
        Calls += other.Calls;
        FirstVisits += other.FirstVisits;
        Records += other.Records;
        TestDrives += other.TestDrives;
        Orders += other.Orders;
        RetailSales += other.RetailSales;
        Deliveries += other.Deliveries;
        OrdersCancelled += other.OrdersCancelled;
        GrossProfit += other.GrossProfit;
        WithAccessories += other.WithAccessories;
        WithInsurance += other.WithInsurance;
        WithFinance += other.WithFinance;
    }

    /// <summary>The figures staff read, with the store's definitions of each rate.</summary>
    public SalesFigures Figures(int overdue) => new(
        Visits, Calls, FirstVisits, Records, TestDrives, Orders, RetailSales, Deliveries, OrdersCancelled, GrossProfit,
        RecordRate: Rate(Records, FirstVisits),
        TestDriveRate: Rate(TestDrives, FirstVisits),
        ClosingRate: Rate(Orders, FirstVisits),
        GrossProfitPerUnit: RetailSales == 0 ? null : DealMath.Round(GrossProfit / RetailSales),
        AccessoryPenetration: Rate(WithAccessories, RetailSales),
        InsurancePenetration: Rate(WithInsurance, RetailSales),
        FinancePenetration: Rate(WithFinance, RetailSales),
        FollowUpsOverdue: overdue);

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : decimal.Round((decimal)part / whole, 4);
}

public sealed class SalesNumbersState
{
    /// <summary>"yyyy-MM-dd|consultant" → counts ("" for no consultant).</summary>
    public Dictionary<string, Tally> Days { get; set; } = new(StringComparer.Ordinal);

    public HashSet<string> Counted { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> RetailBySpec { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A store's sales counters for one month. Every fact carries an id and is counted once, so a retried command or a
/// replayed call never counts twice. Reentrant with shared writes: a busy showroom updates it from many grains at once.
/// </summary>
[Reentrant]
public sealed class SalesNumbersGrain(
    [PersistentState("sales-numbers", GrainsSetup.StorageName)] IPersistentState<SalesNumbersState> state,
    StoreGroups storeGroups) : Grain, ISalesNumbersGrain, IScopedGrain
{
    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Owner;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Record(SalesFact fact)
    {
        if (!state.State.Counted.Add($"{fact.Kind}:{fact.Id}"))
        {
            return;
        }

        var key = $"{fact.LocalDate:yyyy-MM-dd}|{fact.ConsultantId}";
        if (!state.State.Days.TryGetValue(key, out var tally))
        {
            state.State.Days[key] = tally = new Tally();
        }

        tally.Add(fact);
        if (fact is { Kind: SalesFactKind.RetailSale, Spec: { } spec })
        {
            state.State.RetailBySpec[spec] = state.State.RetailBySpec.GetValueOrDefault(spec) + 1;
        }

        await Commit.Commit();
    }

    public async Task<SalesNumbersView> Get(DateOnly date, string? consultantId)
    {
        var overdue = await GrainFactory.GetGrain<IProspectIndexGrain>(GrainKeys.Store(StoreId)).OverdueByConsultant();
        var day = $"{date:yyyy-MM-dd}";
        var rows = state.State.Days
            .Select(d => (Date: d.Key[..10], Consultant: d.Key[11..], Tally: d.Value))
            .Where(r => string.CompareOrdinal(r.Date, day) <= 0)
            .ToList();
        var consultants = rows.Select(r => r.Consultant).Concat(overdue.Keys).Where(c => c.Length > 0).Distinct()
            .Where(c => consultantId is null || c == consultantId)
            .OrderBy(c => c, StringComparer.Ordinal)
            .Select(c => new ConsultantFigures(c,
                Sum(rows.Where(r => r.Consultant == c && r.Date == day)).Figures(overdue.GetValueOrDefault(c)),
                Sum(rows.Where(r => r.Consultant == c)).Figures(overdue.GetValueOrDefault(c))))
            .ToArray();
        var storeOverdue = overdue.Values.Sum();
        return new SalesNumbersView(StoreId, date,
            Sum(rows.Where(r => r.Date == day)).Figures(storeOverdue),
            Sum(rows).Figures(storeOverdue),
            consultants);
    }

    public Task<SalesFigures> Range(DateOnly from, DateOnly to)
    {
        var (first, last) = ($"{from:yyyy-MM-dd}", $"{to:yyyy-MM-dd}");
        var total = Sum(state.State.Days
            .Select(d => (Date: d.Key[..10], Consultant: d.Key[11..], Tally: d.Value))
            .Where(r => string.CompareOrdinal(r.Date, first) >= 0 && string.CompareOrdinal(r.Date, last) <= 0));
        return Task.FromResult(total.Figures(0));
    }

    public Task<IReadOnlyDictionary<string, int>> RetailBySpec() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(state.State.RetailBySpec, StringComparer.Ordinal));

    private static Tally Sum(IEnumerable<(string Date, string Consultant, Tally Tally)> rows)
    {
        var total = new Tally();
        foreach (var row in rows)
        {
            total.Add(row.Tally);
        }

        return total;
    }
}
