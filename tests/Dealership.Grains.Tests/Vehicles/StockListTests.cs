using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Vehicles;

/// <summary>The figures under a store's stock list, read from the cluster over the store's cars and its retail sales.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StockListTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_inventory_coefficient_divides_by_the_retail_sales_of_the_last_30_days_and_names_them()
    {
        // A fresh store, so its sales are only this test's; the shared clock is read, never moved.
        var s = await SalesStore.Open(fixture);
        var clerk = await fixture.NewStaff(s.Group, StaffRole.SalesInformationClerk, s.Store);
        var list = fixture.Grains.GetGrain<IVehicleListGrain>(GrainKeys.Store(s.Store));
        var today = s.Today;
        var basisFrom = today.AddDays(-29);
        const int forSale = 4;
        for (var i = 0; i < forSale; i++)
        {
            await s.CarInStock();
        }

        await s.CarInStock(demo: true);

        using (As(clerk))
        {
            var none = Ok(await list.Stock(StockFilter.All, PageRequest.All)).Figures;
            Assert.Equal((0, null, true), (none.RetailSalesLast30Days, none.InventoryCoefficient, none.NoRetailSalesInBasis));
        }

        // A deal invoiced today: its car is sold, out of the stock for sale, and a retail sale of today.
        var (dealId, _) = await s.SignedDealWithCar();
        using (As(s.Cashier))
        {
            var due = Ok(await s.Deal(dealId).Get()).Figures.CashDue;
            Ok(await s.Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Payment, PaymentMethod.BankTransfer, due, null), null));
            Ok(await s.Deal(dealId).IssueInvoice(null));
        }

        // Earlier sales: three on the first day of the 30 (most days of a month, in the month before), one the day before them.
        const int onFirstDay = 3;
        for (var i = 0; i < onFirstDay; i++)
        {
            await fixture.RetailSale(s.Group, s.Store, $"first-day-{i}", basisFrom, "Tiguan L|330TSI|White");
        }

        await fixture.RetailSale(s.Group, s.Store, "before-the-basis", basisFrom.AddDays(-1), "Tiguan L|330TSI|White");

        using (As(clerk))
        {
            var stock = Ok(await list.Stock(StockFilter.All, PageRequest.All));
            var figures = stock.Figures;
            bool ThisMonth(DateOnly day) => (day.Year, day.Month) == (today.Year, today.Month);
            var last30Days = 1 + onFirstDay;
            var thisMonth = 1 + (ThisMonth(basisFrom) ? onFirstDay : 0) + (ThisMonth(basisFrom.AddDays(-1)) ? 1 : 0);

            Assert.Equal(today, stock.Date);
            Assert.Equal(1, figures.SoldAwaitingDelivery);
            Assert.Equal((last30Days, thisMonth, false), (figures.RetailSalesLast30Days, figures.RetailSalesThisMonth, figures.NoRetailSalesInBasis));

            // (4 cars for sale; the demo car and the sold one left out) ÷ 4 sales in the 30 days: 1.00, no warning, whatever the day of the month.
            Assert.Equal(decimal.Round((decimal)forSale / last30Days, 2), figures.InventoryCoefficient);
            Assert.False(figures.CoefficientWarning);
            Assert.Equal($"retail sales of the last 30 days, {basisFrom:yyyy-MM-dd} to {today:yyyy-MM-dd}", figures.CoefficientBasis);
        }
    }
}
