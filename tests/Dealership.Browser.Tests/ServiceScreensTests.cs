using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// A service visit through the screens: the advisor books the car, checks it in, quotes and estimates, records the customer's
/// signature; the technician works the line; the advisor checks the work, invoices and hands the car back. The lounge's service
/// board, on a board token, follows the car through.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_booked_car_is_checked_in_quoted_approved_worked_checked_invoiced_and_handed_back()
    {
        // Two days ahead in the store's time, where no other test books.
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(2);
        var vin = TestVins.New("LSVAB24B5T");
        var plate = $"京N{Random.Shared.Next(10_000, 100_000)}";
        var lounge = await ServiceBoard();
        var advisor = await fixture.SignedInToApp("chaoyang-advisor");
        await advisor.Locator("#workshop-day").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Assertions.Expect(advisor.Locator("#workshop-load")).ToContainTextAsync("h");

        await advisor.Locator("#booking-name").FillAsync("冯先生");
        await advisor.Locator("#booking-mobile").FillAsync($"1331{Environment.ProcessId % 1000:D3}{Random.Shared.Next(10_000):D4}");
        await advisor.Locator("#booking-vin").FillAsync(vin);
        await advisor.Locator("#booking-plate").FillAsync(plate);
        await advisor.Locator("#booking-concern").FillAsync("雨刮异响，前挡刮不干净");
        await advisor.Locator("#booking-hours").FillAsync("1");
        await advisor.Locator("#booking-at").FillAsync($"{day:yyyy-MM-dd}T10:30");
        await advisor.Locator("#book-appointment").ClickAsync();
        await Assertions.Expect(advisor.Locator("#booked")).ToBeVisibleAsync();
        var appointment = advisor.Locator("#appointments tr", new() { HasText = "冯先生" });
        await appointment.Locator(".check-in").ClickAsync();
        await Assertions.Expect(advisor.Locator("#arrival-name")).ToHaveValueAsync("冯先生");
        await advisor.Locator("#arrival-odometer").FillAsync("23500");
        await advisor.Locator("#open-repair-order").ClickAsync();
        await Assertions.Expect(advisor.Locator("#ro-status")).ToHaveTextAsync("接车");
        var orderUrl = advisor.Url;
        var onBoard = lounge.Locator($"#workshop tr[data-repair-order='{orderUrl.Split('/').Last()}']");
        await Assertions.Expect(onBoard.Locator(".stage")).ToHaveTextAsync("已接车 Checked in");
        await Assertions.Expect(onBoard.Locator(".plate")).ToHaveTextAsync($"{plate[..2]}·***{plate[^2..]}"); // masked, no customer
        await Assertions.Expect(lounge.Locator("#board")).Not.ToContainTextAsync("冯");

        // The quote: a labour line at the workshop's rate; the estimate; the customer signs.
        await advisor.Locator("#line-operation").FillAsync("更换前雨刮片");
        await advisor.Locator("#line-hours").FillAsync("0.5");
        await advisor.Locator("#line-reason").FillAsync("雨刮片老化");
        await advisor.Locator("#add-line").ClickAsync();
        await Assertions.Expect(advisor.Locator("#repair-lines tbody tr")).ToHaveCountAsync(1);
        await advisor.Locator("#give-estimate").ClickAsync();
        await Assertions.Expect(advisor.Locator("#ro-status")).ToHaveTextAsync("已报价");
        await Assertions.Expect(advisor.Locator("#estimate-total")).ToHaveTextAsync("¥90.00"); // 0.5 h at 180 CNY
        await advisor.Locator("#customer-approves").ClickAsync();
        await Assertions.Expect(advisor.Locator("#ro-status")).ToHaveTextAsync("客户已确认");
        await advisor.Locator("#start-work").ClickAsync();
        await Assertions.Expect(advisor.Locator("#ro-status")).ToHaveTextAsync("维修中");
        await Assertions.Expect(onBoard).ToHaveAttributeAsync("data-status", "InProgress");
        await Axe.NoSeriousViolations(advisor, "repair order");

        // The technician finds the job and works the line.
        var tech = await fixture.SignedInToApp("chaoyang-tech");
        await tech.GetByText("维修作业").First.ClickAsync();
        await tech.Locator("#repair-orders a", new() { HasText = orderUrl.Split('/').Last() }).ClickAsync();
        await tech.Locator("#repair-lines .clock-on").ClickAsync();
        await tech.Locator("#repair-lines .clock-off-done").ClickAsync();
        await Assertions.Expect(tech.Locator("#repair-lines tr.done")).ToHaveCountAsync(1);
        await tech.Locator("#request-qc").ClickAsync();
        await Assertions.Expect(tech.Locator("#ro-status")).ToHaveTextAsync("质检");
        await Screenshots.Save(tech, "technician-repair-order");

        // The advisor (who did not work on it) checks it; washed, invoiced, paid and handed back with the next visit agreed.
        await Assertions.Expect(advisor.Locator("#qc-form")).ToBeVisibleAsync(); // the open order follows the feed
        var points = advisor.Locator("#qc-form .qc-point input[type='checkbox']");
        for (var i = 0; i < await points.CountAsync(); i++)
        {
            await points.Nth(i).CheckAsync();
        }

        await advisor.Locator("#record-qc").ClickAsync();
        await advisor.Locator("#wash").ClickAsync();
        await advisor.Locator("#service-invoice-issue").ClickAsync();
        await Assertions.Expect(advisor.Locator("#ro-status")).ToHaveTextAsync("待交车");
        await Assertions.Expect(onBoard).ToHaveAttributeAsync("data-status", "Ready");
        await Screenshots.Save(lounge, "service-board");
        await Assertions.Expect(advisor.Locator("#service-invoice")).ToContainTextAsync("¥90.00");
        await advisor.Locator("#next-visit").FillAsync(day.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await advisor.Locator("#service-handover").ClickAsync();
        await Assertions.Expect(advisor.Locator("#ro-status")).ToHaveTextAsync("已交车");
        await Screenshots.Save(advisor, "advisor-repair-order-handed-back");
        await Assertions.Expect(onBoard).ToHaveCountAsync(0); // handed back: off the board

        using var api = Gateway.Client(await Gateway.SignIn("chaoyang-advisor"));
        var history = await (await api.GetAsync($"/api/stores/bj-chaoyang-vw/service/history?vin={vin}")).Json(HttpStatusCode.OK);
        Assert.Contains(orderUrl.Split('/').Last(), history.ToString()); // the car's service history has the visit
    }

    // The lounge's wall screen: the GM issues a board token, the screen opens the service board with it and goes live.
    private async Task<IPage> ServiceBoard()
    {
        using var gm = Gateway.Client(await Gateway.SignIn("chaoyang-gm"));
        var issued = await (await gm.Post("/api/stores/bj-chaoyang-vw/board-tokens", new { label = "Lounge TV" })).Json(HttpStatusCode.Created);
        var token = issued.GetProperty("token").GetString()!;
        var page = await fixture.NewPage();
        await page.GotoAsync($"{Gateway.BaseAddress}service-board.html?store=bj-chaoyang-vw&board={Uri.EscapeDataString(token)}");
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Assertions.Expect(page.Locator("#store-name")).ToContainTextAsync("Chaoyang");
        // The store's clock (+08:00), whatever zone the screen's browser is in (the hour may turn meanwhile).
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        await Assertions.Expect(page.Locator("#clock")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            $"^({now:HH}|{now.AddHours(1):HH}):\\d\\d:\\d\\d$"));
        await Axe.NoSeriousViolations(page, "service board");
        return page;
    }
}
