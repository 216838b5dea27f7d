using System.Net;
using System.Text;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The parts planner's purchasing through the API on PostgreSQL (contract-checked): the edited suggestion list becomes a draft
/// per supplier, the general manager approves, the planner sends it, receives a delivery with damage and a shortage, the claims
/// are listed and settled, and the order goes to the supplier as CSV and .xlsx.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PurchaseOrdersApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Hexi}";

    private static async Task<string> NewPart(HttpClient planner, string supplier, int onHand, decimal cost)
    {
        var number = $"04152-{Random.Shared.Next(10_000, 99_999)}";
        await (await planner.Post($"{Store}/parts", new
        {
            partNumber = number,
            description = "Oil filter element",
            bin = "F-02",
            onHand,
            cost,
            supplier,
            leadTimeDays = 3,
            packSize = 1,
            minimum = 4,
            price = cost * 1.5m,
        })).Json(HttpStatusCode.Created);
        return number;
    }

    [Fact]
    public async Task A_planner_orders_from_the_review_receives_a_damaged_short_delivery_and_settles_the_claims()
    {
        using var planner = fixture.A.Client(await fixture.A.SignIn("hexi-parts"));
        using var gm = fixture.B.Client(await fixture.B.SignIn("hexi-gm"));
        using var otherPlanner = fixture.B.Client(await fixture.B.SignIn("chaoyang-parts"));
        var supplier = $"Mann Filter {Guid.NewGuid():N}"[..20];
        var filter = await NewPart(planner, supplier, onHand: 2, cost: 24m);
        var element = await NewPart(planner, supplier, onHand: 0, cost: 60m);

        // The planner's edited list: one draft for the supplier, the same one however often the request is retried.
        var key = Guid.NewGuid().ToString();
        var lines = new object[] { new { partNumber = filter, quantity = 20 }, new { partNumber = element, quantity = 5, unitCost = 58m } };
        var drafts = await (await planner.Post($"{Store}/parts-planning/orders", new { lines }, key)).Json(HttpStatusCode.OK);
        var again = await (await planner.Post($"{Store}/parts-planning/orders", new { lines }, key)).Json(HttpStatusCode.OK);
        var draft = Assert.Single(drafts.GetProperty("items").EnumerateArray());
        var id = draft.GetProperty("purchaseOrderId").GetString()!;
        Assert.Equal(id, Assert.Single(again.GetProperty("items").EnumerateArray()).GetProperty("purchaseOrderId").GetString());
        Assert.Equal(20 * 24m + 5 * 58m, draft.GetProperty("amount").GetDecimal());
        var order = $"{Store}/purchase-orders/{id}";

        await (await planner.PostAsync($"{order}/approve", null)).Problem(HttpStatusCode.Forbidden);
        await (await otherPlanner.GetAsync(order)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("Approved", (await (await gm.PostAsync($"{order}/approve", null)).Json(HttpStatusCode.OK)).GetProperty("status").GetString());
        await (await planner.Post($"{order}/sent", new { supplierReference = "MANN-SO-2231" })).Json(HttpStatusCode.OK);

        // A bad count is refused, naming the field, and changes nothing.
        var bad = await (await planner.Post($"{order}/receipts", new { deliveryNote = "DN-77", lines = new[] { new { line = 1, delivered = 5, accepted = -1, damaged = 0 } } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("lines[0].accepted", out _));

        // 18 filters on the note: 15 fine, 2 damaged, 1 short; 5 elements fine.
        var received = await planner.Post($"{order}/receipts", new
        {
            deliveryNote = "DN-77",
            lines = new[] { new { line = 1, delivered = 18, accepted = 15, damaged = 2 }, new { line = 2, delivered = 5, accepted = 5, damaged = 0 } },
        });
        var slip = await received.Json(HttpStatusCode.Created);
        Assert.Equal($"{order}/receipts/1", received.Headers.Location!.OriginalString);
        Assert.Equal(15 * 24m + 5 * 58m, slip.GetProperty("amount").GetDecimal());
        Assert.Equal(2, slip.GetProperty("claims").GetArrayLength());
        Assert.Equal(slip.GetRawText(), (await (await planner.GetAsync(received.Headers.Location)).Json(HttpStatusCode.OK)).GetRawText());
        var page = await planner.GetAsync($"{order}/receipts/1/slip.html");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("入库单", html);
        Assert.Contains("DN-77", html);
        Assert.Contains(WebUtility.HtmlEncode(supplier), html);
        var part = await (await planner.GetAsync($"{Store}/parts/{filter}")).Json(HttpStatusCode.OK);
        Assert.Equal(17, part.GetProperty("onHand").GetInt32());

        var claims = await (await gm.GetAsync($"{Store}/supplier-claims?status=Open&limit=500")).Json(HttpStatusCode.OK);
        var mine = claims.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("purchaseOrderId").GetString() == id).ToList();
        Assert.Equal(["Damaged", "Short"], mine.Select(c => c.GetProperty("kind").GetString()).Order());
        var damaged = mine.Single(c => c.GetProperty("kind").GetString() == "Damaged").GetProperty("claimId").GetString();
        var settled = await (await planner.Post($"{order}/claims/{damaged}/resolution", new { outcome = "Credited", note = "credit note CN-1207" }))
            .Json(HttpStatusCode.OK);
        Assert.Equal("Credited", settled.GetProperty("status").GetString());
        var now = await (await planner.GetAsync(order)).Json(HttpStatusCode.OK);
        Assert.Equal("PartlyReceived", now.GetProperty("status").GetString());
        Assert.Equal(3, now.GetProperty("lines")[0].GetProperty("outstanding").GetInt32()); // 20 − 15 accepted − 2 credited

        // The order for the supplier, as CSV and .xlsx.
        var csv = await planner.GetAsync($"{order}/export");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("PurchaseOrder,Supplier,Line,PartNumber,Description,Quantity,UnitCost,Amount,ApprovedBy,ApprovedAt", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.Contains($"{id},{supplier},2,{element},Oil filter element,5,58.00,290.00", rows[2]);
        var xlsx = await planner.GetAsync($"{order}/export?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        await (await planner.GetAsync($"{order}/export?format=pdf")).Problem(HttpStatusCode.BadRequest);

        var list = await (await gm.GetAsync($"{Store}/purchase-orders?supplier={Uri.EscapeDataString(supplier)}")).Json(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("purchaseOrderId").GetString());

        // Reconciling the supplier: their invoice for the receipt, less the credit note for the 2 damaged filters (48.00), is 12.00
        // over the 650.00 taken in; the cashier pays part of it.
        using var cashier = fixture.A.Client(await fixture.A.SignIn("hexi-cashier"));
        var account = $"{Store}/suppliers/{Uri.EscapeDataString(supplier)}";
        var invoiced = await planner.Post($"{account}/invoices", new { invoiceNumber = "FP-26120077", amount = 710m, purchaseOrderId = id, receipt = 1 });
        await invoiced.Json(HttpStatusCode.Created);
        Assert.Equal("already-invoiced", (await (await planner.Post($"{account}/invoices", new { invoiceNumber = "FP-26120078", amount = 650m, purchaseOrderId = id, receipt = 1 }))
            .Problem(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        await (await planner.Post($"{account}/payments", new { amount = 500m, reference = "BK-1" })).Problem(HttpStatusCode.Forbidden);
        await (await cashier.Post($"{account}/payments", new { amount = 500m, reference = "ICBC-20261205-01" })).Json(HttpStatusCode.Created);
        var balance = await (await gm.GetAsync($"{account}/account")).Json(HttpStatusCode.OK);
        // 710 invoiced − 500 paid − 48 credited (2 damaged × 24) = 162.
        Assert.Equal((710m, 500m, 48m, 162m), (balance.GetProperty("invoiced").GetDecimal(), balance.GetProperty("paid").GetDecimal(),
            balance.GetProperty("credited").GetDecimal(), balance.GetProperty("balance").GetDecimal()));

        var month = slip.GetProperty("receivedAt").GetString()![..7];
        var statement = await (await planner.GetAsync($"{account}/statement?month={month}")).Json(HttpStatusCode.OK);
        Assert.Equal(12m, statement.GetProperty("difference").GetDecimal());
        Assert.Equal(162m, statement.GetProperty("closingBalance").GetDecimal());
        var statementCsv = Encoding.UTF8.GetString(await (await planner.GetAsync($"{account}/statement.csv?month={month}")).Content.ReadAsByteArrayAsync());
        Assert.Contains($"Receipt,{month}", statementCsv);
        Assert.Contains("Payment,", statementCsv);
        Assert.Contains(",ICBC-20261205-01,,,,500.00,162.00,Owed,", statementCsv);
        Assert.Contains("FP-26120077," + id + ",1,,,,,650.00,48.00,710.00,12.00,Invoiced over received", statementCsv);
        Assert.DoesNotContain("'", statementCsv);
        var statementXlsx = await planner.GetAsync($"{account}/statement.xlsx?month={month}");
        Assert.Equal("PK"u8.ToArray(), (await statementXlsx.Content.ReadAsByteArrayAsync())[..2]);
        await (await planner.GetAsync($"{account}/statement?month=2026-13")).Problem(HttpStatusCode.BadRequest);

        // The month's numbers and workbooks.
        var numbers = await (await planner.GetAsync($"{Store}/parts-numbers?days=30")).Json(HttpStatusCode.OK);
        Assert.True(numbers.GetProperty("stockValue").GetDecimal() > 0);
        Assert.True(numbers.GetProperty("partsInStock").GetInt32() >= 2);
        await (await planner.GetAsync($"{Store}/parts-numbers?days=0")).Problem(HttpStatusCode.BadRequest);
        foreach (var book in new[] { "parts-planning.xlsx?toOrderOnly=true", "parts-valuation.xlsx", "parts-dead-stock.xlsx" })
        {
            var workbook = await planner.GetAsync($"{Store}/{book}");
            Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
            Assert.Equal("PK"u8.ToArray(), (await workbook.Content.ReadAsByteArrayAsync())[..2]);
        }
    }

    [Fact]
    public async Task Group_hq_requires_an_order_the_planner_cannot_change_or_call_off_and_hq_can()
    {
        using var planner = fixture.A.Client(await fixture.A.SignIn("hexi-parts"));
        using var hq = fixture.B.Client(await fixture.B.SignIn("huaxia-hq"));
        var part = await NewPart(planner, "Group parts centre", onHand: 0, cost: 15m);

        var required = await hq.Post($"{Store}/purchase-orders/required", new { supplier = "Group parts centre", lines = new[] { new { partNumber = part, quantity = 40 } }, note = "Winter tyres campaign" });
        var order = await required.Json(HttpStatusCode.Created);
        Assert.StartsWith("huaxia-hq (", order.GetProperty("requiredBy").GetString());
        var url = required.Headers.Location!.OriginalString;
        await (await planner.Post($"{Store}/purchase-orders/required", new { supplier = "X", lines = new[] { new { partNumber = part, quantity = 1 } } }))
            .Problem(HttpStatusCode.Forbidden);

        await (await planner.PutAsync($"{url}/lines", global::System.Net.Http.Json.JsonContent.Create(new { lines = new[] { new { partNumber = part, quantity = 1 } } })))
            .Problem(HttpStatusCode.Forbidden);
        await (await planner.Post($"{url}/cancel", new { reason = "too many" })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("Cancelled", (await (await hq.Post($"{url}/cancel", new { reason = "campaign moved" })).Json(HttpStatusCode.OK)).GetProperty("status").GetString());
    }
}
