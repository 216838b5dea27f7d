using System.Net;
using System.Net.Http.Headers;
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
