using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// Consultants' pay through the screens: the sales manager writes a plan (a line that does not read is refused at its list),
/// previews it on last month and keeps it; a consultant sees their month as the API works it, and nobody else's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PayScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-chaoyang-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_manager_previews_and_keeps_a_plan_and_a_consultant_sees_their_own_month()
    {
        var manager = await fixture.SignedInToApp("chaoyang-sm");
        await manager.GetByText("提成方案").First.ClickAsync();
        await manager.Locator("#pay-name").FillAsync("2027 新方案");
        var storeToday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        await manager.Locator("#pay-from").FillAsync(storeToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); // in force from the store's today
        await manager.Locator("#pay-per-unit").FillAsync("*, 300\nTayron, 五百");
        await manager.Locator("#preview-plan").ClickAsync();
        var field = manager.Locator("#pay-per-unit").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(field).ToContainTextAsync("格式不对");
        await manager.Locator("#pay-per-unit").FillAsync("*, 300\nTayron, 500");
        await manager.Locator("#pay-tiers").FillAsync("3, 100\n5, 250");
        await manager.Locator("#pay-spiffs").FillAsync("ID.4, 1000, 2027-01-01, 2027-01-15");
        await manager.Locator("#pay-multipliers").FillAsync("100, 1.1");
        await manager.Locator("#preview-plan").ClickAsync();
        await Assertions.Expect(manager.Locator("#plan-preview")).ToBeVisibleAsync();
        await manager.Locator("#save-plan-version").ClickAsync();
        await Assertions.Expect(manager.Locator("#plan-saved")).ToContainTextAsync("2027 新方案");
        await Assertions.Expect(manager.Locator("#plan-versions")).ToContainTextAsync("2027 新方案");
        await Axe.NoSeriousViolations(manager, "incentive plan");

        // The consultant's month on screen is the API's; another consultant's is refused.
        var month = storeToday.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var sc1 = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        const string me = "chaoyang-sc1"; // the demo's staff ids are their user names
        var other = await sc1.GetAsync($"/api/stores/{Store}/pay?consultantId=chaoyang-sc2&month={month}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var pay = await (await sc1.GetAsync($"/api/stores/{Store}/pay?consultantId={me}&month={month}")).Json(HttpStatusCode.OK);
        var consultant = await fixture.SignedInToApp("chaoyang-sc1");
        await consultant.GetByText("我的提成").First.ClickAsync();
        await Assertions.Expect(consultant.Locator("#pay-total")).ToContainTextAsync($"¥{pay.GetProperty("total").GetDecimal():N2}");
        await Assertions.Expect(consultant.Locator(".statement-lines tbody tr")).ToHaveCountAsync(pay.GetProperty("worked").GetProperty("lines").GetArrayLength());
        await Axe.NoSeriousViolations(consultant, "my pay");
    }

    [Fact]
    public async Task Last_months_statements_are_adjusted_with_a_reason_submitted_approved_by_the_general_manager_and_downloaded_for_payroll()
    {
        // Last month as the store's books keep it: a plan of 1,000 a unit then, two sales by consultant 1 and one by consultant 2.
        var storeToday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var thisMonth = new DateOnly(storeToday.Year, storeToday.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        var group = await fixture.Database.Scalar<string>("SELECT group_id FROM vehicles WHERE store_id = @s LIMIT 1", ("s", Store));
        await fixture.Database.Scalar<int>(
            "INSERT INTO incentive_plans (group_id, store_id, effective_from, plan, set_at, set_by) VALUES (@g, @s, @from, " +
            "('{\"Name\":\"上月方案\",\"EffectiveFrom\":\"' || @from::text || '\",\"PerUnit\":[{\"Model\":\"*\",\"Amount\":1000}],' || " +
            "'\"GrossProfitShare\":0,\"AccessoryShare\":0,\"InsuranceShare\":0,\"FinanceShare\":0,\"MinimumPerDeal\":0,\"Tiers\":[],' || " +
            "'\"Spiffs\":[],\"Multipliers\":[]}')::jsonb, now(), 'chaoyang-sm') ON CONFLICT DO NOTHING; SELECT 1",
            ("g", group), ("s", Store), ("from", lastMonth));
        var deals = new List<string>();
        foreach (var (consultant, day) in new[] { ("chaoyang-sc1", 3), ("chaoyang-sc1", 12), ("chaoyang-sc2", 20) })
        {
            var deal = "dl" + Guid.NewGuid().ToString("N")[..16];
            deals.Add(deal);
            await fixture.Database.Scalar<int>(
                "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
                "with_finance, spec, at) VALUES (@g, @s, 'RetailSale', @d, @day, @c, 6000, false, false, false, 'Tiguan L|330TSI|White', now()); SELECT 1",
                ("g", group), ("s", Store), ("d", deal), ("day", lastMonth.AddDays(day - 1)), ("c", consultant));
        }

        var manager = await fixture.SignedInToApp("chaoyang-sm");
        await manager.GetByText("提成结算").First.ClickAsync();
        await Assertions.Expect(manager.Locator("#month")).ToHaveValueAsync(lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await Assertions.Expect(manager.Locator("#statements-status")).ToContainTextAsync("待提交");
        var line = manager.Locator($".statement-lines tr[data-deal='{deals[0]}']");
        await Assertions.Expect(line).ToContainTextAsync("¥1,000.00");
        await line.Locator(".adjust-line").ClickAsync();
        await manager.Locator("#adjust-amount").FillAsync("1500");
        await manager.Locator("#save-adjustment").ClickAsync(); // no reason: refused at the field
        var reason = manager.Locator("#adjust-reason").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(reason).ToContainTextAsync("required");
        await manager.Locator("#adjust-reason").FillAsync("年末清库奖励");
        await manager.Locator("#save-adjustment").ClickAsync();
        await Assertions.Expect(line.Locator(".adjusted")).ToHaveTextAsync("¥1,500.00");
        await Assertions.Expect(manager.Locator(".adjustments")).ToContainTextAsync("年末清库奖励");
        await manager.Locator("#submit-statements").ClickAsync();
        await Assertions.Expect(manager.Locator("#statements-status")).ToContainTextAsync("待总经理审批");
        await Assertions.Expect(manager.Locator(".adjust-line")).ToHaveCountAsync(0); // a submitted month is not adjusted
        await Axe.NoSeriousViolations(manager, "commission statements");

        var gm = await fixture.SignedInToApp("chaoyang-gm", options: new BrowserNewContextOptions { AcceptDownloads = true });
        await gm.GetByText("提成结算").First.ClickAsync();
        await Assertions.Expect(gm.Locator("#statements-status")).ToContainTextAsync("待总经理审批");
        await gm.Locator("#approve-statements").ClickAsync();
        await Assertions.Expect(gm.Locator("#statements-status")).ToContainTextAsync("已审批锁定");
        await Assertions.Expect(gm.Locator("#statements-approved")).ToBeVisibleAsync();
        var download = await gm.RunAndWaitForDownloadAsync(() => gm.Locator("#download-payroll").ClickAsync());
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(await download.PathAsync()))[..2]);

        // The API keeps what was approved: consultant 1 is paid 1,500 + 1,000.
        using var sm = Gateway.Client(await Gateway.SignIn("chaoyang-sm"));
        var kept = await (await sm.GetAsync($"/api/stores/{Store}/commission-statements/{lastMonth:yyyy-MM}")).Json(HttpStatusCode.OK);
        Assert.Equal("Approved", kept.GetProperty("status").GetString());
        var sc1 = kept.GetProperty("consultants").EnumerateArray().Single(c => c.GetProperty("consultantId").GetString() == "chaoyang-sc1");
        Assert.Equal(2_500m, sc1.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task HQ_keeps_a_template_a_store_adopts_it_with_a_change_and_HQ_sees_the_change()
    {
        var storeToday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = $"集团标准 {Guid.NewGuid().ToString("N")[..4]}";
        var hq = await fixture.SignedInToApp("huaxia-hq");
        await hq.GetByText("提成方案模板").First.ClickAsync();
        await hq.Locator("#pay-name").FillAsync(name);
        await hq.Locator("#pay-from").FillAsync(storeToday);
        await hq.Locator("#pay-per-unit").FillAsync("*, 300");
        await hq.Locator("#pay-tiers").FillAsync("5, 100");
        await hq.Locator("#save-plan-version").ClickAsync();
        await Assertions.Expect(hq.Locator($"#plan-templates tr[data-template='{name}']")).ToBeVisibleAsync();
        await Axe.NoSeriousViolations(hq, "plan templates");

        var manager = await fixture.SignedInToApp("haidian-sm");
        await manager.GetByText("提成方案").First.ClickAsync();
        await manager.Locator("#start-from-template").SelectOptionAsync(name);
        await Assertions.Expect(manager.Locator("#adopting")).ToContainTextAsync(name);
        await Assertions.Expect(manager.Locator("#pay-tiers")).ToHaveValueAsync("5, 100");
        await manager.Locator("#pay-name").FillAsync("海淀 2027");
        await manager.Locator("#pay-from").FillAsync(storeToday);
        await manager.Locator("#pay-per-unit").FillAsync("*, 350");
        await manager.Locator("#save-plan-version").ClickAsync();
        await Assertions.Expect(manager.Locator("#plan-versions")).ToContainTextAsync($"海淀 2027 ← {name}");

        await hq.ReloadAsync();
        var haidian = hq.Locator("#plan-adoption tr[data-store='bj-haidian-vw']");
        await Assertions.Expect(haidian.Locator(".template")).ToHaveTextAsync(name);
        await Assertions.Expect(haidian.Locator(".changes")).ToHaveTextAsync("perUnit");
    }
}
