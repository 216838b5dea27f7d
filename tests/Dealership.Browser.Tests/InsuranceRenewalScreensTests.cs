using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// An insurance renewal through the screens: the general manager puts the insurer's commission in the store's books, the advisor
/// finds the policy on the renewal list three weeks before it expires and takes it to "renewed with us"; the commission is the
/// store's rate, and the manager sees the month's renewal rate.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InsuranceRenewalScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-chaoyang-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_advisor_takes_a_renewal_to_renewed_with_us_at_the_commission_the_store_books()
    {
        // The manager's books: a line that does not read is refused at its field; then the insurer at 4% and 12%.
        var gm = await fixture.SignedInToApp("chaoyang-gm");
        await gm.GetByText("门店设置").First.ClickAsync();
        var rates = gm.Locator("#policy-insurer-rates");
        await rates.FillAsync("中国平安 十二");
        await gm.Locator("#save-policies").ClickAsync();
        var field = rates.Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(field).ToContainTextAsync("保险公司, 交强险%, 商业险%");
        await rates.FillAsync("中国平安, 4, 12");
        await gm.Locator("#save-policies").ClickAsync();
        await Assertions.Expect(gm.Locator("#store-saved")).ToBeVisibleAsync();

        // A commercial policy the front desk sold at a service visit, expiring in three weeks.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var (customer, vin) = await ServiceCustomer();
        using var desk = Gateway.Client(await Gateway.SignIn("chaoyang-advisor"));
        var sold = await (await desk.Post($"/api/stores/{Store}/insurance-policies", new
        {
            vin,
            customerId = customer,
            insurer = "中国平安",
            policyNumber = "PA" + Guid.NewGuid().ToString("N")[..12],
            kind = "Commercial",
            premium = 4_000m,
            startsOn = today.AddDays(21).AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            expiresOn = today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).Json(HttpStatusCode.OK);
        var policyId = sold.GetProperty("policyId").GetString()!;
        Assert.Equal(480m, sold.GetProperty("commission").GetDecimal());

        var advisor = await fixture.SignedInToApp("chaoyang-advisor");
        await advisor.GetByText("续保").First.ClickAsync();
        var row = advisor.Locator($"#renewals tr[data-policy='{policyId}']");
        await Assertions.Expect(row).ToContainTextAsync("30天内");
        await Assertions.Expect(row).ToContainTextAsync("135****5001");
        await Axe.NoSeriousViolations(advisor, "renewal list");

        await row.Locator(".open-renewal").ClickAsync();
        await Assertions.Expect(advisor.Locator("#renewal-mobile")).ToHaveTextAsync("13500135001");
        await advisor.Locator("#renew-with-us").ClickAsync();
        await Assertions.Expect(advisor.Locator("#refusal")).ToBeVisibleAsync(); // no number, no premium: refused, nothing kept
        await advisor.Locator("#renewal-number").FillAsync("PA-RENEW-" + policyId[2..10]);
        await advisor.Locator("#renewal-premium").FillAsync("4250");
        await advisor.Locator("#renew-with-us").ClickAsync();
        await Assertions.Expect(advisor.Locator("#renewal-closed")).ToContainTextAsync("本店续保");
        await Assertions.Expect(advisor.Locator("#renewal-closed")).ToContainTextAsync("服务顾问"); // who, by name
        await Axe.NoSeriousViolations(advisor, "renewal call");
        await Screenshots.Save(advisor, "advisor-renewed-with-us");

        // The new policy: the year after the old one, its commission at the store's 12%; the task has left the list.
        await advisor.Locator("#renewed-policy").ClickAsync();
        await Assertions.Expect(advisor.Locator("#renewal-cover")).ToContainTextAsync(
            $"{today.AddDays(21):yyyy-MM-dd} – {today.AddDays(20).AddYears(1):yyyy-MM-dd}");
        var card = await (await desk.GetAsync($"/api/stores/{Store}/insurance-policies/{policyId}")).Json(HttpStatusCode.OK);
        var renewal = card.GetProperty("policy").GetProperty("renewal");
        Assert.Equal("RenewedWithUs", renewal.GetProperty("outcome").GetString());
        var renewed = await (await desk.GetAsync($"/api/stores/{Store}/insurance-policies/{renewal.GetProperty("newPolicyId").GetString()}"))
            .Json(HttpStatusCode.OK);
        Assert.Equal((4_250m, 510m, "Renewal"), (renewed.GetProperty("policy").GetProperty("premium").GetDecimal(),
            renewed.GetProperty("policy").GetProperty("commission").GetDecimal(), renewed.GetProperty("policy").GetProperty("source").GetString()));
        await advisor.Locator("#back-to-renewals").ClickAsync();
        await Assertions.Expect(advisor.Locator("#renewals, #no-renewals").First).ToBeVisibleAsync();
        await Assertions.Expect(advisor.Locator($"#renewals tr[data-policy='{policyId}']")).ToHaveCountAsync(0);

        // The manager sees the renewal among the month's (when the policy expires this month) and the advisor's closed count.
        await gm.GotoAsync(gm.Url.Replace("/store", "/renewals", StringComparison.Ordinal));
        await Assertions.Expect(gm.Locator("#renewal-people")).ToContainTextAsync("服务顾问");
    }

    // A customer the store knows from a repair order (their number in full on it), and their car.
    private async Task<(string Customer, string Vin)> ServiceCustomer()
    {
        var vin = TestVins.New("LSVAM4187R");
        var group = await fixture.Database.Scalar<string>("SELECT group_id FROM vehicles WHERE store_id = @s LIMIT 1", ("s", Store));
        var customer = "cu" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Database.Scalar<int>(
            "INSERT INTO repair_orders (store_id, repair_order_id, group_id, customer_id, customer_name, mobile, vin, plate, odometer, concern, " +
            "advisor_id, status, opened_at, delivered_at, total, revision) VALUES (@s, @ro, @g, @c, '续保客户', '13500135001', @v, '京R20001', " +
            "25000, '保养', 'chaoyang-advisor', 'Closed', now() - interval '30 days', now() - interval '30 days', 600, 9); SELECT 1",
            ("g", group), ("v", vin), ("s", Store), ("c", customer), ("ro", "ro" + Guid.NewGuid().ToString("N")[..16]));
        return (customer, vin);
    }
}
