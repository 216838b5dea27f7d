using Dealership.Contracts.Common;
using Dealership.Contracts.KeyAccounts;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.KeyAccounts;

/// <summary>
/// Key accounts on the cluster and PostgreSQL: the sales manager opens one per company (its credit code, however typed, once per
/// store, even asked twice at once), changes its terms with the revision it read, and every change is audited; the list pages.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyAccountTests(ClusterFixture fixture)
{
    private static KeyAccountTerms Terms(string name = "天津港物流有限公司", string code = "91350100M000100Y43") => new(name, code, true,
        "天津市滨海新区港航路 1 号", [new("王建国", "车队主管", "13900000001")], [new("Tiguan L", "330TSI", 205_000m)], 60, 2_000_000m);

    [Fact]
    public async Task An_account_is_opened_once_per_company_and_its_terms_change_with_the_revision_read()
    {
        var s = await SalesStore.Open(fixture);
        var accounts = fixture.Grains.GetGrain<IKeyAccountsGrain>(GrainKeys.Store(s.Store));
        using (As(s.Sc1))
        {
            Assert.Equal(ProblemKind.Forbidden, (await accounts.Open(Terms(), null)).Problem?.Kind);
        }

        KeyAccount opened;
        using (As(s.Manager))
        {
            Assert.Equal("creditCode", (await accounts.Open(Terms(code: "91350100M000100Y44"), null)).Problem?.Errors?.Keys.Single());
            // Two managers' screens open the same company at once: one account.
            var both = await Task.WhenAll(accounts.Open(Terms(), "open-a"), accounts.Open(Terms(code: "91350100m000100y43"), "open-b"));
            Assert.Single(both, o => o.IsOk);
            Assert.Equal("account-exists", Assert.Single(both, o => !o.IsOk).Problem!.Code);
            opened = both.Single(o => o.IsOk).Value!;
            Assert.Equal((1, s.Manager.AuditName, "91350100M000100Y43"), (opened.Revision, opened.OpenedBy, opened.Terms.CreditCode));
            Ok(await accounts.Open(Terms("北辰出租汽车公司", "91110000802100433B"), null));
        }

        using (As(s.Gm))
        {
            var changed = Ok(await accounts.Update(opened.AccountId, Terms() with
            {
                CreditLimit = 3_000_000m,
                Prices = [new("Tiguan L", "330TSI", 203_000m), new("Lavida", "1.5L", 96_000m)],
            }, 1, "change-1"));
            Assert.Equal((2, 3_000_000m, 2, s.Gm.AuditName), (changed.Revision, changed.Terms.CreditLimit, changed.Terms.Prices.Count, changed.UpdatedBy));
            Assert.Equal("stale-revision", (await accounts.Update(opened.AccountId, Terms(), 1, null)).Problem?.Code);
            Assert.Equal("account-exists", (await accounts.Update(opened.AccountId, Terms(code: "91110000802100433B"), 2, null)).Problem?.Code);
            Assert.Equal(ProblemKind.NotFound, (await accounts.Update("ka0000000000000000", Terms(), null, null)).Problem?.Kind);
        }

        using (As(s.Sc1))
        {
            var read = Ok(await accounts.Get(opened.AccountId));
            Assert.Equal([("Lavida", 96_000m), ("Tiguan L", 203_000m)], read.Terms.Prices.Select(p => (p.Model, p.Price)));
            var first = Ok(await accounts.List(new PageRequest(1, null)));
            Assert.Equal("北辰出租汽车公司", Assert.Single(first.Items).Name); // by name
            var second = Ok(await accounts.List(new PageRequest(1, first.Next)));
            Assert.Equal((opened.AccountId, 2), (Assert.Single(second.Items).AccountId, second.Items[0].AgreedPrices));
            Assert.Null(second.Next);
        }

        Assert.Equal(3L, await fixture.Scalar<long>("SELECT count(*) FROM audit_trail WHERE store_id = $1 AND subject = 'key-account'", s.Store));
    }
}
