using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Grains.Ownership;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Ownership;

/// <summary>
/// A store's accounting vouchers on the cluster and PostgreSQL: the day's match its invoices and payments and balance; finance
/// closes a day once it is over and in order; a closed day reads the same after the mapping changes and after a later credit
/// note, which lands on its own day.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class VoucherBookTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_day_s_vouchers_match_its_invoice_and_payments_and_stay_as_closed()
    {
        var s = await SalesStore.Open(fixture);
        var book = fixture.Grains.GetGrain<IVoucherBookGrain>(GrainKeys.Store(s.Store));
        var (dealId, _) = await s.DeliveredDeal();
        Outcome<Dealership.Contracts.Sales.DealView> deal;
        using (As(s.Finance))
        {
            deal = await s.Deal(dealId).Get();
        }

        var invoice = deal.Value!.Invoice!;
        var day = DateOnly.FromDateTime(invoice.IssuedAt.ToOffset(TimeSpan.FromHours(8)).DateTime);

        using (As(s.Sc1))
        {
            Assert.Equal(ProblemKind.Forbidden, (await book.Day(day)).Problem?.Kind);
        }

        VoucherDay open;
        using (As(s.Finance))
        {
            open = Ok(await book.Day(day));
            Assert.False(open.Closed);
            Assert.All(open.Vouchers, v => Assert.Equal(v.Debit, v.Credit));
            var sale = Assert.Single(open.Vouchers, v => v.Source == $"invoice:{invoice.Number}");
            // The customer owes the invoice and the fees the store collects for others (the plates), less any car traded in.
            Assert.Equal(invoice.Amount + deal.Value.Figures.Fees, sale.Entries.Where(e => e.Account == VoucherAccount.CustomerReceivables).Sum(e => e.Debit));
            Assert.Equal(deal.Value.Figures.Fees, sale.Entries.Where(e => e.Account == VoucherAccount.PassThroughPayables).Sum(e => e.Credit));
            Assert.Equal(invoice.Vat, sale.Entries.Where(e => e.Account == VoucherAccount.OutputVat).Sum(e => e.Credit));
            // The car's cost leaves the stock net of VAT, as the stock holds it.
            var cost = deal.Value.Terms.VehicleCost;
            Assert.Equal(cost - VoucherRules.VatIn(cost, deal.Value.Figures.VatRate),
                sale.Entries.Where(e => e.Account == VoucherAccount.VehicleCostOfSales).Sum(e => e.Debit));

            // What the customer paid that day reached the receivable: the invoice is settled in the day's vouchers.
            var paid = open.Vouchers.Where(v => v.Source.StartsWith($"deal-payment:{dealId}:", StringComparison.Ordinal))
                .SelectMany(v => v.Entries).Where(e => e.Account == VoucherAccount.CustomerReceivables).Sum(e => e.Credit);
            Assert.Equal(deal.Value.Figures.CashDue, paid);
            // The store's today is not over (the handover may have carried the clock past the invoice's day, which may close).
            Assert.Equal("day-not-over", (await book.Close(s.Today, null)).Problem?.Code);
        }

        Clock.Advance(TimeSpan.FromDays(1));
        VoucherDay closed;
        using (As(s.Finance))
        {
            closed = Ok(await book.Close(day, "close-1"));
            Assert.True(closed.Closed);
            Assert.Equal(open.Vouchers, closed.Vouchers, VoucherComparer.Instance);
            Assert.Equal(closed, Ok(await book.Close(day, "close-1")), DayComparer.Instance);
            Assert.Equal("day-closed", (await book.Close(day, null)).Problem?.Code);
            // The day before the store opened has no records to close: a typed year never starts the chain of closed days.
            Assert.Equal("invalid-input", (await book.Close(day.AddDays(-1), null)).Problem?.Code);
        }

        // The store maps sales revenue to its own account; then the sale is unwound.
        using (As(s.Gm))
        {
            var settings = VoucherRules.Defaults with
            {
                Accounts = [.. VoucherRules.Defaults.Accounts.Select(a => a.Account == VoucherAccount.VehicleSalesRevenue ? a with { Code = "6001.01", Name = "主营业务收入-新车" } : a)],
            };
            Ok(await book.SetSettings(settings, null));
            Ok(await s.Deal(dealId).Unwind("客户退车", null));
        }

        using (As(s.Finance))
        {
            Assert.Equal(closed, Ok(await book.Day(day)), DayComparer.Instance);
            var today = Ok(await book.Day(s.Today));
            var creditNote = (await s.Deal(dealId).Get()).Value!.CreditNote!;
            var reversal = Assert.Single(today.Vouchers, v => v.Source == $"invoice:{creditNote.Number}");
            Assert.Equal(-(invoice.Amount + deal.Value.Figures.Fees), reversal.Entries.Where(e => e.Account == VoucherAccount.CustomerReceivables).Sum(e => e.Debit));
            Assert.Contains(reversal.Entries, e => e.Code == "6001.01" && e.Credit < 0);
            Assert.Equal(reversal.Debit, reversal.Credit);
            Assert.True(today.Vouchers[0].Number > closed.Vouchers.Max(v => v.Number) || today.Day.Month != day.Month);
        }
    }

    private sealed class VoucherComparer : IEqualityComparer<Voucher>
    {
        public static readonly VoucherComparer Instance = new();

        public bool Equals(Voucher? x, Voucher? y) =>
            x is not null && y is not null && x.Number == y.Number && x.Summary == y.Summary && x.Source == y.Source && x.Entries.SequenceEqual(y.Entries);

        public int GetHashCode(Voucher obj) => obj.Number;
    }

    private sealed class DayComparer : IEqualityComparer<VoucherDay>
    {
        public static readonly DayComparer Instance = new();

        public bool Equals(VoucherDay? x, VoucherDay? y) =>
            x is not null && y is not null && x.Day == y.Day && x.Closed == y.Closed && x.ClosedBy == y.ClosedBy
            && (x.ClosedAt - y.ClosedAt)?.Duration() < TimeSpan.FromMilliseconds(1) && x.Vouchers.SequenceEqual(y.Vouchers, VoucherComparer.Instance);

        public int GetHashCode(VoucherDay obj) => obj.Day.GetHashCode();
    }
}
