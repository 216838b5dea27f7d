using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// A service visit through the screens: the advisor books the car, checks it in, quotes and estimates, records the customer's
/// signature; the technician works the line; the advisor checks the work, invoices and hands the car back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceScreensTests(BrowserFixture fixture)
{
    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_booked_car_is_checked_in_quoted_approved_worked_checked_invoiced_and_handed_back()
    {
        // Two days ahead in the store's time, where no other test books.
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(2);
        var vin = TestVins.New("LSVAB24B5T");
        var advisor = await fixture.SignedInToApp("chaoyang-advisor");
        await advisor.Locator("#workshop-day").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Assertions.Expect(advisor.Locator("#workshop-load")).ToContainTextAsync("h");

        await advisor.Locator("#booking-name").FillAsync("冯先生");
        await advisor.Locator("#booking-mobile").FillAsync($"1331{Environment.ProcessId % 1000:D3}{Random.Shared.Next(10_000):D4}");
        await advisor.Locator("#booking-vin").FillAsync(vin);
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
        await Assertions.Expect(advisor.Locator("#service-invoice")).ToContainTextAsync("¥90.00");
        await advisor.Locator("#next-visit").FillAsync(day.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await advisor.Locator("#service-handover").ClickAsync();
        await Assertions.Expect(advisor.Locator("#ro-status")).ToHaveTextAsync("已交车");
        await Screenshots.Save(advisor, "advisor-repair-order-handed-back");

        using var api = Gateway.Client(await Gateway.SignIn("chaoyang-advisor"));
        var history = await (await api.GetAsync($"/api/stores/bj-chaoyang-vw/service/history?vin={vin}")).Json(HttpStatusCode.OK);
        Assert.Contains(orderUrl.Split('/').Last(), history.ToString()); // the car's service history has the visit
    }
}
