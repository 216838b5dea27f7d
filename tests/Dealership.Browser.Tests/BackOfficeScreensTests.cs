using System.Text.RegularExpressions;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>The finance specialist's loan case and the administrator's staff and store settings, through their screens.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BackOfficeScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private const string Store = "/api/stores/bj-chaoyang-vw";

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_finance_specialist_opens_a_loan_case_collects_its_documents_and_moves_it_to_approved()
    {
        // A signed deal, set up through the API: a walk-in and a deal within the consultant's limit (approved at once).
        using var sm = Gateway.Client(await Gateway.SignIn("chaoyang-sm"));
        using var sc = Gateway.Client(await Gateway.SignIn("chaoyang-sc2"));
        var colour = $"Loan Red {Guid.NewGuid():N}"[..17];
        await Scene.Price(sm, "bj-chaoyang-vw", "Tayron", "380TSI 4MOTION", colour, 259_900m, 241_000m);
        var customerId = await Scene.WalkIn(sc, "bj-chaoyang-vw", "钱多多", "chaoyang-sc2", "A");
        var dealId = await Scene.OpenDeal(sc, "bj-chaoyang-vw", customerId, "Tayron", "380TSI 4MOTION", colour, 1_000m, "Refundable");
        Assert.Equal("Approved", (await (await sc.PostAsync($"{Store}/deals/{dealId}/submit", null)).Json(HttpStatusCode.OK)).GetProperty("status").GetString());
        var signed = await (await sc.PostAsync($"{Store}/deals/{dealId}/sign", null)).Json(HttpStatusCode.OK);
        var downPayment = signed.GetProperty("figures").GetProperty("cashDue").GetDecimal() - 150_000m; // the rest of the price is the loan

        var finance = await fixture.SignedInToApp("chaoyang-finance");
        await Mud.Pick(finance, "queue-filter", "已签约");
        await finance.Locator($"#queue tr[data-deal='{dealId}'] a").ClickAsync();
        await finance.Locator("#lender").FillAsync("北京银行");
        await finance.Locator("#loan-amount").FillAsync("150000");
        await finance.Locator("#down-payment").FillAsync(downPayment.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await finance.Locator("#open-loan").ClickAsync();
        await Assertions.Expect(finance.Locator("#loan-status")).ToHaveTextAsync("收集资料");

        // Submitting before every document is in is refused with the API's reason beside the case.
        await finance.Locator("#loan-Submit").ClickAsync();
        await Assertions.Expect(finance.Locator("#deal-loan #refusal")).ToBeVisibleAsync();
        var collect = finance.Locator("#loan-documents .collect");
        while (await collect.CountAsync() > 0)
        {
            var left = await collect.CountAsync();
            await collect.First.ClickAsync();
            await Assertions.Expect(collect).ToHaveCountAsync(left - 1);
        }

        await finance.Locator("#loan-Submit").ClickAsync();
        await Assertions.Expect(finance.Locator("#loan-status")).ToHaveTextAsync("已提交");
        await finance.Locator("#loan-Approve").ClickAsync();
        await Assertions.Expect(finance.Locator("#loan-status")).ToHaveTextAsync("已批准");
        await Screenshots.Save(finance, "finance-loan-case");
        await Axe.NoSeriousViolations(finance, "loan case");

        var now = await (await sm.GetAsync($"{Store}/deals/{dealId}")).Json(HttpStatusCode.OK);
        Assert.Equal(("Approved", "北京银行"), (now.GetProperty("loan").GetProperty("status").GetString(), now.GetProperty("loan").GetProperty("lender").GetString()));
    }

    [Fact]
    public async Task The_administrator_adds_a_consultant_who_can_sign_in_then_disables_them_and_the_gm_changes_a_policy()
    {
        var admin = await fixture.SignedInToApp("huaxia-admin");
        var username = $"chaoyang-sc{Random.Shared.Next(100, 999)}";
        await admin.Locator("#new-username").FillAsync(username);
        await admin.Locator("#new-display-name").FillAsync("销售顾问 新同事");
        await admin.Locator("#new-password").FillAsync("a-long-first-password-2026");
        await admin.Locator("#new-stores").FillAsync("bj-chaoyang-vw");

        // Both reads are kept out at once, as a slow answer did: the read after the new member is answered only once the store
        // filter's read has gone out, and the filter's only after that. The older answer's rows once went into the newer list
        // and showed the member twice; the screen must end with the filter's rows alone.
        var (filterSent, olderAnswered) = (new TaskCompletionSource(), new TaskCompletionSource());
        var list = new Regex(@"/api/v2/groups/[^/]+/staff\?");
        await admin.RouteAsync(list, async route =>
        {
            var filter = route.Request.Url.Contains("storeId=", StringComparison.Ordinal);
            if (filter)
            {
                filterSent.TrySetResult();
                await olderAnswered.Task.WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default);
                await route.FulfillAsync(new() { Response = await route.FetchAsync() });
                return;
            }

            await filterSent.Task.WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default);
            await route.FulfillAsync(new() { Response = await route.FetchAsync() });
            olderAnswered.TrySetResult();
        });
        await admin.RunAndWaitForRequestAsync(() => admin.Locator("#create-staff").ClickAsync(),
            r => r.Method == "GET" && list.IsMatch(r.Url) && !r.Url.Contains("storeId=", StringComparison.Ordinal)); // the read after the new member
        await admin.Locator("#staff-store").FillAsync("bj-chaoyang-vw");
        var row = admin.Locator($"#staff tr[data-staff='{username}']");
        using var hq = Gateway.Client(await Gateway.SignIn("huaxia-admin"));
        var storeStaff = await (await hq.GetAsync($"/api/groups/huaxia/staff?storeId=bj-chaoyang-vw&limit=50")).Json(HttpStatusCode.OK);
        await Assertions.Expect(admin.Locator("#staff tbody tr")).ToHaveCountAsync(storeStaff.GetProperty("items").GetArrayLength());
        await Assertions.Expect(row).ToContainTextAsync("在职");
        Assert.NotEmpty(await Gateway.SignIn(username, "a-long-first-password-2026"));
        await Axe.NoSeriousViolations(admin, "staff");

        await row.Locator(".toggle-staff").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("已停用");

        var gm = await fixture.SignedInToApp("chaoyang-gm");
        await gm.GetByText("门店设置").First.ClickAsync();
        var aged = gm.Locator("#policy-aged");
        await Assertions.Expect(aged).Not.ToHaveValueAsync("");
        await aged.FillAsync("75");
        await gm.Locator("#save-policies").ClickAsync();
        await Assertions.Expect(gm.Locator("#store-saved")).ToBeVisibleAsync();
        await Axe.NoSeriousViolations(gm, "store settings");
        using var api = Gateway.Client(await Gateway.SignIn("chaoyang-gm"));
        var store = await (await api.GetAsync(Store)).Json(HttpStatusCode.OK);
        Assert.Equal(75, store.GetProperty("policies").GetProperty("agedStockDays").GetInt32());
    }

    [Fact]
    public async Task The_administrator_downloads_the_store_s_full_export_from_the_data_page()
    {
        var admin = await fixture.SignedInToApp("huaxia-admin");
        await admin.GetByText("数据导出").First.ClickAsync();
        await Assertions.Expect(admin.Locator("#export-group")).ToBeVisibleAsync();
        await Axe.NoSeriousViolations(admin, "data");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.Locator("#export-store").ClickAsync());
        Assert.EndsWith("-export.zip", download.SuggestedFilename, StringComparison.Ordinal);
        using var zip = new System.IO.Compression.ZipArchive(File.OpenRead(await download.PathAsync()));
        Assert.Equal("README.md", zip.Entries[0].FullName);
        Assert.Contains(zip.Entries, e => e.FullName == "customers.csv");
        Assert.Contains(zip.Entries, e => e.FullName == "grain_state.csv");
        await Assertions.Expect(admin.Locator("#download-progress")).ToHaveAttributeAsync("data-done", "true");
    }

    [Fact]
    public async Task Finance_checks_a_day_s_vouchers_downloads_them_and_orders_the_file_s_columns()
    {
        var finance = await fixture.SignedInToApp("haidian-finance");
        await finance.GetByText("会计凭证").First.ClickAsync();
        await Assertions.Expect(finance.Locator("#voucher-state")).ToHaveAttributeAsync("data-closed", "false");
        await Assertions.Expect(finance.Locator("#total-debit")).ToHaveTextAsync(await finance.Locator("#total-credit").TextContentAsync() ?? "");
        await Axe.NoSeriousViolations(finance, "vouchers");

        var download = await finance.RunAndWaitForDownloadAsync(() => finance.Locator("#download-vouchers").ClickAsync());
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(await download.PathAsync()))[..2]);

        // The summary column goes first, as the store's finance software imports it.
        var summary = finance.Locator("#voucher-columns tr[data-column='Summary']");
        for (var i = 0; i < 4; i++)
        {
            await summary.Locator(".column-up").ClickAsync();
        }

        await Assertions.Expect(finance.Locator("#voucher-columns tr").First).ToHaveAttributeAsync("data-column", "Summary");
        await finance.Locator("#account-code-Bank").FillAsync("1002.09");
        await finance.Locator("#save-voucher-settings").ClickAsync();
        await Assertions.Expect(finance.Locator("#voucher-settings-saved")).ToBeVisibleAsync();
        using var api = Gateway.Client(await Gateway.SignIn("haidian-finance"));
        var settings = await (await api.GetAsync("/api/v2/stores/bj-haidian-vw/voucher-settings")).Json(HttpStatusCode.OK);
        Assert.Equal("Summary", settings.GetProperty("columns")[0].GetString());
        Assert.Contains(settings.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("account").GetString() == "Bank" && a.GetProperty("code").GetString() == "1002.09");
    }

    [Fact]
    public async Task The_parts_planner_brings_suppliers_and_parts_in_through_the_import_wizard()
    {
        var planner = await fixture.SignedInToApp("chaoyang-parts");
        await planner.GetByText("数据导入").First.ClickAsync();
        await Assertions.Expect(planner.Locator("#import-history")).ToBeVisibleAsync();
        await Axe.NoSeriousViolations(planner, "imports");
        var template = await planner.RunAndWaitForDownloadAsync(() => planner.Locator("#template-xlsx").ClickAsync());
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(await template.PathAsync()))[..2]);

        // Suppliers: checked first (nothing changes), then imported.
        var folder = Directory.CreateTempSubdirectory("dealership-import-").FullName;
        var suppliers = Path.Combine(folder, "suppliers.csv");
        await File.WriteAllTextAsync(suppliers, "供应商名称 Supplier,联系人 Contact\r\n向导测试供应商,李经理\r\n");
        await planner.Locator("input[type=file]").First.SetInputFilesAsync(suppliers);
        await Assertions.Expect(planner.Locator("#import-file-name")).ToHaveTextAsync("suppliers.csv");
        await planner.Locator("#import-check").ClickAsync();
        await Assertions.Expect(planner.Locator("#import-report")).ToHaveAttributeAsync("data-status", "Checked");
        await Assertions.Expect(planner.Locator("#import-report")).ToHaveAttributeAsync("data-added", "1");
        await planner.Locator("#import-apply").ClickAsync();
        await Assertions.Expect(planner.Locator("#import-report")).ToHaveAttributeAsync("data-status", "Applied");

        // Parts: the bad row is shown by row, column and reason in the user's language; the good one is imported.
        await Mud.Pick(planner, "import-kind", "配件主数据");
        var parts = Path.Combine(folder, "parts.csv");
        await File.WriteAllTextAsync(parts, "配件编号,配件名称,库位,供应商,库存数量,成本价,前1月需求\r\n" +
            "WIZ-2001,向导测试 机油滤清器,W-01,向导测试供应商,6,15.00,20\r\nWIZ-2002,向导测试 空滤,W-02,向导测试供应商,-1,20,\r\n");
        await planner.Locator("input[type=file]").First.SetInputFilesAsync(parts);
        await planner.Locator("#import-check").ClickAsync();
        await Assertions.Expect(planner.Locator("#import-report")).ToHaveAttributeAsync("data-bad", "1");
        var bad = planner.Locator("#import-problems tr[data-row='3']");
        await Assertions.Expect(bad).ToHaveAttributeAsync("data-code", "negative");
        await Assertions.Expect(bad).ToContainTextAsync("不能为负数");
        await Assertions.Expect(bad).ToContainTextAsync("库存数量");
        await planner.Locator("#import-apply").ClickAsync();
        await Assertions.Expect(planner.Locator("#import-report")).ToHaveAttributeAsync("data-status", "Applied");
        await Assertions.Expect(planner.Locator("#import-report")).ToHaveAttributeAsync("data-added", "1");
        await Assertions.Expect(planner.Locator("#import-history tr[data-import]").First).ToContainTextAsync("parts.csv");

        using var api = Gateway.Client(await Gateway.SignIn("chaoyang-parts"));
        var part = await (await api.GetAsync($"{Store}/parts/WIZ-2001")).Json(HttpStatusCode.OK);
        Assert.Equal((6, 15m), (part.GetProperty("onHand").GetInt32(), part.GetProperty("averageCost").GetDecimal()));
        await (await api.GetAsync($"{Store}/parts/WIZ-2002")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_administrator_imports_staff_and_a_new_member_signs_in_with_a_one_time_code_and_sets_their_password()
    {
        var admin = await fixture.SignedInToApp("huaxia-admin");
        await admin.GetByText("数据导入").First.ClickAsync();
        var username = $"wiz-tech{Random.Shared.Next(100, 999)}";
        var file = Path.Combine(Directory.CreateTempSubdirectory("dealership-import-").FullName, "staff.csv");
        await File.WriteAllTextAsync(file, $"用户名,姓名,岗位\r\n{username},向导测试 技师,技师\r\n");
        await admin.Locator("input[type=file]").First.SetInputFilesAsync(file);
        await admin.Locator("#import-check").ClickAsync();
        await Assertions.Expect(admin.Locator("#import-report")).ToHaveAttributeAsync("data-added", "1");
        await admin.Locator("#import-apply").ClickAsync();
        await Assertions.Expect(admin.Locator("#import-report")).ToHaveAttributeAsync("data-status", "Applied");

        // The wizard points to the staff page, where the member waits for their first sign-in and is given a code, shown once.
        await admin.Locator("#import-staff-next a").ClickAsync();
        await admin.Locator("#staff-store").FillAsync("bj-chaoyang-vw");
        var row = admin.Locator($"#staff tr[data-staff='{username}']");
        await Assertions.Expect(row.Locator(".standing")).ToHaveTextAsync("待首次登录");
        await row.Locator(".issue-code").ClickAsync();
        var shown = admin.Locator("#sign-in-code .code");
        await Assertions.Expect(shown).ToHaveAttributeAsync("data-code", new Regex("^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$"));
        var code = (await shown.GetAttributeAsync("data-code"))!;
        await Axe.NoSeriousViolations(admin, "staff with a sign-in code");

        // The member signs in with it on their own device, sets their password, and is in.
        var member = await (await fixture.NewContext()).NewPageAsync();
        await member.GotoAsync($"{Gateway.BaseAddress}app/");
        await member.Locator("#sign-in-mode").ClickAsync();
        await member.Locator("#username").FillAsync(username);
        await member.Locator("#sign-in-code").FillAsync(code);
        await member.Locator("#new-password").FillAsync("my-own-password-2026");
        await member.Locator("#repeat-password").FillAsync("my-own-password-2027");
        await member.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(member.GetByText("两次输入的密码不一致")).ToBeVisibleAsync();
        await member.Locator("#repeat-password").FillAsync("my-own-password-2026");
        await Axe.NoSeriousViolations(member, "first sign-in");
        await member.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(member.Locator("#who")).ToContainTextAsync("向导测试 技师");
        Assert.NotEmpty(await Gateway.SignIn(username, "my-own-password-2026"));
    }

    [Fact]
    public async Task The_group_administrator_registers_a_partner_system_whose_secret_works_once_shown_then_revokes_it()
    {
        var admin = await fixture.SignedInToApp("huaxia-admin");
        await admin.GetByText("接口接入方").First.ClickAsync();
        var name = $"厂家门户 {Random.Shared.Next(1000, 9999)}";
        await admin.Locator("#client-name").FillAsync(name);
        await Mud.Pick(admin, "client-role", "销售经理");
        await admin.Locator("#client-stores").FillAsync("bj-chaoyang-vw");
        await admin.Locator("select[data-area='vehicles']").SelectOptionAsync("read");
        await admin.Locator("select[data-area='deals']").SelectOptionAsync("write");
        await admin.Locator("#register-client").ClickAsync();

        // The secret is shown once, with the client id; it is a working credential for the partner's system.
        var secret = admin.Locator("#client-secret .secret");
        await Assertions.Expect(secret).ToHaveAttributeAsync("data-secret", new Regex("^dls_[A-Za-z0-9_-]{43}$"));
        var clientId = (await admin.Locator("#client-secret .client-id").TextContentAsync())!.Trim();
        var row = admin.Locator($"#api-clients tr[data-client='{clientId}']");
        await Assertions.Expect(row.Locator(".scopes")).ToHaveTextAsync("deals:write vehicles:read");
        await Axe.NoSeriousViolations(admin, "API clients with a secret shown");
        using var anonymous = Gateway.Client();
        var token = await (await anonymous.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = (await secret.GetAttributeAsync("data-secret"))!,
        }))).Json(HttpStatusCode.OK);
        using var partner = Gateway.Client(token.GetProperty("access_token").GetString());
        await (await partner.GetAsync($"{Store}/vehicles?limit=1")).Json(HttpStatusCode.OK);

        // Revoked from the page: the partner's token stops working at once.
        await row.Locator(".revoke-client").ClickAsync();
        await Assertions.Expect(row.Locator(".standing")).ToHaveTextAsync("已吊销");
        await (await partner.GetAsync($"{Store}/vehicles?limit=1")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_administrator_subscribes_a_partner_endpoint_whose_deliveries_verify_and_shows_them_on_the_page()
    {
        await using var receiver = await WebhookReceiver.Start();
        var admin = await fixture.SignedInToApp("huaxia-admin");
        await admin.GetByText("事件推送").First.ClickAsync();
        await admin.Locator("#hook-url").FillAsync(receiver.Url);
        await admin.Locator("#hook-stores").FillAsync("tj-hexi-toyota");
        await admin.Locator("#hook-types input[data-type='vehicle.received']").CheckAsync();
        await admin.Locator("#subscribe").ClickAsync();
        var secret = admin.Locator("#hook-secret .secret");
        await Assertions.Expect(secret).ToHaveAttributeAsync("data-secret", new Regex("^whsec_[A-Za-z0-9+/]{43}=$"));
        await Axe.NoSeriousViolations(admin, "webhooks with a secret shown");

        // A car comes into Hexi's stock: the endpoint gets it, signed with the secret the page showed.
        using var clerk = Gateway.Client(await Gateway.SignIn("hexi-clerk"));
        var vin = TestVins.New("LVGBE40K1T");
        await (await clerk.Post("/api/stores/tj-hexi-toyota/vehicles", new
        {
            vin,
            model = "Corolla",
            trim = "1.2T Pioneer",
            colour = "白",
            cost = 92_000m,
            status = "InStock",
            demo = false,
        })).Json(HttpStatusCode.Created);
        var got = await receiver.WaitFor(r => r.Count >= 1);
        Assert.True(got[0].SignedWith((await secret.GetAttributeAsync("data-secret"))!));
        Assert.Equal(vin, got[0].Event.GetProperty("data").GetProperty("vin").GetString());

        // Once the dispatcher has recorded the answer, the page lists the delivery; the administrator pauses the subscription there.
        using var api = Gateway.Client(await Gateway.SignIn("huaxia-admin"));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while ((await api.All("/api/groups/huaxia/webhooks")).EnumerateArray().Single(h => h.GetProperty("url").GetString() == receiver.Url)
            .GetProperty("deliveredThrough").GetInt64() < 1)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the delivery was never recorded as delivered");
            await Task.Delay(100);
        }

        var row = admin.Locator("#hooks tr", new() { HasText = receiver.Url });
        await row.Locator(".show-deliveries").ClickAsync();
        await Assertions.Expect(admin.Locator("#deliveries tr[data-number='1'] .delivery-status")).ToContainTextAsync("已送达");
        await row.Locator(".pause-hook").ClickAsync();
        await Assertions.Expect(row.Locator(".standing")).ToContainTextAsync("已暂停");
        await row.Locator(".cancel-hook").ClickAsync();
        await Assertions.Expect(row.Locator(".standing")).ToContainTextAsync("已取消");
    }
}
