using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dealership.Integration.Tests.Infrastructure;
using MiniExcelLibs;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// Onboarding imports through the API: the parts planner brings suppliers, then parts (a GB18030 file with Chinese headers) into
/// a store; a dry run reports every bad row and changes nothing, all-or-none refuses, a real run applies the good rows and a second
/// run of the same file changes nothing; a changed row updates the part without touching its stock; bad files are 400s.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ImportsApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/v2/stores/{Demo.Chaoyang}";

    static ImportsApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Suppliers_then_parts_are_checked_row_by_row_applied_once_and_updated_without_touching_stock()
    {
        using var planner = fixture.A.Client(await fixture.A.SignIn("chaoyang-parts"));

        var template = await planner.GetAsync($"{Store}/imports/templates/parts.xlsx");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        using (var workbook = new MemoryStream(await template.Content.ReadAsByteArrayAsync()))
        {
            var header = ((IDictionary<string, object>)workbook.Query(useHeaderRow: false).First()).Values.Select(v => v?.ToString()).ToList();
            Assert.Equal("配件编号 Part number", header[0]);
            Assert.Contains("前12月需求 Demand month 12", header);
        }

        // Suppliers first: text a spreadsheet would run as a formula is kept as text; a bad phone is reported by row and column.
        var suppliers = Utf8("Supplier,联系人,Phone,纳税人识别号\r\n导入测试配件中心,=1+2,010-6666 8888,91110000MA01ABCD2X\r\n导入测试本地供应商,王经理,abc,\r\n");
        var checkedSuppliers = await (await Upload(planner, "Suppliers", suppliers, dryRun: true)).Json(HttpStatusCode.Created);
        Assert.Equal("Checked", checkedSuppliers.GetProperty("status").GetString());
        Assert.Equal(1, checkedSuppliers.GetProperty("rowsBad").GetInt32());
        Assert.Equal(1, checkedSuppliers.GetProperty("added").GetInt32());
        var phone = checkedSuppliers.GetProperty("firstProblems")[0];
        Assert.Equal((3, "phone", "bad-phone"), (phone.GetProperty("row").GetInt32(), phone.GetProperty("column").GetString(), phone.GetProperty("code").GetString()));
        Assert.Equal(0L, await Count("SELECT count(*) FROM suppliers WHERE store_id = @s AND name LIKE '导入测试%'"));

        var appliedSuppliers = await (await Upload(planner, "Suppliers", suppliers, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal(("Applied", 1), (appliedSuppliers.GetProperty("status").GetString(), appliedSuppliers.GetProperty("added").GetInt32()));
        var listed = await (await planner.GetAsync($"{Store}/suppliers?limit=500")).Json(HttpStatusCode.OK);
        var centre = listed.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "导入测试配件中心");
        Assert.Equal("=1+2", centre.GetProperty("contact").GetString());

        // Parts in GB18030 with Chinese headers only, as Chinese Excel saves CSV.
        var rows = new[]
        {
            "配件编号,配件名称,库位,供应商,库存数量,成本价,销售价,前1月需求,前2月需求,前3月需求,前4月需求,前5月需求,前6月需求,前7月需求,前8月需求,前9月需求,前10月需求,前11月需求,前12月需求",
            "IMPT-1001,机油滤清器 朗逸,A-01-01,导入测试配件中心,10,12.50,38,30,28,31,25,27,30,29,33,26,28,31,30",
            "IMPT-1005,空气滤清器,A-01-02,导入测试配件中心,-5,20,45,1,,,,,,,,,,,",
            "IMPT-1006,火花塞,A-01-03,不存在的供应商,4,30,60,,,,,,,,,,,,",
            "IMPT-1002,刹车片 前,B-02-01,导入测试配件中心,2,180,320,3,2,,,,,,,,,,",
            "IMPT-1002,刹车片 后,B-02-02,导入测试配件中心,2,160,300,2,1,,,,,,,,,,",
            "impt 1003!,雨刮片,C-01-01,,1,25,60,,,,,,,,,,,,",
            "IMPT-1004,玻璃水,C-01-02,,24,3.20,12,40,38,,,,,,,,,,",
        };
        var parts = Gb18030(string.Join("\r\n", rows) + "\r\n");
        var dry = await (await Upload(planner, "Parts", parts, dryRun: true)).Json(HttpStatusCode.Created);
        Assert.Equal(("Checked", 7, 5, 2), (dry.GetProperty("status").GetString(), dry.GetProperty("rowsRead").GetInt32(), dry.GetProperty("rowsBad").GetInt32(),
            dry.GetProperty("added").GetInt32()));
        var problems = await (await planner.GetAsync($"{Store}/imports/{dry.GetProperty("importId").GetString()}/problems")).Json(HttpStatusCode.OK);
        var found = problems.GetProperty("items").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString(), p.GetProperty("code").GetString())).ToHashSet();
        Assert.Contains((3, "onHand", "negative"), found);
        Assert.Contains((4, "supplier", "unknown-supplier"), found);
        Assert.Contains((5, "partNumber", "duplicate-in-file"), found);
        Assert.Contains((6, "partNumber", "duplicate-in-file"), found);
        Assert.Contains((7, "partNumber", "bad-part-number"), found);

        // A page at a time, every problem comes once, in row order (a duplicate's first row is found after its second).
        var paged = new List<int>();
        string? after = null;
        do
        {
            var page = await (await planner.GetAsync($"{Store}/imports/{dry.GetProperty("importId").GetString()}/problems?limit=1" +
                (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"))).Json(HttpStatusCode.OK);
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("row").GetInt32()));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Equal(problems.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("row").GetInt32()), paged);
        Assert.Equal(paged.Order(), paged);
        Assert.Equal(0L, await Count("SELECT count(*) FROM parts_items WHERE store_id = @s AND part_number LIKE 'IMPT-%'"));

        var refused = await (await Upload(planner, "Parts", parts, dryRun: false, allOrNone: true)).Json(HttpStatusCode.Created);
        Assert.Equal(("Refused", 0), (refused.GetProperty("status").GetString(), refused.GetProperty("added").GetInt32()));
        Assert.Equal(0L, await Count("SELECT count(*) FROM parts_items WHERE store_id = @s AND part_number LIKE 'IMPT-%'"));

        var applied = await (await Upload(planner, "Parts", parts, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal(("Applied", 2, 5), (applied.GetProperty("status").GetString(), applied.GetProperty("added").GetInt32(), applied.GetProperty("rowsBad").GetInt32()));
        var filter = await (await planner.GetAsync($"{Store}/parts/IMPT-1001")).Json(HttpStatusCode.OK);
        Assert.Equal((10, 12.5m, "A-01-01", "导入测试配件中心"), (filter.GetProperty("onHand").GetInt32(), filter.GetProperty("averageCost").GetDecimal(),
            filter.GetProperty("bin").GetString(), filter.GetProperty("planning").GetProperty("supplier").GetString()));
        Assert.Equal(348L, await Count("SELECT sum(quantity) FROM parts_demand WHERE store_id = @s AND part_number = 'IMPT-1001'"));

        // Twelve months of history: the planner plans the part from it, not from its configured minimum.
        var review = await (await planner.GetAsync($"{Store}/parts-planning?limit=500")).Json(HttpStatusCode.OK);
        var line = review.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("partNumber").GetString() == "IMPT-1001");
        Assert.Equal("History", line.GetProperty("basis").GetString());
        Assert.InRange(line.GetProperty("meanDailyDemand").GetDouble(), 0.8, 1.1);

        // The same file again changes nothing.
        var again = await (await Upload(planner, "Parts", parts, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal((0, 0, 2), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Equal(1L, await Count("SELECT count(*) FROM parts_movements WHERE store_id = @s AND part_number = 'IMPT-1001'"));

        // A changed row moves the part to its new bin and price; its stock and history stay as they are.
        var moved = Utf8("Part number,Description,Bin,Supplier,Price,On hand\r\nIMPT-1001,机油滤清器 朗逸,A-09-09,导入测试配件中心,39.00,999\r\n");
        var update = await (await Upload(planner, "Parts", moved, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal(1, update.GetProperty("updated").GetInt32());
        var moved1001 = await (await planner.GetAsync($"{Store}/parts/IMPT-1001")).Json(HttpStatusCode.OK);
        Assert.Equal(("A-09-09", 39m, 10), (moved1001.GetProperty("bin").GetString(), moved1001.GetProperty("planning").GetProperty("price").GetDecimal(),
            moved1001.GetProperty("onHand").GetInt32()));

        // The OEM's price file: a stocked part takes its new price; a part the store does not stock is skipped, not bad.
        var prices = Utf8("配件编号,建议零售价\r\nIMPT-1001,41.00\r\nIMPT-1004,12\r\nIMPT-9999,88\r\nIMPT-1005,abc\r\n");
        var priced = await (await Upload(planner, "PartPrices", prices, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal((1, 1, 1, 1), (priced.GetProperty("updated").GetInt32(), priced.GetProperty("unchanged").GetInt32(),
            priced.GetProperty("skipped").GetInt32(), priced.GetProperty("rowsBad").GetInt32()));
        var repriced = await (await planner.GetAsync($"{Store}/parts/IMPT-1001")).Json(HttpStatusCode.OK);
        Assert.Equal((41m, "A-09-09"), (repriced.GetProperty("planning").GetProperty("price").GetDecimal(), repriced.GetProperty("bin").GetString()));
        await (await planner.GetAsync($"{Store}/parts/IMPT-9999")).Problem(HttpStatusCode.NotFound);

        // A master file without a price column leaves the part's price as the price file set it.
        var noPrices = await (await Upload(planner, "Parts", Utf8("Part number,Description,Bin\r\nIMPT-1001,机油滤清器 朗逸,A-09-09\r\n"), dryRun: false))
            .Json(HttpStatusCode.Created);
        Assert.Equal(1, noPrices.GetProperty("unchanged").GetInt32());
        Assert.Equal(41m, (await (await planner.GetAsync($"{Store}/parts/IMPT-1001")).Json(HttpStatusCode.OK)).GetProperty("planning").GetProperty("price").GetDecimal());

        var runs = await (await planner.GetAsync($"{Store}/imports")).Json(HttpStatusCode.OK);
        Assert.Equal(noPrices.GetProperty("importId").GetString(), runs.GetProperty("items")[0].GetProperty("importId").GetString());
        Assert.Equal(64, runs.GetProperty("items")[0].GetProperty("fileHash").GetString()!.Length);
        Assert.Equal(1L, await Count(
            $"SELECT count(*) FROM audit_trail WHERE store_id = @s AND subject = 'import' AND subject_id = '{update.GetProperty("importId").GetString()}'"));
    }

    [Fact]
    public async Task Bad_files_and_callers_are_refused_and_change_nothing()
    {
        using var planner = fixture.A.Client(await fixture.A.SignIn("chaoyang-parts"));
        using var consultant = fixture.A.Client(await fixture.A.SignIn("chaoyang-sc1"));
        var runs = await Count("SELECT count(*) FROM imports WHERE store_id = @s");

        await (await Upload(consultant, "Suppliers", Utf8("Supplier\r\nX\r\n"), dryRun: true)).Problem(HttpStatusCode.Forbidden);
        await (await planner.GetAsync($"/api/v2/stores/{Demo.Haidian}/imports")).Problem(HttpStatusCode.Forbidden);

        async Task Bad(string kind, byte[] body, string field, string? importId = null)
        {
            var problem = await (await Upload(planner, kind, body, dryRun: true, importId: importId)).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        await Bad("Parts", [], "file");
        await Bad("Parts", Utf8("配件编号,Colour\r\nX-1,red\r\n"), "file");
        await Bad("Parts", Utf8("配件编号,配件名称\r\nX-1,y\r\n"), "file"); // no bin column
        await Bad("Parts", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x80, 0x81], "file");
        await Bad("Parts", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01], "file");
        await Bad("Suppliers", Utf8("Supplier\r\n导入测试甲\r\n\"导入测试乙,\r\n导入测试丙\r\n"), "file"); // a quote never closed
        await Bad("Parts", Utf8("配件编号,配件名称,库位\r\n" + string.Join(",", Enumerable.Repeat("x", 300)) + "\r\n"), "file");
        await Bad("Cars", Utf8("Supplier\r\nX\r\n"), "kind");
        await Bad("Suppliers", Utf8("Supplier\r\nX\r\n"), "importId", importId: "not-an-id");
        Assert.Equal(runs, await Count("SELECT count(*) FROM imports WHERE store_id = @s"));

        // A retry with the same importId answers the run it began; another file under it is a conflict.
        var id = "im" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        var first = await (await Upload(planner, "Suppliers", Utf8("Supplier\r\n导入测试重试\r\n"), dryRun: true, importId: id)).Json(HttpStatusCode.Created);
        var retry = await (await Upload(planner, "Suppliers", Utf8("Supplier\r\n导入测试重试\r\n"), dryRun: true, importId: id)).Json(HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("startedAt").GetString(), retry.GetProperty("startedAt").GetString());
        var other = await (await Upload(planner, "Suppliers", Utf8("Supplier\r\n另一个\r\n"), dryRun: true, importId: id)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("idempotency-key-reused", other.GetProperty("code").GetString());
        Assert.Equal(runs + 1, await Count("SELECT count(*) FROM imports WHERE store_id = @s"));
    }

    [Fact]
    public async Task Imported_staff_sign_in_first_with_a_one_time_code_and_set_their_own_password()
    {
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        using var planner = fixture.A.Client(await fixture.A.SignIn("chaoyang-parts"));
        using var anonymous = fixture.B.Client();
        // A member of another store of the group (made here: the demo's own members are other tests' callers from another store).
        var haidian = $"impt-hd{Random.Shared.Next(100, 999)}";
        await (await admin.Post($"/api/v2/groups/{Demo.Group}/staff",
            new { username = haidian, displayName = "海淀客服", role = "CustomerServiceCaller", storeIds = new[] { Demo.Haidian }, wholeGroup = false, password = "a-long-password-2026" }))
            .Json(HttpStatusCode.Created);
        var staff = Utf8("用户名,姓名,岗位\r\nimpt-consultant,导入 顾问,销售顾问\r\nimpt-tech,导入 技师,Technician\r\nimpt-hq,导入 总部,集团总部\r\n" +
            $"Bad Name!,某人,销售顾问\r\n{haidian},海淀客服,客服专员\r\n");

        // Staff are the administrator's: the parts planner may import parts, not people.
        await (await Upload(planner, "Staff", staff, dryRun: true)).Problem(HttpStatusCode.Forbidden);

        // A group-wide role and a bad username are bad rows; a member of another store of the group is given this store too.
        var dry = await (await Upload(admin, "Staff", staff, dryRun: true)).Json(HttpStatusCode.Created);
        Assert.Equal((5, 2, 2, 1), (dry.GetProperty("rowsRead").GetInt32(), dry.GetProperty("rowsBad").GetInt32(), dry.GetProperty("added").GetInt32(),
            dry.GetProperty("updated").GetInt32()));
        var bad = dry.GetProperty("firstProblems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("code").GetString())).ToHashSet();
        Assert.Equal([(4, "unknown-role"), (5, "bad-username")], bad);
        await (await admin.GetAsync($"/api/v2/groups/{Demo.Group}/staff/impt-consultant")).Problem(HttpStatusCode.NotFound);

        var applied = await (await Upload(admin, "Staff", staff, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal(("Applied", 2, 1), (applied.GetProperty("status").GetString(), applied.GetProperty("added").GetInt32(), applied.GetProperty("updated").GetInt32()));
        var again = await (await Upload(admin, "Staff", staff, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal((0, 0, 3), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        var caller = await (await admin.GetAsync($"/api/v2/groups/{Demo.Group}/staff/{haidian}")).Json(HttpStatusCode.OK);
        Assert.Equal([Demo.Haidian, Demo.Chaoyang], caller.GetProperty("storeIds").EnumerateArray().Select(s => s.GetString()));
        var member = await (await admin.GetAsync($"/api/v2/groups/{Demo.Group}/staff/impt-consultant")).Json(HttpStatusCode.OK);
        Assert.True(member.GetProperty("awaitingFirstSignIn").GetBoolean());
        Assert.Equal(("导入 顾问", "SalesConsultant"), (member.GetProperty("displayName").GetString(), member.GetProperty("role").GetString()));
        var floor = await (await admin.GetAsync($"{Store}/consultants")).Json(HttpStatusCode.OK);
        Assert.Contains(floor.EnumerateArray(), c => c.GetProperty("staffId").GetString() == "impt-consultant");

        // No password works before the member has set one; nor does a code before one is issued.
        var guess = new { username = "impt-consultant", password = "" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v2/auth/token", guess with { password = "demo-password-2026" })).StatusCode);
        var early = await anonymous.PostAsJsonAsync("/api/v2/auth/first-sign-in", new { username = "impt-consultant", code = "AAAA-BBBB-CCCC", newPassword = "my-own-password-1" });
        Assert.Equal("bad-credentials", (await early.Problem(HttpStatusCode.Unauthorized)).GetProperty("code").GetString());

        var issued = await admin.PostAsync($"/api/v2/groups/{Demo.Group}/staff/impt-consultant/sign-in-code", null);
        Assert.Equal("no-store", issued.Headers.CacheControl?.ToString());
        var code = (await issued.Json(HttpStatusCode.OK)).GetProperty("code").GetString()!;
        Assert.Matches("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", code);

        var weak = await anonymous.PostAsJsonAsync("/api/v2/auth/first-sign-in", new { username = "impt-consultant", code, newPassword = "short" });
        Assert.True((await weak.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("newPassword", out _));
        var wrong = await anonymous.PostAsJsonAsync("/api/v2/auth/first-sign-in", new { username = "impt-consultant", code = "2222-3333-4444", newPassword = "my-own-password-1" });
        await wrong.Problem(HttpStatusCode.Unauthorized);

        // The code as typed, in lower case without its dashes, signs the member in and sets their password; it works once.
        var typed = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var first = await (await anonymous.PostAsJsonAsync("/api/v2/auth/first-sign-in", new { username = "impt-consultant", code = typed, newPassword = "my-own-password-1" }))
            .Json(HttpStatusCode.OK);
        using var consultant = fixture.B.Client(first.GetProperty("accessToken").GetString());
        var me = await (await consultant.GetAsync($"{Store}/consultants/impt-consultant")).Json(HttpStatusCode.OK);
        Assert.Equal("impt-consultant", me.GetProperty("staffId").GetString());
        await (await anonymous.PostAsJsonAsync("/api/v2/auth/first-sign-in", new { username = "impt-consultant", code, newPassword = "another-password-2" }))
            .Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v2/auth/token", guess with { password = "my-own-password-1" })).StatusCode);
        member = await (await admin.GetAsync($"/api/v2/groups/{Demo.Group}/staff/impt-consultant")).Json(HttpStatusCode.OK);
        Assert.False(member.GetProperty("awaitingFirstSignIn").GetBoolean());
        var history = await (await admin.GetAsync($"/api/v2/groups/{Demo.Group}/staff/impt-consultant/history")).Json(HttpStatusCode.OK);
        Assert.Contains(history.GetProperty("items").EnumerateArray(), h => h.GetProperty("what").GetString()!.Contains("one-time code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Customers_merge_by_mobile_with_their_consent_and_prospects_open_cards_for_the_store_s_consultants()
    {
        using var manager = fixture.A.Client(await fixture.A.SignIn("chaoyang-sm"));
        using var planner = fixture.A.Client(await fixture.A.SignIn("chaoyang-parts"));
        var (first, second) = ($"139{Random.Shared.Next(10_000_000, 99_999_999)}", $"139{Random.Shared.Next(10_000_000, 99_999_999)}");
        var customers = Utf8($"手机号,姓名,同意营销联系,联系渠道,首次到店日期\r\n+86 {first},导入 客户甲,是,微信,2024/3/8\r\n{second},导入 客户乙,,,\r\n" +
            $"12345,坏号码,是,,\r\n{first},重复,否,,\r\n");
        await (await Upload(planner, "Customers", customers, dryRun: true)).Problem(HttpStatusCode.Forbidden);

        // A number twice in the file is bad on both rows, and the report masks it as the customer list does.
        var dry = await (await Upload(manager, "Customers", customers, dryRun: true)).Json(HttpStatusCode.Created);
        Assert.Equal((4, 3, 1), (dry.GetProperty("rowsRead").GetInt32(), dry.GetProperty("rowsBad").GetInt32(), dry.GetProperty("added").GetInt32()));
        var twice = dry.GetProperty("firstProblems").EnumerateArray().First(p => p.GetProperty("code").GetString() == "duplicate-in-file");
        Assert.Contains($"{first[..3]}****{first[7..]}", twice.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(first, twice.GetProperty("message").GetString(), StringComparison.Ordinal);

        var once = Utf8($"手机号,姓名,同意营销联系,联系渠道,首次到店日期\r\n+86 {first},导入 客户甲,是,微信,2024/3/8\r\n{second},导入 客户乙,,,\r\n");
        var applied = await (await Upload(manager, "Customers", once, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal(("Applied", 2), (applied.GetProperty("status").GetString(), applied.GetProperty("added").GetInt32()));
        var again = await (await Upload(manager, "Customers", once, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal((0, 0, 2), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));

        var found = await (await manager.GetAsync($"{Store}/customers?search={first}")).Json(HttpStatusCode.OK);
        var customer = Assert.Single(found.GetProperty("items").EnumerateArray());
        var id = customer.GetProperty("customerId").GetString();
        Assert.Equal(("导入 客户甲", 0), (customer.GetProperty("name").GetString(), customer.GetProperty("visits").GetInt32()));
        Assert.StartsWith("2024-03-0", customer.GetProperty("firstSeenAt").GetString(), StringComparison.Ordinal);
        var consent = await (await manager.GetAsync($"{Store}/customers/{id}/consent")).Json(HttpStatusCode.OK);
        Assert.Equal((true, "WeChat"), (consent.GetProperty("marketing").GetBoolean(), consent.GetProperty("channel").GetString()));

        // The customer withdrew consent in the old system: the merge records the withdrawal; the name the store has is kept.
        var withdrawn = await (await Upload(manager, "Customers", Utf8($"Mobile,Name,Marketing consent\r\n{first},别的名字,否\r\n"), dryRun: false))
            .Json(HttpStatusCode.Created);
        Assert.Equal((0, 1), (withdrawn.GetProperty("added").GetInt32(), withdrawn.GetProperty("updated").GetInt32()));
        consent = await (await manager.GetAsync($"{Store}/customers/{id}/consent")).Json(HttpStatusCode.OK);
        Assert.False(consent.GetProperty("marketing").GetBoolean());

        // A file's consent never overrides a withdrawal the store has: the customer said no, and no file says yes for them.
        var overriding = await (await Upload(manager, "Customers", once, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal((0, 2), (overriding.GetProperty("updated").GetInt32(), overriding.GetProperty("unchanged").GetInt32()));
        consent = await (await manager.GetAsync($"{Store}/customers/{id}/consent")).Json(HttpStatusCode.OK);
        Assert.False(consent.GetProperty("marketing").GetBoolean());
        Assert.Equal("导入 客户甲", (await (await manager.GetAsync($"{Store}/customers/{id}")).Json(HttpStatusCode.OK)).GetProperty("name").GetString());

        // Prospects: a known customer gets a card, a new number becomes a customer with one; a consultant not on this floor is a bad row.
        var (third, fourth) = ($"137{Random.Shared.Next(10_000_000, 99_999_999)}", $"136{Random.Shared.Next(10_000_000, 99_999_999)}");
        var due = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture);
        var prospects = Utf8($"手机号,姓名,销售顾问,意向级别,意向车型,预算,下次跟进日期,备注\r\n{second},导入 客户乙,chaoyang-sc1,a,朗逸,120000,{due},老系统：周末看车\r\n" +
            $"{third},导入 客户丙,chaoyang-sc2,H,,,,\r\n{fourth},导入 客户丁,haidian-sc1,B,,,,\r\n");
        var opened = await (await Upload(manager, "Prospects", prospects, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal((1, 1, 1), (opened.GetProperty("added").GetInt32(), opened.GetProperty("updated").GetInt32(), opened.GetProperty("rowsBad").GetInt32()));
        Assert.Equal("unknown-consultant", opened.GetProperty("firstProblems")[0].GetProperty("code").GetString());
        var rerun = await (await Upload(manager, "Prospects", prospects, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal((0, 0, 2), (rerun.GetProperty("added").GetInt32(), rerun.GetProperty("updated").GetInt32(), rerun.GetProperty("unchanged").GetInt32()));

        var secondId = (await (await manager.GetAsync($"{Store}/customers?search={second}")).Json(HttpStatusCode.OK)).GetProperty("items")[0]
            .GetProperty("customerId").GetString();
        var card = (await (await manager.GetAsync($"{Store}/customers/{secondId}")).Json(HttpStatusCode.OK)).GetProperty("prospect");
        Assert.Equal(("Active", "A", "chaoyang-sc1", "朗逸"), (card.GetProperty("status").GetString(), card.GetProperty("grade").GetString(),
            card.GetProperty("consultantId").GetString(), card.GetProperty("modelOfInterest").GetString()));
        Assert.Equal(120000m, card.GetProperty("budget").GetDecimal());
        Assert.StartsWith(due, card.GetProperty("nextFollowUpDue").GetString(), StringComparison.Ordinal);
        var log = await (await manager.GetAsync($"{Store}/customers/{secondId}/follow-ups")).Json(HttpStatusCode.OK);
        Assert.Equal(("import", "老系统：周末看车"), (log.GetProperty("items")[0].GetProperty("channel").GetString(), log.GetProperty("items")[0].GetProperty("note").GetString()));

        // The consultant sees the imported prospect on their own list.
        using var consultant = fixture.A.Client(await fixture.A.SignIn("chaoyang-sc2"));
        var mine = await consultant.All($"{Store}/prospects");
        Assert.Contains(mine.EnumerateArray(), p => p.GetProperty("name").GetString() == "导入 客户丙" && p.GetProperty("grade").GetString() == "H");
    }

    [Fact]
    public async Task The_opening_stock_comes_in_with_real_arrival_days_and_a_car_of_another_store_is_a_bad_row()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("chaoyang-clerk"));
        using var planner = fixture.A.Client(await fixture.A.SignIn("chaoyang-parts"));
        var (aged, coming) = (TestVins.New("LFVBM24B1T"), TestVins.New("LFVBM24B2T"));
        var haidian = await fixture.System.Database.Scalar<string>("SELECT vin FROM vehicles WHERE store_id = @s LIMIT 1", ("s", Demo.Haidian));
        var arrived = DateTime.UtcNow.AddDays(-200).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture);
        var due = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture);
        var cars = Utf8("车架号,车型,配置,颜色,采购成本,状态,入库日期,试驾车,合格证,融资机构,融资到期日\r\n" +
            $"{aged},朗逸,1.5L 舒适版,极地白,\"98,500.00\",在库,{arrived},否,融资银行,北京银行,{due}\r\n" +
            $"{coming},帕萨特,330TSI 精英版,深海蓝,185000,In transit,,,,,\r\n" +
            $"{haidian},朗逸,1.5L,白,90000,在库,,,,,\r\n" +
            $"{coming[..16]}I,朗逸,1.5L,白,90000,在途,{arrived},,,北京银行,\r\n");
        await (await Upload(planner, "Vehicles", cars, dryRun: true)).Problem(HttpStatusCode.Forbidden);

        var applied = await (await Upload(clerk, "Vehicles", cars, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal(("Applied", 2, 2), (applied.GetProperty("status").GetString(), applied.GetProperty("added").GetInt32(), applied.GetProperty("rowsBad").GetInt32()));
        var problems = await (await clerk.GetAsync($"{Store}/imports/{applied.GetProperty("importId").GetString()}/problems")).Json(HttpStatusCode.OK);
        var found = problems.GetProperty("items").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("code").GetString())).ToHashSet();
        Assert.Contains((4, "vin-elsewhere"), found);
        Assert.Contains((5, "bad-vin"), found);
        Assert.Contains((5, "arrival-not-in-stock"), found);
        Assert.Contains((5, "floor-plan-incomplete"), found);

        // The car in stock is aged from its real arrival day, with its receipt in the ledger; the other is on its way.
        var car = await (await clerk.GetAsync($"{Store}/vehicles/{aged}")).Json(HttpStatusCode.OK);
        Assert.Equal(("InStock", 98500m, "WithFloorPlanBank"), (car.GetProperty("status").GetString(), car.GetProperty("cost").GetDecimal(),
            car.GetProperty("certificate").GetString()));
        Assert.StartsWith(arrived[..7], car.GetProperty("inStockSince").GetString(), StringComparison.Ordinal);
        Assert.Equal(("北京银行", due), (car.GetProperty("floorPlan").GetProperty("lender").GetString(), car.GetProperty("floorPlan").GetProperty("dueDate").GetString()));
        var ledger = await (await clerk.GetAsync($"{Store}/stock-ledger?vin={aged}")).Json(HttpStatusCode.OK);
        var receipt = Assert.Single(ledger.GetProperty("items").EnumerateArray());
        // The ledger line is written when the car came into the books (a closed month's stock is not changed after the fact).
        Assert.Equal("Receipt", receipt.GetProperty("type").GetString());
        var history = await (await clerk.GetAsync($"{Store}/vehicles/{aged}/history")).Json(HttpStatusCode.OK);
        Assert.Contains(history.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("what").GetString()!.Contains($"opening balance, in stock since {arrived}", StringComparison.Ordinal));
        var stock = await (await clerk.GetAsync($"{Store}/stock?minDays=150&limit=500")).Json(HttpStatusCode.OK);
        Assert.Contains(stock.GetProperty("rows").EnumerateArray(), c => c.GetProperty("vin").GetString() == aged);
        Assert.Equal("InTransit", (await (await clerk.GetAsync($"{Store}/vehicles/{coming}")).Json(HttpStatusCode.OK)).GetProperty("status").GetString());

        // Again: nothing changes. The certificate back in the safe: the car takes it, and keeps its cost and history.
        var again = await (await Upload(clerk, "Vehicles", cars, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal((0, 0, 2), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        var moved = Utf8($"VIN,Model,Trim,Colour,Cost,Status,Certificate\r\n{aged},朗逸,1.5L 舒适版,极地白,1,In stock,In safe\r\n");
        var updated = await (await Upload(clerk, "Vehicles", moved, dryRun: false)).Json(HttpStatusCode.Created);
        Assert.Equal(1, updated.GetProperty("updated").GetInt32());
        car = await (await clerk.GetAsync($"{Store}/vehicles/{aged}")).Json(HttpStatusCode.OK);
        Assert.Equal(("InSafe", 98500m, "北京银行"), (car.GetProperty("certificate").GetString(), car.GetProperty("cost").GetDecimal(),
            car.GetProperty("floorPlan").GetProperty("lender").GetString()));
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, string kind, byte[] file, bool dryRun, bool allOrNone = false, string? importId = null)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var query = $"kind={kind}&dryRun={(dryRun ? "true" : "false")}&allOrNone={(allOrNone ? "true" : "false")}&fileName={kind}.csv" +
            (importId is null ? "" : $"&importId={importId}");
        return client.PostAsync($"{Store}/imports?{query}", content);
    }

    private Task<long> Count(string sql) => fixture.System.Database.Scalar<long>(sql, ("s", Demo.Chaoyang));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gb18030(string text) => Encoding.GetEncoding(54936).GetBytes(text);

}
