using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Tests.Service;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.AfterSale;

/// <summary>
/// Insurance renewals on the cluster and PostgreSQL: the tasks come due by the store's date (the injected clock) 60, 30 and 7
/// days before expiry; each outcome closes one; the commission comes from the store's books; the rate counts them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InsuranceRenewalTests(ClusterFixture fixture)
{
    private const string Insurer = "中国平安";

    [Fact]
    public async Task Renewal_tasks_come_due_60_30_and_7_days_before_expiry_and_each_outcome_closes_one()
    {
        var store = await Store();
        var customer = await Customer(store);
        var expiries = new[] { 61, 60, 30, 7, -1, -31 }.Select(d => store.Today.AddDays(d)).ToArray();
        var policies = new List<InsurancePolicyView>();
        foreach (var expiry in expiries)
        {
            policies.Add(await Policy(store, customer, expiry));
        }

        var desk = Desk(store);
        using var _ = As(store.Advisor);
        var tasks = Ok(await desk.Tasks(PageRequest.First)).Items;
        Assert.Equal(
            [(policies[4].PolicyId, -1, RenewalStage.Lapsed), (policies[3].PolicyId, 7, RenewalStage.SevenDays),
                (policies[2].PolicyId, 30, RenewalStage.ThirtyDays), (policies[1].PolicyId, 60, RenewalStage.SixtyDays)],
            tasks.Select(t => (t.PolicyId, t.DaysLeft, t.Stage)));
        Assert.Equal("138****8000", tasks[0].MaskedMobile);

        // Renewed with us: the new policy runs a year from the day after, and its commission is the premium at the store's rate.
        var renewed = Ok(await desk.Renew(policies[3].PolicyId, new RenewalDraft(RenewalOutcome.RenewedWithUs, "PA-2027-7", 4_250m), null));
        Assert.Equal((RenewalOutcome.RenewedWithUs, store.Advisor.AuditName), (renewed.Renewal!.Outcome, renewed.Renewal.By));
        var card = Ok(await desk.CallCard(renewed.Renewal.NewPolicyId!));
        Assert.Equal((PolicySource.Renewal, policies[3].PolicyId, 510.00m, expiries[3].AddDays(1), expiries[3].AddYears(1), "13800138000"),
            (card.Policy.Source, card.Policy.RenewsPolicyId, card.Policy.Commission, card.Policy.StartsOn, card.Policy.ExpiresOn, card.Mobile));

        Ok(await desk.Renew(policies[2].PolicyId, new RenewalDraft(RenewalOutcome.RenewedElsewhere, Insurer: "中国人保"), null));
        Ok(await desk.Renew(policies[1].PolicyId, new RenewalDraft(RenewalOutcome.Lost, Reason: "车已卖掉"), null));
        var again = await desk.Renew(policies[1].PolicyId, new RenewalDraft(RenewalOutcome.RenewedElsewhere, Insurer: "太平洋"), null);
        Assert.Equal("renewal-closed", again.Problem?.Code);
        Assert.Equal([policies[4].PolicyId], Ok(await desk.Tasks(PageRequest.First)).Items.Select(t => t.PolicyId));

        // The rate over the policies expiring from 31 days ago to 61 days ahead: 1 of 6 renewed with us; the advisor closed 3.
        using var __ = As(store.Manager);
        var rate = Ok(await desk.Rate(expiries[5], expiries[0]));
        Assert.Equal((6, 1, 1, 1, 3, 0.1667m, 4_250m, 510m), (rate.Expiring, rate.RenewedWithUs, rate.RenewedElsewhere, rate.Lost, rate.Open, rate.Rate,
            rate.RenewedPremium, rate.RenewedCommission));
        var advisor = Assert.Single(rate.People);
        Assert.Equal((store.Advisor.AuditName, 3, 1, 0.3333m), (advisor.By, advisor.Closed, advisor.RenewedWithUs, advisor.Rate));
    }

    [Fact]
    public async Task Two_outcomes_for_one_renewal_at_once_leave_one()
    {
        var store = await Store();
        var policy = await Policy(store, await Customer(store), store.Today.AddDays(20));
        var desk = Desk(store);
        using var _ = As(store.Advisor);

        var outcomes = await Task.WhenAll(
            desk.Renew(policy.PolicyId, new RenewalDraft(RenewalOutcome.RenewedWithUs, "PA-A", 3_000m), null),
            desk.Renew(policy.PolicyId, new RenewalDraft(RenewalOutcome.Lost, Reason: "价格"), null));

        Assert.Single(outcomes, o => o.IsOk);
        Assert.Single(outcomes, o => o.Problem?.Code == "renewal-closed");
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM insurance_renewals WHERE store_id = $1", store.Id));
        var renewedRows = await fixture.Scalar<long>("SELECT count(*) FROM insurance_policies WHERE store_id = $1 AND source = 'Renewal'", store.Id);
        Assert.Equal(outcomes.Single(o => o.IsOk).Value!.Renewal!.Outcome == RenewalOutcome.RenewedWithUs ? 1L : 0L, renewedRows);
    }

    [Fact]
    public async Task The_desk_is_the_stores_choice_an_opted_out_customer_is_not_called_and_bad_input_changes_nothing()
    {
        var store = await Store();
        var (customer, optedOut) = (await Customer(store), await Customer(store));
        var policy = await Policy(store, customer, store.Today.AddDays(10));
        await Policy(store, optedOut, store.Today.AddDays(11));
        var desk = Desk(store);
        var consultant = await fixture.NewStaff(store.Group, StaffRole.SalesConsultant, store.Id);
        using (As(store.Advisor))
        {
            Ok(await fixture.Grains.GetGrain<IMaintenanceGrain>(GrainKeys.Store(store.Id)).SetConsent(optedOut, new ConsentDraft(false), null));
            Assert.Equal([policy.PolicyId], Ok(await desk.Tasks(PageRequest.First)).Items.Select(t => t.PolicyId));

            // No premium, an insurer the store has no rate for, a policy number already recorded: refused, nothing kept.
            Assert.Equal(["premium"], (await desk.Renew(policy.PolicyId, new RenewalDraft(RenewalOutcome.RenewedWithUs, "PA-X"), null)).Problem!.Errors!.Keys);
            Assert.Equal("insurer-not-on-books",
                (await desk.Renew(policy.PolicyId, new RenewalDraft(RenewalOutcome.RenewedWithUs, "PA-X", 3_000m, Insurer: "无名保险"), null)).Problem?.Code);
            Assert.Equal("policy-exists",
                (await desk.Renew(policy.PolicyId, new RenewalDraft(RenewalOutcome.RenewedWithUs, policy.PolicyNumber, 3_000m), null)).Problem?.Code);
            Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM insurance_renewals WHERE store_id = $1", store.Id));
        }

        using (As(consultant))
        {
            Assert.Equal("forbidden", (await desk.Tasks(PageRequest.First)).Problem?.Code);
        }

        using (As(store.Manager))
        {
            Ok(await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store.Id)).ChangePolicies(new StorePoliciesChange { RenewalDesk = RenewalDesk.SalesConsultant }));
        }

        using (As(consultant))
        {
            Assert.Single(Ok(await desk.Tasks(PageRequest.First)).Items);
        }

        using (As(store.Advisor))
        {
            Assert.Equal("forbidden", (await desk.Tasks(PageRequest.First)).Problem?.Code);
        }
    }

    private IInsuranceDeskGrain Desk(ServiceStore store) => fixture.Grains.GetGrain<IInsuranceDeskGrain>(GrainKeys.Store(store.Id));

    // A service store whose books carry the insurer's rates: 4% on compulsory cover, 12% on commercial.
    private async Task<ServiceStore> Store()
    {
        var store = await ServiceStore.Create(fixture);
        using var _ = As(store.Manager);
        Ok(await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store.Id))
            .ChangePolicies(new StorePoliciesChange { InsurerRates = [new InsurerRate(Insurer, 0.04m, 0.12m)] }));
        return store;
    }

    private async Task<string> Customer(ServiceStore store)
    {
        var customer = "cu" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Scalar<int>(
            "INSERT INTO customers (group_id, store_id, customer_id, name, masked_mobile, first_seen_at, visits, calls, updated_at, revision) " +
            "VALUES ($1, $2, $3, '钱女士', '138****8000', now(), 1, 0, now(), 1) RETURNING 1", store.Group, store.Id, customer);
        await fixture.Scalar<int>(
            "INSERT INTO repair_orders (store_id, repair_order_id, group_id, customer_id, customer_name, mobile, vin, odometer, concern, advisor_id, " +
            "status, opened_at, delivered_at, total, revision) " +
            "VALUES ($1, $2, $3, $4, '钱女士', '13800138000', $5, 20000, 'service', 'sa', 'Closed', now(), now(), 500, 9) RETURNING 1",
            store.Id, ServiceStore.NewId("ro"), store.Group, customer, TestVins.Next());
        return customer;
    }

    // A commercial policy sold at service a year before it expires.
    private async Task<InsurancePolicyView> Policy(ServiceStore store, string customer, DateOnly expiresOn)
    {
        using var _ = As(store.Advisor);
        return Ok(await Desk(store).RecordPolicy(new NewServicePolicy(TestVins.Next(), customer, Insurer, "PA-" + Guid.NewGuid().ToString("N")[..10],
            InsuranceKind.Commercial, 4_000m, expiresOn.AddYears(-1).AddDays(1), expiresOn), null));
    }
}
