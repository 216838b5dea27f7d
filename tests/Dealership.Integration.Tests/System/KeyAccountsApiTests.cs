using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>Key accounts through the API: bad input names its field (under terms for a change) and keeps nothing; roles and stores hold.</summary>
[Collection(SystemCollection.Name)]
public sealed class KeyAccountsApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Hexi}";

    private static object Terms(string creditCode = "91110000802100433B") => new
    {
        name = "天津北辰出租汽车有限公司",
        creditCode,
        specialVatInvoice = true,
        address = "天津市北辰区京津路 9 号",
        contacts = new[] { new { name = "刘强", title = "采购经理", mobile = "13900000002" } },
        prices = new[] { new { model = "Corolla", trim = "1.2T Pioneer", price = 92_000m } },
        paymentDays = 45,
        creditLimit = 1_500_000m,
    };

    [Fact]
    public async Task Accounts_are_opened_and_changed_by_managers_with_bad_input_named()
    {
        using var sm = fixture.A.Client(await fixture.A.SignIn("hexi-sm"));
        using var sc = fixture.B.Client(await fixture.B.SignIn("hexi-sc1"));

        var bad = await (await sm.PostAsync($"{Store}/key-accounts", JsonContent.Create(Terms("91110000802100433C")))).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("creditCode", out _));
        Assert.Equal(0L, await fixture.System.Database.Scalar<long>("SELECT count(*) FROM key_accounts WHERE store_id = @s", ("s", Demo.Hexi)));
        await (await sc.PostAsync($"{Store}/key-accounts", JsonContent.Create(Terms()))).Problem(HttpStatusCode.Forbidden);

        var opened = await (await sm.PostAsync($"{Store}/key-accounts", JsonContent.Create(Terms()))).Json(HttpStatusCode.OK);
        var id = opened.GetProperty("accountId").GetString();
        await (await sm.PostAsync($"{Store}/key-accounts", JsonContent.Create(Terms()))).Problem(HttpStatusCode.Conflict);
        var nested = await (await sm.PutAsync($"{Store}/key-accounts/{id}", JsonContent.Create(new { terms = Terms("x"), revision = 1 })))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(nested.GetProperty("errors").TryGetProperty("terms.creditCode", out _));
        var changed = await (await sm.PutAsync($"{Store}/key-accounts/{id}", JsonContent.Create(new { terms = Terms(), revision = 1 }))).Json(HttpStatusCode.OK);
        Assert.Equal(2, changed.GetProperty("revision").GetInt32());
        await (await sm.PutAsync($"{Store}/key-accounts/{id}", JsonContent.Create(new { terms = Terms(), revision = 1 }))).Problem(HttpStatusCode.Conflict);

        var read = await (await sc.GetAsync($"{Store}/key-accounts/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal(92_000m, read.GetProperty("terms").GetProperty("prices")[0].GetProperty("price").GetDecimal());
        var list = await sc.All($"{Store}/key-accounts");
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("accountId").GetString() == id);
        await (await sm.GetAsync($"{Store}/key-accounts/ka0000000000000000")).Problem(HttpStatusCode.NotFound);
        await (await sm.GetAsync($"/api/stores/{Demo.Haidian}/key-accounts")).Problem(HttpStatusCode.Forbidden);
    }
}
