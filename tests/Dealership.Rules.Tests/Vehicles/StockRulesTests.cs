using Dealership.Grains.Stores;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Vehicles;

namespace Dealership.Rules.Tests.Vehicles;

public sealed class StockRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // 2026-11-28 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private static VehicleSummary Car(string vin, VehicleStatus status, int daysAgo, bool demo = false, FloorPlan? plan = null,
        CertificateLocation certificate = CertificateLocation.InSafe) =>
        new(vin, "Lavida", "1.5L", "White", status, demo, daysAgo < 0 ? null : Now.AddDays(-daysAgo), 1, certificate, plan);

    private static int Ledger(params string[] vins) => vins.Length;

    private static RetailSales Sales(int last30Days, int thisMonth = 0) => new(thisMonth, last30Days);

    [Fact]
    public void Days_in_stock_count_local_calendar_days_and_aged_means_beyond_the_threshold()
    {
        // Came in at 23:30 Shanghai time on the 25th: three local days on the 28th, although less than 59 hours.
        var lateArrival = new VehicleSummary("V1", "Lavida", "1.5L", "White", VehicleStatus.InStock, false,
            new DateTimeOffset(2026, 11, 25, 15, 30, 0, TimeSpan.Zero), 1);
        var report = StockRules.Report("s", [lateArrival, Car("V2", VehicleStatus.InStock, 90), Car("V3", VehicleStatus.Reserved, 91)],
            Ledger("V1", "V2", "V3"), Sales(4), Now, Shanghai, 90, StockFilter.All);

        Assert.Equal([3, 90, 91], report.Rows.OrderBy(r => r.Vin).Select(r => r.DaysInStock));
        Assert.Equal(["V3"], report.Rows.Where(r => r.Aged).Select(r => r.Vin));
        Assert.Equal(1, report.Figures.Aged);
        Assert.Equal(new DateOnly(2026, 11, 28), report.Date);
    }

    [Fact]
    public void The_inventory_coefficient_leaves_demo_cars_out_and_counts_cars_in_transit()
    {
        var cars = new[]
        {
            Car("A", VehicleStatus.InStock, 10), Car("B", VehicleStatus.InStock, 20), Car("C", VehicleStatus.Reserved, 5),
            Car("D", VehicleStatus.InTransit, -1), Car("E", VehicleStatus.InStock, 30, demo: true), Car("F", VehicleStatus.Ordered, -1),
            Car("G", VehicleStatus.Delivered, 40),
        };

        var report = StockRules.Report("s", cars, Ledger("A", "B", "C", "E"), Sales(2), Now, Shanghai, 90, StockFilter.All);

        // (A, B, C in stock + D in transit) ÷ 2 retail sales; E is a demo car, F only ordered, G gone.
        Assert.Equal(2.00m, report.Figures.InventoryCoefficient);
        Assert.True(report.Figures.CoefficientWarning);
        Assert.Equal((4, 1, 1, 1), (report.Figures.InStock, report.Figures.InTransit, report.Figures.Reserved, report.Figures.DemoCars));
        Assert.Equal(report.Figures.InStock, report.Figures.OnHandByLedger);
        Assert.DoesNotContain(report.Rows, r => r.Vin == "G");
        Assert.Equal(1.33m, StockRules.Report("s", cars, Ledger(), Sales(3), Now, Shanghai, 90, StockFilter.All).Figures.InventoryCoefficient);
    }

    [Fact]
    public void On_the_2nd_of_the_month_the_coefficient_divides_by_the_last_30_days_and_says_so()
    {
        // 2026-12-02: one retail sale so far this month, nine in the last 30 days, eight cars in the pipeline.
        var now = new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
        var cars = Enumerable.Range(0, 8).Select(i => new VehicleSummary($"V{i}", "Lavida", "1.5L", "White", VehicleStatus.InStock, false,
            now.AddDays(-10), 1)).ToArray();

        var figures = StockRules.Report("s", cars, 8, Sales(last30Days: 9, thisMonth: 1), now, Shanghai, 90, StockFilter.All).Figures;

        Assert.Equal(0.89m, figures.InventoryCoefficient);
        Assert.False(figures.CoefficientWarning);
        Assert.Equal((1, 9), (figures.RetailSalesThisMonth, figures.RetailSalesLast30Days));
        Assert.Equal("retail sales of the last 30 days, 2026-11-03 to 2026-12-02", figures.CoefficientBasis);
    }

    [Fact]
    public void A_transferred_car_keeps_its_days_since_arrival_in_the_group_and_is_aged_on_them()
    {
        var transferred = new VehicleSummary("T", "Lavida", "1.5L", "White", VehicleStatus.InStock, false, Now.AddDays(-2), 3,
            ArrivedInGroup: Now.AddDays(-95));

        var row = StockRules.Report("s", [transferred], 1, Sales(1), Now, Shanghai, 90, StockFilter.All).Rows.Single();

        Assert.Equal((2, 95, true), (row.DaysInStock, row.DaysSinceArrival, row.Aged));
    }

    [Fact]
    public void A_car_sold_and_awaiting_its_handover_is_its_own_figure_and_closes_the_gap_to_the_ledger()
    {
        var cars = new[] { Car("A", VehicleStatus.InStock, 10), Car("B", VehicleStatus.Reserved, 12), Car("S", VehicleStatus.Sold, 15) };

        var report = StockRules.Report("s", cars, Ledger("A", "B", "S"), Sales(1), Now, Shanghai, 90, StockFilter.All);

        Assert.Equal((2, 1, 3), (report.Figures.InStock, report.Figures.SoldAwaitingDelivery, report.Figures.OnHandByLedger));
        Assert.Equal(report.Figures.OnHandByLedger, report.Figures.InStock + report.Figures.SoldAwaitingDelivery);
        Assert.DoesNotContain(report.Rows, r => r.Vin == "S");
    }

    [Fact]
    public void A_month_without_retail_sales_is_flagged_not_divided_by_zero()
    {
        var report = StockRules.Report("s", [Car("A", VehicleStatus.InStock, 3)], Ledger("A"), Sales(0), Now, Shanghai, 90, StockFilter.All);

        Assert.Null(report.Figures.InventoryCoefficient);
        Assert.True(report.Figures.NoRetailSalesInBasis);
        Assert.False(report.Figures.CoefficientWarning);
    }

    [Fact]
    public void Overdue_floor_plans_and_missing_certificates_are_flagged_and_filters_narrow_the_rows_but_not_the_figures()
    {
        var cars = new[]
        {
            Car("A", VehicleStatus.InStock, 100, plan: new FloorPlan("Ping An Bank", new DateOnly(2026, 11, 27))),
            Car("B", VehicleStatus.InStock, 5, plan: new FloorPlan("Ping An Bank", new DateOnly(2026, 11, 28)), certificate: CertificateLocation.NotYetReceived),
            Car("C", VehicleStatus.InStock, 5, demo: true),
        };

        var aged = StockRules.Report("s", cars, Ledger("A", "B", "C"), Sales(1), Now, Shanghai, 90, new StockFilter(AgedOnly: true));
        var demo = StockRules.Report("s", cars, Ledger("A", "B", "C"), Sales(1), Now, Shanghai, 90, new StockFilter(Demo: true));

        Assert.Equal(["A"], aged.Rows.Select(r => r.Vin));
        Assert.True(aged.Rows[0].FloorPlanOverdue);
        Assert.Equal(["C"], demo.Rows.Select(r => r.Vin));
        Assert.Equal((1, 1, 3), (aged.Figures.FloorPlanOverdue, aged.Figures.CertificatesNotReceived, aged.Figures.InStock));
    }

    [Theory]
    // Shanghai has no daylight saving: Friday 17:00 is always 09:00 UTC.
    [InlineData("Asia/Shanghai", "2026-10-20T00:00:00Z", "2026-10-23T09:00:00Z")]
    [InlineData("Asia/Shanghai", "2026-10-27T00:00:00Z", "2026-10-30T09:00:00Z")]
    // Berlin leaves summer time on 25 October 2026: 17:00 is 15:00 UTC before and 16:00 UTC after.
    [InlineData("Europe/Berlin", "2026-10-20T00:00:00Z", "2026-10-23T15:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-27T00:00:00Z", "2026-10-30T16:00:00Z")]
    // Exactly at the deadline, the next one is a week later.
    [InlineData("Europe/Berlin", "2026-10-30T16:00:00Z", "2026-11-06T16:00:00Z")]
    public void The_weekly_deadline_is_the_stores_local_Friday_1700_whatever_the_season(string zoneId, string now, string expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var due = ScheduleRules.NextWeekly(DateTimeOffset.Parse(now), zone, DayOfWeek.Friday, new TimeOnly(17, 0));
        Assert.Equal(DateTimeOffset.Parse(expected), due);
        Assert.Equal(17, TimeZoneInfo.ConvertTime(due, zone).Hour);
    }
}
