using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// A warranty ending through the screens: the general manager keeps the model's basic warranty in its maintenance plan and puts
/// the store's extended warranty in its books; the advisor finds the car on the list of warranties ending, opens its record,
/// and the customer takes the extension at the store's price; the month's retention numbers count it, for the store and for HQ.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WarrantyScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-chaoyang-vw";
    private const string Model = "Tiguan L";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_customer_called_before_the_warranty_ends_takes_the_extension_at_the_price_the_store_books()
    {
        // A car sold here three years ago less 20 days: at the default pace its 3 years run out before its 100,000 km.
        var vin = await SoldNearlyThreeYearsAgo();
        using var gm = Gateway.Client(await Gateway.SignIn("chaoyang-gm"));
        using var desk = Gateway.Client(await Gateway.SignIn("chaoyang-advisor"));
        await (await gm.Put($"/api/stores/{Store}/policies", new { sellsExtendedWarranty = false })).Json(HttpStatusCode.OK);

        // The model's plan with its basic warranty (the same service intervals as the store's plan for any model).
        var manager = await fixture.SignedInToApp("chaoyang-gm");
        await manager.GetByText("保养计划").First.ClickAsync();
        await manager.Locator("#plan-model").FillAsync(Model);
        await manager.Locator("#plan-first-km").FillAsync("7500");
        await manager.Locator("#plan-first-months").FillAsync("6");
        await manager.Locator("#plan-interval-km").FillAsync("10000");
        await manager.Locator("#plan-interval-months").FillAsync("12");
        await manager.Locator("#plan-warranty-years").FillAsync("3");
        await manager.Locator("#plan-warranty-km").FillAsync("100000");
        await manager.Locator("#plan-operations").FillAsync("更换机油 Engine oil\n更换机油滤清器 Oil filter\n全车安全检查 Safety check");
        await manager.Locator("#save-plan").ClickAsync();
        await Assertions.Expect(manager.Locator($"#plans tr[data-model='{Model}']")).ToContainTextAsync("3年 / 100000 公里");

        // The store's extension in its books.
        await manager.GetByText("门店设置").First.ClickAsync();
        await Assertions.Expect(manager.Locator("#policy-extension-price")).ToHaveCountAsync(0); // the store sells none yet
        await manager.Locator("#policy-sells-extension").CheckAsync();
        await manager.Locator("#policy-extension-years").FillAsync("2");
        await manager.Locator("#policy-extension-km").FillAsync("60000");
        await manager.Locator("#policy-extension-price").FillAsync("4200");
        await manager.Locator("#policy-extension-cost").FillAsync("2000");
        await manager.Locator("#save-policies").ClickAsync();
        await Assertions.Expect(manager.Locator("#store-saved")).ToBeVisibleAsync();

        var advisor = await fixture.SignedInToApp("chaoyang-advisor");
        await advisor.GetByText("质保到期").First.ClickAsync();
        var row = advisor.Locator($"#warranties tr[data-vin='{vin}']");
        await Assertions.Expect(row).ToContainTextAsync("质保客户");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("20");
        await Axe.NoSeriousViolations(advisor, "warranty list");

        await row.Locator(".open-warranty").ClickAsync();
        await Assertions.Expect(advisor.Locator("#car-warranty")).ToContainTextAsync("在保");
        await Assertions.Expect(advisor.Locator("#sell-extension")).ToContainTextAsync("¥4,200.00");
        await advisor.Locator("#warranty-declined").ClickAsync();
        await Assertions.Expect(advisor.Locator("#refusal")).ToBeVisibleAsync(); // declined without a reason: refused, nothing kept
        await advisor.Locator("#warranty-extended").ClickAsync();
        await Assertions.Expect(advisor.Locator("#car-extended")).ToContainTextAsync("¥4,200.00");
        await Assertions.Expect(advisor.Locator("#car-extended")).ToContainTextAsync("服务顾问"); // who sold it, by name
        await Assertions.Expect(advisor.Locator("#warranty-calls")).ToContainTextAsync("购买延保");
        await Assertions.Expect(advisor.Locator("#sell-extension")).ToHaveCountAsync(0);
        await Axe.NoSeriousViolations(advisor, "car record");
        await Screenshots.Save(advisor, "advisor-extended-warranty");

        // The same visit, the customer also buys commercial cover: recorded on the car's record, its commission the store's rate.
        var policyNumber = "PA" + Guid.NewGuid().ToString("N")[..12];
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        await advisor.Locator("#service-policy-number").FillAsync(policyNumber);
        await advisor.Locator("#service-policy-premium").FillAsync("3000");
        await advisor.Locator("#service-policy-starts").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await advisor.Locator("#record-service-policy").ClickAsync();
        await Assertions.Expect(advisor.Locator("#service-policy-recorded")).ToContainTextAsync(policyNumber);
        var (insurer, commission) = await fixture.Database.Scalar<string>(
            "SELECT insurer || '|' || commission FROM insurance_policies WHERE policy_number = @n AND vin = @v AND source = 'Service'",
            ("n", policyNumber), ("v", vin)) is var stored ? (stored.Split('|')[0], decimal.Parse(stored.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture)) : default;
        var store = await (await desk.GetAsync($"/api/stores/{Store}")).Json(HttpStatusCode.OK);
        var rate = store.GetProperty("policies").GetProperty("insurerRates").EnumerateArray()
            .First(r => r.GetProperty("insurer").GetString() == insurer).GetProperty("commercialRate").GetDecimal();
        Assert.Equal(decimal.Round(3_000m * rate, 2), commission);
        await Assertions.Expect(advisor.Locator("#service-policy-recorded")).ToContainTextAsync($"¥{commission:N2}");

        // The sale at the store's price and cost; the car has left the list, and its record is one lookup away.
        var record = await (await desk.GetAsync($"/api/stores/{Store}/cars/{vin}")).Json(HttpStatusCode.OK);
        Assert.Equal(4_200m, record.GetProperty("warranty").GetProperty("extended").GetProperty("price").GetDecimal());
        Assert.Equal(2_000m, await fixture.Database.Scalar<decimal>("SELECT cost FROM extended_warranties WHERE vin = @v", ("v", vin)));
        await advisor.Locator("#back-to-warranties").ClickAsync();
        await Assertions.Expect(advisor.Locator("#warranties, #no-warranties").First).ToBeVisibleAsync();
        await Assertions.Expect(advisor.Locator($"#warranties tr[data-vin='{vin}']")).ToHaveCountAsync(0);
        await advisor.Locator("#lookup-vin").FillAsync(vin.ToLowerInvariant());
        await advisor.Locator("#open-car").ClickAsync();
        await Assertions.Expect(advisor.Locator("#car-extended")).ToContainTextAsync("¥4,200.00");

        // The month's retention numbers count the extensions the store's records hold, for the manager and for HQ.
        var sold = await fixture.Database.Scalar<long>(
            "SELECT count(*) FROM extended_warranties WHERE store_id = @s AND date_trunc('month', sold_at AT TIME ZONE 'Asia/Shanghai') = " +
            "date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')", ("s", Store));
        Assert.True(sold >= 1);
        await manager.GetByText("客户保有").First.ClickAsync();
        await Assertions.Expect(manager.Locator("#retention-figures tr[data-figure='warranty']")).ToContainTextAsync($"售出延保 {sold} 份");
        await Axe.NoSeriousViolations(manager, "retention numbers");
        var hq = await fixture.SignedInToApp("huaxia-hq");
        await hq.GetByText("各店客户保有").First.ClickAsync();
        await Assertions.Expect(hq.Locator($"#group-retention tr[data-store='{Store}']")).ToContainTextAsync($"{sold} · ");
        await Axe.NoSeriousViolations(hq, "stores' retention");
    }

    private async Task<string> SoldNearlyThreeYearsAgo()
    {
        var vin = TestVins.New("LSVAM4187W");
        var group = await fixture.Database.Scalar<string>("SELECT group_id FROM vehicles WHERE store_id = @s LIMIT 1", ("s", Store));
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date;
        var sold = new DateTimeOffset(today.AddYears(-3).AddDays(20).AddHours(10), TimeSpan.FromHours(8)).ToUniversalTime();
        var customer = "cu" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Database.Scalar<int>(
            "INSERT INTO vehicles (group_id, vin, store_id, model, trim, colour, status, demo, revision, certificate, cost, updated_at) " +
            "VALUES (@g, @v, @s, @m, '330TSI', 'White', 'Delivered', false, 3, 'CERT', 200000, @sold); " +
            "INSERT INTO vehicle_history (group_id, vin, revision, at, by, what, from_status, to_status, store_id) " +
            "VALUES (@g, @v, 3, @sold, 'chaoyang-sc1', 'delivered', 'Sold', 'Delivered', @s); " +
            "INSERT INTO customers (group_id, store_id, customer_id, name, masked_mobile, first_seen_at, visits, calls, updated_at, revision) " +
            "VALUES (@g, @s, @c, '质保客户', '139****9001', @sold, 1, 0, @sold, 1); " +
            "INSERT INTO deals (group_id, store_id, deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, vin, " +
            "selling_price, gross_profit, updated_at, revision, opened_at) VALUES (@g, @s, @d, @c, '质保客户', 'chaoyang-sc1', 'Delivered', " +
            "@m, '330TSI', 'White', @v, 200000, 5000, @sold, 5, @sold); SELECT 1",
            ("g", group), ("v", vin), ("s", Store), ("m", Model), ("sold", sold), ("c", customer), ("d", "dl" + Guid.NewGuid().ToString("N")[..16]));
        return vin;
    }
}
