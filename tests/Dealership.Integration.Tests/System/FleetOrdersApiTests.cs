using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;
using MiniExcelLibs;

namespace Dealership.Integration.Tests.System;

/// <summary>A line of the statement of account's Statement sheet as the account's accountant reads it.</summary>
public sealed class StatementLine
{
    public string Entry { get; set; } = "";
    public string Kind { get; set; } = "";
    public decimal Debit { get; set; }
    public decimal Credit { get; set; }
    public decimal Balance { get; set; }
}

/// <summary>
/// Fleet orders and receivables through the API: bad input named and nothing kept, the credit limit refused with 422 until the general
/// manager approves, batches run by the roles that own each step, payments on account, the ledger and the statement of account.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FleetOrdersApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Chaoyang}";

    [Fact]
    public async Task A_fleet_order_is_placed_over_the_limit_by_the_general_manager_invoiced_on_account_and_paid()
    {
        using var sm = fixture.A.Client(await fixture.A.SignIn("chaoyang-sm"));
        using var gm = fixture.A.Client(await fixture.A.SignIn("chaoyang-gm"));
        using var sc = fixture.B.Client(await fixture.B.SignIn("chaoyang-sc1"));
        using var cashier = fixture.B.Client(await fixture.B.SignIn("chaoyang-cashier"));
        using var clerk = fixture.A.Client(await fixture.A.SignIn("chaoyang-clerk"));
        using var other = fixture.A.Client(await fixture.A.SignIn("haidian-sm"));

        // Its own colour, so its cars are nobody else's (and not the demo's); agreed at 90,000 against the book's 96,000.
        var colour = $"Fleet {Guid.NewGuid():N}"[..14];
        await (await sm.PutAsync($"{Store}/price-book", JsonContent.Create(new
        {
            model = "Lavida",
            trim = "1.5L Comfort",
            colour,
            listPrice = 96_000m,
            guidePrice = 94_000m,
            cost = 84_000m,
        }))).Json(HttpStatusCode.OK);
        var account = await (await sm.PostAsync($"{Store}/key-accounts", JsonContent.Create(new
        {
            name = "天津滨海新区公交集团有限公司",
            creditCode = "91120000MA05K8XJ1R",
            specialVatInvoice = true,
            address = "天津市滨海新区洞庭路 10 号",
            contacts = new[] { new { name = "孙丽", title = "车队经理", mobile = "13900000011" } },
            prices = new[] { new { model = "Lavida", trim = "1.5L Comfort", price = 90_000m } },
            paymentDays = 30,
            creditLimit = 300_000m,
        }))).Json(HttpStatusCode.OK);
        var accountId = account.GetProperty("accountId").GetString()!;
        var entry = await (await sc.Post($"{Store}/showroom-register", new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "孙丽",
            mobile = $"139{Random.Shared.Next(0, 100_000_000):D8}",
            partySize = 1,
            grade = "A",
        })).Json(HttpStatusCode.Created);
        var buyer = entry.GetProperty("customerId").GetString();
        object Order(int quantity, string? creditApproval = null) => new
        {
            accountId,
            customerId = buyer,
            consultantId = "chaoyang-sc1",
            creditApproval,
            lines = new[] { new { model = "Lavida", trim = "1.5L Comfort", colour, quantity } },
        };

        var bad = await (await sm.Post($"{Store}/fleet-orders", Order(0))).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("lines[0].quantity", out _));
        await (await sc.Post($"{Store}/fleet-orders", Order(4))).Problem(HttpStatusCode.Forbidden);
        var over = await (await sm.Post($"{Store}/fleet-orders", Order(4))).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("credit-limit-exceeded", over.GetProperty("code").GetString());
        await (await sm.Post($"{Store}/fleet-orders", Order(4, "老客户"))).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(0L, await fixture.System.Database.Scalar<long>("SELECT count(*) FROM fleet_orders WHERE account_id = @a", ("a", accountId)));

        var key = $"fleet-{Guid.NewGuid():N}";
        var placed = await (await gm.Post($"{Store}/fleet-orders", Order(4, "公交集团年度框架协议"), key)).Json(HttpStatusCode.Created);
        var orderId = placed.GetProperty("orderId").GetString()!;
        Assert.Equal(360_000m, placed.GetProperty("value").GetDecimal());
        Assert.All(placed.GetProperty("cars").EnumerateArray(), c => Assert.Equal("Signed", c.GetProperty("status").GetString()));
        var again = await (await gm.Post($"{Store}/fleet-orders", Order(4, "公交集团年度框架协议"), key)).Json(HttpStatusCode.Created);
        Assert.Equal(orderId, again.GetProperty("orderId").GetString());
        Assert.Equal(4, (await (await sm.GetAsync($"{Store}/fleet-orders/{orderId}")).Json(HttpStatusCode.OK)).GetProperty("cars").GetArrayLength());
        await (await other.GetAsync($"{Store}/fleet-orders/{orderId}")).Problem(HttpStatusCode.Forbidden);
        await (await sm.GetAsync($"{Store}/fleet-orders/fo0000000000000000")).Problem(HttpStatusCode.NotFound);

        // Two of its cars are in stock: the first batch allocates them, the second finds none free and says so, car by car.
        for (var i = 0; i < 2; i++)
        {
            await (await clerk.Post($"{Store}/vehicles", new
            {
                vin = TestVins.New("LFVBF22B1T"),
                model = "Lavida",
                trim = "1.5L Comfort",
                colour,
                cost = 84_000m,
                status = "InStock",
                demo = false,
            })).Json(HttpStatusCode.Created);
        }

        var batches = $"{Store}/fleet-orders/{orderId}/batches";
        var slotBad = await (await sc.Post(batches, new { step = "Deliver", count = 2, slot = DateTimeOffset.UtcNow.AddDays(1) })).Problem(HttpStatusCode.BadRequest);
        Assert.True(slotBad.GetProperty("errors").TryGetProperty("slot", out _));
        var allocated = await (await sc.Post(batches, new { step = "Allocate", count = 4 })).Json(HttpStatusCode.OK);
        Assert.Equal((2, 2), (allocated.GetProperty("done").GetArrayLength(), allocated.GetProperty("refused").GetArrayLength()));
        Assert.Contains("in stock", allocated.GetProperty("refused")[0].GetProperty("reason").GetString());
        await (await sc.Post(batches, new { step = "Invoice", count = 2 })).Problem(HttpStatusCode.Forbidden);
        var invoiced = await (await cashier.Post(batches, new { step = "Invoice", count = 2 })).Json(HttpStatusCode.OK);
        Assert.Equal(2, invoiced.GetProperty("done").GetArrayLength());
        var none = await (await cashier.Post(batches, new { step = "Invoice", count = 2 })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("no-cars-ready", none.GetProperty("code").GetString());

        var receivables = $"{Store}/key-accounts/{accountId}";
        var owed = await (await sc.GetAsync($"{receivables}/receivables")).Json(HttpStatusCode.OK);
        Assert.Equal((180_000m, 180_000m, -60_000m), (owed.GetProperty("balance").GetDecimal(), owed.GetProperty("onOrder").GetDecimal(),
            owed.GetProperty("creditAvailable").GetDecimal()));
        Assert.Equal(180_000m, owed.GetProperty("ageing").GetProperty("days0To30").GetDecimal());

        var tooMuch = await (await cashier.Post($"{receivables}/payments", new { amount = 180_000.01m, method = "BankTransfer" })).Problem(HttpStatusCode.BadRequest);
        Assert.True(tooMuch.GetProperty("errors").TryGetProperty("amount", out _));
        var badMethod = await (await cashier.Post($"{receivables}/payments", new { amount = 1m, method = "Lender" })).Problem(HttpStatusCode.BadRequest);
        Assert.True(badMethod.GetProperty("errors").TryGetProperty("method", out _));
        await (await sm.Post($"{receivables}/payments", new { amount = 1m, method = "BankTransfer" })).Problem(HttpStatusCode.Forbidden);
        var paid = await (await cashier.Post($"{receivables}/payments", new { amount = 100_000m, method = "BankTransfer", reference = "工行 0931" }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(-100_000m, paid.GetProperty("amount").GetDecimal());

        var ledger = await sm.All($"{receivables}/ledger");
        Assert.Equal(["Payment", "Invoice", "Invoice"], ledger.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var xlsx = await sm.GetAsync($"{receivables}/statement.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var file = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Statement", "Ageing"], MiniExcel.GetSheetNames(file));
        file.Position = 0;
        var lines = MiniExcel.Query<StatementLine>(file, sheetName: "Statement", excelType: ExcelType.XLSX).ToList();
        Assert.Equal([90_000m, 180_000m, 80_000m], lines.Select(l => l.Balance));
        Assert.Equal(("Payment", 100_000m), (lines[2].Kind, lines[2].Credit));
        await (await other.GetAsync($"{receivables}/receivables")).Problem(HttpStatusCode.Forbidden);

        var orders = await sm.All($"{Store}/fleet-orders?accountId={accountId}");
        var row = Assert.Single(orders.EnumerateArray());
        Assert.Equal((2, 2, 0), (row.GetProperty("progress").GetProperty("allocated").GetInt32(), row.GetProperty("progress").GetProperty("invoiced").GetInt32(),
            row.GetProperty("progress").GetProperty("delivered").GetInt32()));
    }
}
