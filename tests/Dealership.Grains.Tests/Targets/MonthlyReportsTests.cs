using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Targets;

/// <summary>The sales manager's monthly analysis and the clerk's month-end summary, counted from the records of a real month.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MonthlyReportsTests(ClusterFixture fixture)
{
    /// <summary>
    /// A month in a store: two walk-ins asking for a Tiguan L, one lost to price and confirmed, the other bought, invoiced and
    /// delivered (its car leaves stock); a Passat arrives and stays; another car is on its way.
    /// </summary>
    private async Task<(SalesStore Store, string DealId, DateOnly Month)> AMonth()
    {
        WithinOneMonth(TimeSpan.FromHours(10)); // a delivery moves the clock 8 hours: keep every fact in one month
        var s = await SalesStore.Open(fixture);
        var lost = await s.WalkIn(s.Sc2, SalesStore.NewMobile());
        using (As(s.Sc2))
        {
            Ok(await s.Customer(lost).DeclareLost(LostReason.Price, "Found it 8,000 cheaper across town"));
        }

        using (As(s.Manager))
        {
            Ok(await s.Customer(lost).DecideLost(true, "called the customer"));
        }

        var (dealId, _) = await s.DeliveredDeal();
        await s.CarInStock(model: "Passat", trim: "330TSI", colour: "Black");
        var onTheWay = TestVins.Next();
        using (As(Caller.Platform("test")))
        {
            Ok(await s.Car(onTheWay).Register(s.Store, new NewVehicle(onTheWay, "Passat", "330TSI", "Black", 190_000m, VehicleStatus.InTransit), null));
        }

        return (s, dealId, new DateOnly(s.Today.Year, s.Today.Month, 1));
    }

    [Fact]
    public async Task The_monthly_analysis_counts_the_funnel_models_consultants_lost_reasons_penetration_and_stock_days_of_the_month()
    {
        var (s, dealId, month) = await AMonth();
        var analyses = fixture.Grains.GetGrain<IMonthlyAnalysisGrain>(GrainKeys.Store(s.Store));
        using var _ = As(s.Manager);
        var deal = Ok(await s.Deal(dealId).Get());
        var a = Ok(await analyses.Get(month));

        Assert.Equal(($"{month:yyyy-MM}", month, month.AddMonths(1).AddDays(-1), false), (a.Month, a.From, a.To, a.Closed));
        Assert.Equal((2, 2, 2, 2, 1, 0, 1, 1), (a.Funnel.Traffic, a.Funnel.Visits, a.Funnel.FirstVisits, a.Funnel.ProspectCards, a.Funnel.Orders,
            a.Funnel.OrdersCancelled, a.Funnel.RetailSales, a.Funnel.Deliveries));
        Assert.Equal(0.5m, a.Funnel.ClosingRate);
        Assert.Equal(deal.Figures.GrossProfit, a.GrossProfit);
        Assert.Equal(deal.Figures.GrossProfit, a.GrossProfitPerUnit);
        Assert.Equal((1, 1, 1m, 1m), (a.Penetration.WithAccessories, a.Penetration.WithInsurance, a.Penetration.AccessoryRate, a.Penetration.InsuranceRate));

        var tiguan = Assert.Single(a.Models, m => m.Model == "Tiguan L");
        Assert.Equal((2, 1, 1, 1, 1m, 0), (tiguan.Enquiries, tiguan.Orders, tiguan.RetailSales, tiguan.Deliveries, tiguan.ShareOfRetail, tiguan.StockAtMonthEnd));
        Assert.Equal(deal.Figures.GrossProfit, tiguan.GrossProfit);
        Assert.InRange(tiguan.AverageDaysToSell!.Value, 0m, 1m); // in and out within the 8 hours of the delivery
        var passat = Assert.Single(a.Models, m => m.Model == "Passat");
        Assert.Equal((0, 0, 1, null), (passat.Enquiries, passat.RetailSales, passat.StockAtMonthEnd, passat.AverageDaysToSell));

        var sc1 = Assert.Single(a.Consultants, c => c.ConsultantId == s.Sc1.StaffId);
        var sc2 = Assert.Single(a.Consultants, c => c.ConsultantId == s.Sc2.StaffId);
        Assert.Equal((1, 1, 1, 0), (sc1.Funnel.FirstVisits, sc1.Funnel.Orders, sc1.Funnel.RetailSales, sc1.ProspectsLost));
        Assert.Equal((1, 0, 1), (sc2.Funnel.FirstVisits, sc2.Funnel.Orders, sc2.ProspectsLost));
        Assert.Equal(deal.Figures.GrossProfit, sc1.GrossProfit);

        var reason = Assert.Single(a.LostReasons);
        Assert.Equal(("Price", 1, 1m), (reason.Reason, reason.Prospects, reason.Share));
        Assert.Equal((1, 0, 1), (a.Stock.StockAtMonthEnd, a.Stock.AgedAtMonthEnd, a.Stock.SoldFromStock));
        Assert.NotNull(a.Stock.DaysOfSupply);

        Assert.Equal("month", Assert.Single((await analyses.Get(month.AddMonths(1))).Problem!.Errors!).Key);
        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await analyses.Get(month)).Problem?.Code);
        }
    }

    [Fact]
    public async Task The_month_end_summary_reconciles_the_months_stock_ledger_by_model_with_the_months_sales()
    {
        var (s, _, month) = await AMonth();
        var summaries = fixture.Grains.GetGrain<IMonthEndSummaryGrain>(GrainKeys.Store(s.Store));
        using var _ = As(s.Gm);
        var m = Ok(await summaries.Get(month));

        // In: the Tiguan L sold and the Passat; out: the Tiguan L at its handover. Nothing was here before the month.
        Assert.Equal(new StockMovement("", 0, 2, 0, 0, 1, 0, 0, 1), m.Stock);
        Assert.Equal(new StockMovement("Passat", 0, 1, 0, 0, 0, 0, 0, 1), Assert.Single(m.Models, x => x.Model == "Passat"));
        Assert.Equal(new StockMovement("Tiguan L", 0, 1, 0, 0, 1, 0, 0, 0), Assert.Single(m.Models, x => x.Model == "Tiguan L"));
        Assert.Equal((1, 0, 1, 1), (m.Orders, m.OrdersCancelled, m.RetailSales, m.Deliveries));
        Assert.Equal((1, 0, 1, 2m), (m.StockForSaleAtMonthEnd, m.AgedAtMonthEnd, m.InTransitAtMonthEnd, m.InventoryCoefficient));
        Assert.Equal(($"{month.AddMonths(1):yyyy-MM}", (Dealership.Contracts.Reports.OemOrderStatus?)null), (m.NextOemOrderMonth, m.NextOemOrderStatus));

        using (As(s.Sc1))
        {
            Assert.Equal("forbidden", (await summaries.Get(month)).Problem?.Code);
        }
    }

    [Fact]
    public async Task A_past_month_reads_as_it_closed_from_its_own_records()
    {
        var s = await SalesStore.Open(fixture);
        var thisMonth = new DateOnly(s.Today.Year, s.Today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        await fixture.RetailSale(s.Group, s.Store, "past-1", lastMonth.AddDays(3), "Arteon|380TSI|Blue");
        await fixture.RetailSale(s.Group, s.Store, "past-2", lastMonth.AddDays(20), "Arteon|380TSI|Grey");
        await fixture.RetailSale(s.Group, s.Store, "before", lastMonth.AddDays(-1), "Arteon|380TSI|Grey");

        using var _ = As(s.Gm);
        var past = Ok(await fixture.Grains.GetGrain<IMonthlyAnalysisGrain>(GrainKeys.Store(s.Store)).Get(lastMonth));
        Assert.True(past.Closed);
        Assert.Equal((2, 2), (past.Funnel.RetailSales, Assert.Single(past.Models).RetailSales));
        Assert.Equal("Arteon", past.Models[0].Model);
        var now = Ok(await fixture.Grains.GetGrain<IMonthlyAnalysisGrain>(GrainKeys.Store(s.Store)).Get(thisMonth));
        Assert.Equal((0, 0), (now.Funnel.RetailSales, now.Models.Count));
        Assert.Equal(2, Ok(await fixture.Grains.GetGrain<IMonthEndSummaryGrain>(GrainKeys.Store(s.Store)).Get(lastMonth)).RetailSales);
    }
}
