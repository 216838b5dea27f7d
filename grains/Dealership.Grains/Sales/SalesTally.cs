using Dealership.Contracts.Sales;

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

    /// <summary>Adds <paramref name="count"/> facts of one kind (a retail sale brings its gross profit and what was sold with it).</summary>
    public void Add(SalesFactKind kind, int count, decimal grossProfit = 0m, int withAccessories = 0, int withInsurance = 0, int withFinance = 0)
    {
        switch (kind)
        {
            case SalesFactKind.Visit: Visits += count; break;
            case SalesFactKind.Call: Calls += count; break;
            case SalesFactKind.FirstVisit: FirstVisits += count; break;
            case SalesFactKind.ProspectCardOpened: Records += count; break;
            case SalesFactKind.TestDrive: TestDrives += count; break;
            case SalesFactKind.Order: Orders += count; break;
            case SalesFactKind.Delivery: Deliveries += count; break;
            case SalesFactKind.OrderCancelled: OrdersCancelled += count; break;
            case SalesFactKind.RetailSale:
                RetailSales += count;
                GrossProfit += grossProfit;
                WithAccessories += withAccessories;
                WithInsurance += withInsurance;
                WithFinance += withFinance;
                break;
            case SalesFactKind.RetailSaleUnwound:
                // Unwound in this period: one sale fewer; its gross profit was recorded negated.
                RetailSales -= count;
                GrossProfit += grossProfit;
                WithAccessories -= withAccessories;
                WithInsurance -= withInsurance;
                WithFinance -= withFinance;
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
        GrossProfitPerUnit: RetailSales == 0 ? null : DealRules.Round(GrossProfit / RetailSales),
        AccessoryPenetration: Rate(WithAccessories, RetailSales),
        InsurancePenetration: Rate(WithInsurance, RetailSales),
        FinancePenetration: Rate(WithFinance, RetailSales),
        FollowUpsOverdue: overdue);

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : decimal.Round((decimal)part / whole, 4);
}

