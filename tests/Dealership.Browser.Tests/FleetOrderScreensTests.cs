using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// A fleet of 20 cars through the screens: the general manager's order is refused over the account's credit limit until approved
/// with a reason; the floor allocates, books and hands over and the cashier invoices on account, in two batches of ten; the invoices
/// then stand 45 days old and the receivables screen shows their ageing and a collection task each; the cashier records the late
/// payment, which settles the oldest and closes their tasks; the statement downloads.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FleetOrderScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-haidian-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_fleet_of_twenty_is_delivered_in_two_batches_and_paid_late_with_its_ageing_and_collection_shown()
    {
        using var sm = Gateway.Client(await Gateway.SignIn("haidian-sm"));
        using var sc = Gateway.Client(await Gateway.SignIn("haidian-sc1"));
        using var clerk = Gateway.Client(await Gateway.SignIn("haidian-clerk"));
        using var tech = Gateway.Client(await Gateway.SignIn("haidian-tech"));

        // The scene through the API: a specification of its own colour with 20 cars in stock, the company at 105,000 a car agreed, its buyer.
        var colour = $"Fleet {Guid.NewGuid():N}"[..14];
        await Scene.Price(sm, Store, "Lavida", "1.5L Comfort", colour, 109_900m, 98_000m);
        for (var i = 0; i < 20; i++)
        {
            await (await clerk.Post($"/api/stores/{Store}/vehicles", new
            {
                vin = TestVins.New("LSVFL24B4U"),
                model = "Lavida",
                trim = "1.5L Comfort",
                colour,
                cost = 98_000m,
                status = "InStock",
                demo = false,
            })).Json(HttpStatusCode.Created);
        }

        var account = await (await sm.Post($"/api/stores/{Store}/key-accounts", new
        {
            name = "北京首汽约车服务有限公司",
            creditCode = "91120116MA06C2PN3E",
            specialVatInvoice = true,
            address = "北京市海淀区西三环北路 50 号",
            contacts = new[] { new { name = "马骏", title = "车辆采购经理", mobile = "13900000021" } },
            prices = new[] { new { model = "Lavida", trim = "1.5L Comfort", price = 105_000m } },
            paymentDays = 30,
            creditLimit = 1_500_000m,
        })).Json(HttpStatusCode.OK);
        var accountId = account.GetProperty("accountId").GetString()!;
        var buyer = $"马骏 {Random.Shared.Next(100, 999)}";
        await Scene.WalkIn(sc, Store, buyer, "haidian-sc1");

        // 20 × 105,000 = 2,100,000 is over the 1,500,000 limit: refused, then approved by the general manager with a reason.
        var gm = await fixture.SignedInToApp("haidian-gm");
        await gm.GotoAsync($"{Gateway.BaseAddress}app/fleet-orders");
        await Mud.Pick(gm, "fleet-account", "北京首汽约车服务有限公司");
        await Mud.Pick(gm, "fleet-buyer", buyer);
        await gm.Locator("#fleet-lines").FillAsync($"Lavida, 1.5L Comfort, {colour}, 20");
        await gm.Locator("#place-order").ClickAsync();
        await Assertions.Expect(gm.GetByText("超出客户信用额度")).ToBeVisibleAsync();
        await gm.Locator("#fleet-credit-approval").FillAsync("首汽年度框架协议，总经理批准超额");
        await gm.Locator("#place-order").ClickAsync();
        await Assertions.Expect(gm.Locator("#fleet-heading")).ToContainTextAsync("20 台", new() { Timeout = 60_000 });
        await Assertions.Expect(gm.Locator("#fleet-approval")).ToContainTextAsync("首汽年度框架协议");
        var orderUrl = gm.Url;
        var orderId = orderUrl[(orderUrl.LastIndexOf('/') + 1)..];

        var floor = await fixture.SignedInToApp("haidian-sm");
        var cashier = await fixture.SignedInToApp("haidian-cashier");
        for (var batch = 1; batch <= 2; batch++)
        {
            await floor.GotoAsync(orderUrl);
            await Run(floor, "配车", null);
            await Assertions.Expect(floor.Locator("#progress-allocated")).ToHaveTextAsync($"{batch * 10}");

            await cashier.GotoAsync($"{Gateway.BaseAddress}app/fleet-orders");
            await cashier.Locator($"#fleet-orders tr[data-order='{orderId}'] .open-order").ClickAsync();
            await Run(cashier, "挂账开票", null);
            await Assertions.Expect(cashier.Locator("#progress-invoiced")).ToHaveTextAsync($"{batch * 10}");

            await Run(floor, "预约交车", DateTime.UtcNow.AddHours(8 + 48).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
            // The technicians sign each car's PDI (their own screen, tested elsewhere).
            var order = await (await sm.GetAsync($"/api/stores/{Store}/fleet-orders/{orderId}")).Json(HttpStatusCode.OK);
            foreach (var car in order.GetProperty("cars").EnumerateArray()
                .Where(c => c.GetProperty("handoverSlot").ValueKind != System.Text.Json.JsonValueKind.Null && c.GetProperty("status").GetString() == "Invoiced"))
            {
                await (await tech.Post($"/api/stores/{Store}/deals/{car.GetProperty("dealId").GetString()}/pdi", new
                {
                    items = new[] { "Exterior and paint", "Interior", "Electrics and infotainment", "Fluids", "Tyres and wheels", "Road test",
                        "Accessories fitted", "Documents and keys" }.Select(name => new { name, passed = true }),
                    mileage = 6,
                })).Json(HttpStatusCode.OK);
            }

            await Run(floor, "交付车辆", null);
            await Assertions.Expect(floor.Locator("#progress-delivered")).ToHaveTextAsync($"{batch * 10}", new() { Timeout = 60_000 });
        }

        await Assertions.Expect(floor.Locator("#fleet-batches tbody tr")).ToHaveCountAsync(8);
        await Axe.NoSeriousViolations(floor, "fleet order");

        // The system runs on the real clock: the invoices are dated 45 days back (the grain tests age them on an injected clock).
        await fixture.Database.Scalar<int>(
            "WITH moved AS (UPDATE account_ledger SET booked_on = booked_on - 45, due_on = due_on - 45, at = at - interval '45 days' " +
            "WHERE store_id = @s AND account_id = @a RETURNING 1) SELECT count(*)::int FROM moved", ("s", Store), ("a", accountId));

        await floor.GotoAsync($"{Gateway.BaseAddress}app/key-accounts");
        await floor.Locator($"#key-accounts tr[data-account='{accountId}'] .account-receivables").ClickAsync();
        await Assertions.Expect(floor.Locator("#age-31-60")).ToHaveTextAsync("¥2,100,000.00");
        await Assertions.Expect(floor.Locator("#age-overdue")).ToHaveTextAsync("¥2,100,000.00");
        await Assertions.Expect(floor.Locator("#collection-tasks tr.task-open")).ToHaveCountAsync(20);
        await Axe.NoSeriousViolations(floor, "receivables");

        // Paid late: half of it, which settles the ten oldest invoices and closes their collection tasks.
        await cashier.GotoAsync(orderUrl);
        await cashier.Locator("#open-receivables").ClickAsync();
        await cashier.Locator("#payment-amount").FillAsync("1050000");
        await cashier.Locator("#payment-reference").FillAsync("招行 6621");
        await cashier.Locator("#record-payment").ClickAsync();
        await Assertions.Expect(cashier.Locator("#payment-recorded")).ToContainTextAsync("¥1,050,000.00");
        await Assertions.Expect(cashier.Locator("#receivables-balance")).ToHaveTextAsync("¥1,050,000.00");
        await Assertions.Expect(cashier.Locator("#collection-tasks tr.task-done")).ToHaveCountAsync(10);
        await Assertions.Expect(cashier.Locator("#account-ledger")).ToContainTextAsync("回款");

        var download = await floor.RunAndWaitForDownloadAsync(() => floor.Locator("#download-statement").ClickAsync());
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(await download.PathAsync()))[..2]);
    }

    /// <summary>Runs a batch of ten for the step (a handover booked at <paramref name="slot"/>) and waits for its answer.</summary>
    private static async Task Run(IPage page, string step, string? slot)
    {
        await Mud.Pick(page, "batch-step", step);
        await page.Locator("#batch-count").FillAsync("10");
        if (slot is not null)
        {
            await page.Locator("#batch-slot").FillAsync(slot);
        }

        await page.Locator("#run-batch").ClickAsync();
        await Assertions.Expect(page.Locator("#batch-result")).ToContainTextAsync("完成 10 台", new() { Timeout = 60_000 });
    }
}
