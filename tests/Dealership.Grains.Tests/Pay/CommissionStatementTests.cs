using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Pay;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Storage;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Pay;

/// <summary>
/// The month's commission statements on the cluster and PostgreSQL: the sales manager adjusts a line only with a reason and submits
/// the ended month, the general manager returns or approves it, an approved month never changes, a consultant sees only their own;
/// a sale unwound after its month was locked is charged back in the month of the unwind at what its line paid, one unwound before
/// simply drops out. And the unwind itself (退车): the general manager's, with a credit note, the car back in stock.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CommissionStatementTests(ClusterFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_month_is_adjusted_with_reasons_submitted_returned_approved_and_then_locked_and_a_later_unwind_is_charged_back()
    {
        var s = await SalesStore.Open(fixture);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(China).DateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        // Last month's plan as the store kept it then: 1,000 a unit.
        await fixture.Scalar<int>(
            "INSERT INTO incentive_plans (group_id, store_id, effective_from, plan, set_at, set_by) VALUES ($1, $2, $3, $4::jsonb, now(), 'sm') RETURNING 1",
            s.Group, s.Store, lastMonth, JsonSerializer.Serialize(new IncentivePlan("old plan", lastMonth, [new("*", 1_000m)], 0m, 0m, 0m, 0m, 0m, [], [], []),
                GrainStateStore.Json));
        var a = await Sale(s, s.Sc1.StaffId, lastMonth.AddDays(3));
        var b = await Sale(s, s.Sc1.StaffId, lastMonth.AddDays(9));
        var c = await Sale(s, s.Sc2.StaffId, lastMonth.AddDays(20));
        var last = Statements(s, lastMonth);

        using (As(s.Sc1))
        {
            var mine = Ok(await last.Get());
            Assert.Equal((s.Sc1.StaffId, 2_000m), (Assert.Single(mine.Consultants).ConsultantId, mine.Total)); // their own only
            Assert.Equal(ProblemKind.Forbidden, (await last.Adjust(new(a, 5_000m, "I say so"), null)).Problem?.Kind);
            Assert.Equal(ProblemKind.Forbidden, (await last.Submit(null)).Problem?.Kind);
        }

        using (As(s.Manager))
        {
            Assert.Equal("reason", (await last.Adjust(new(a, 1_500m, " "), null)).Problem?.Errors?.Keys.Single());
            Assert.Equal("dealId", (await last.Adjust(new("dl-not-a-sale", 1_500m, "bonus"), null)).Problem?.Errors?.Keys.Single());
            var adjusted = Ok(await last.Adjust(new(a, 1_500m, "model year change-over"), "adjust-a"));
            var sc1 = adjusted.Consultants.Single(x => x.ConsultantId == s.Sc1.StaffId);
            Assert.Equal((2_500m, 500m), (sc1.Total, sc1.Adjusted));
            Assert.Equal((1_500m, s.Manager.AuditName), (Assert.Single(sc1.Adjustments).Amount, sc1.Adjustments[0].AdjustedBy));
            Ok(await last.Adjust(new(a, 1_500m, "model year change-over"), "adjust-a")); // a retry: kept once
            Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM commission_adjustments WHERE store_id = $1", s.Store));
            Assert.Equal(3_500m, adjusted.Total);

            Assert.Equal("month-not-ended", (await Statements(s, thisMonth).Submit(null)).Problem?.Code);
            Assert.Equal(StatementStatus.Submitted, Ok(await last.Submit(null)).Status);
            Assert.Equal("statement-submitted", (await last.Adjust(new(b, 0m, "late"), null)).Problem?.Code);
        }

        using (As(s.Gm))
        {
            Assert.Equal("reason", (await last.Return("", null)).Problem?.Errors?.Keys.Single());
            var returned = Ok(await last.Return("check the change-over bonus", null));
            Assert.Equal((StatementStatus.Open, "check the change-over bonus"), (returned.Status, returned.ReturnedReason));
            Assert.Equal("not-submitted", (await last.Approve(null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            Ok(await last.Submit(null));
            Assert.Equal(ProblemKind.Forbidden, (await last.Approve(null)).Problem?.Kind); // the general manager's
        }

        using (As(s.Gm))
        {
            var approved = Ok(await last.Approve(null));
            Assert.Equal((StatementStatus.Approved, s.Gm.AuditName, 3_500m), (approved.Status, approved.ApprovedBy, approved.Total));
            Assert.Equal(c, Assert.Single(approved.Consultants.Single(x => x.ConsultantId == s.Sc2.StaffId).Worked.Lines).DealId);
        }

        // Sale b is unwound this month, after its month was paid; a sale of this month unwound this month was never paid.
        await Unwound(s, b, today);
        var d = await Sale(s, s.Sc2.StaffId, today);
        await Unwound(s, d, today);

        using (As(s.Manager))
        {
            Assert.Equal("month-locked", (await last.Adjust(new(a, 9_999m, "again"), null)).Problem?.Code);
            Assert.Equal("month-locked", (await last.Submit(null)).Problem?.Code);
            var kept = Ok(await last.Get());
            Assert.Equal((StatementStatus.Approved, 3_500m), (kept.Status, kept.Total)); // the locked month never changes
            Assert.Contains(kept.Consultants.Single(x => x.ConsultantId == s.Sc1.StaffId).Worked.Lines, l => l.DealId == b);

            var now = Ok(await Statements(s, thisMonth).Get());
            var sc1 = now.Consultants.Single(x => x.ConsultantId == s.Sc1.StaffId);
            var chargeback = Assert.Single(sc1.Chargebacks);
            Assert.Equal((b, $"{lastMonth:yyyy-MM}", 1_000m, -1_000m), (chargeback.DealId, chargeback.PaidInMonth, chargeback.Amount, sc1.Total));
            Assert.DoesNotContain(now.Consultants.SelectMany(x => x.Worked.Lines), l => l.DealId == d);
            Assert.Equal(-1_000m, Ok(await fixture.Grains.GetGrain<ICommissionGrain>(GrainKeys.Store(s.Store)).Pay(s.Sc1.StaffId, thisMonth)).Total);
        }

        using (As(s.Gm))
        {
            Assert.Equal("month-locked", (await last.Approve(null)).Problem?.Code);
        }

        Assert.Equal(2L, await fixture.Scalar<long>( // Sc1's and Sc2's statements kept
            "SELECT count(*) FROM commission_statements WHERE store_id = $1 AND month = $2", s.Store, lastMonth));
    }

    [Fact]
    public async Task The_general_manager_unwinds_a_delivered_sale_with_a_credit_note_and_the_car_comes_back_into_stock()
    {
        var s = await SalesStore.Open(fixture);
        var (dealId, vin) = await s.DeliveredDeal();
        var deal = s.Deal(dealId);
        using (As(s.Manager))
        {
            Assert.Equal(ProblemKind.Forbidden, (await deal.Unwind("customer returned it", null)).Problem?.Kind);
        }

        using (As(s.Gm))
        {
            Assert.Equal("reason", (await deal.Unwind("", null)).Problem?.Errors?.Keys.Single());
            var unwound = Ok(await deal.Unwind("engine fault within 7 days (三包)", "unwind-1"));
            Assert.Equal(DealStatus.Cancelled, unwound.Status);
            Assert.Equal((-unwound.Invoice!.Amount, -unwound.Invoice.Vat), (unwound.CreditNote!.Amount, unwound.CreditNote.Vat));
            Assert.Equal(unwound.Paid, unwound.Cancellation!.RefundDue);
            Assert.Equal(unwound.Revision, Ok(await deal.Unwind("engine fault within 7 days (三包)", "unwind-1")).Revision); // retried: once
            Assert.Equal("illegal-transition", (await deal.Unwind("again", null)).Problem?.Code);
            var car = Ok(await s.Car(vin).Get(s.Store));
            Assert.Equal((VehicleStatus.InStock, null), (car.Status, car.Reservation));
        }

        // The sale and its unwind net out: no retail sale and no gross profit left for the store, one Return in the stock ledger.
        Assert.Equal(2L, await fixture.Scalar<long>(
            "SELECT count(*) FROM sales_facts WHERE store_id = $1 AND fact_id = $2 AND kind IN ('RetailSale', 'RetailSaleUnwound')", s.Store, dealId));
        Assert.Equal((0L, 0m), (
            await fixture.Scalar<long>("SELECT sum(CASE kind WHEN 'RetailSale' THEN 1 ELSE -1 END) FROM sales_facts WHERE store_id = $1 AND fact_id = $2 " +
                "AND kind IN ('RetailSale', 'RetailSaleUnwound')", s.Store, dealId),
            await fixture.Scalar<decimal>("SELECT sum(gross_profit) FROM sales_facts WHERE store_id = $1 AND fact_id = $2 " +
                "AND kind IN ('RetailSale', 'RetailSaleUnwound')", s.Store, dealId)));
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM stock_ledger WHERE vin = $1 AND type = 'Return'", vin));
    }

    private ICommissionStatementsGrain Statements(SalesStore s, DateOnly month) =>
        fixture.Grains.GetGrain<ICommissionStatementsGrain>(GrainKeys.CommissionMonth(s.Store, $"{month:yyyy-MM}"));

    private async Task<string> Sale(SalesStore s, string consultant, DateOnly day)
    {
        var dealId = "dl" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Scalar<int>(
            "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
            "with_finance, spec, at) VALUES ($1, $2, 'RetailSale', $3, $4, $5, 5000, false, false, false, 'Tiguan L|330TSI|White', now()) RETURNING 1",
            s.Group, s.Store, dealId, day, consultant);
        return dealId;
    }

    private async Task Unwound(SalesStore s, string dealId, DateOnly day) =>
        await fixture.Scalar<int>(
            "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
            "with_finance, spec, at) SELECT group_id, store_id, 'RetailSaleUnwound', fact_id, $3, consultant_id, -gross_profit, false, false, false, spec, now() " +
            "FROM sales_facts WHERE store_id = $1 AND fact_id = $2 AND kind = 'RetailSale' RETURNING 1",
            s.Store, dealId, day);
}
