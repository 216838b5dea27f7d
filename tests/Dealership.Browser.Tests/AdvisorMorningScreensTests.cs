using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// The advisor's morning through the screens: the reminder list of cars due, three customers booked into a busy day (one of
/// them moved to a slot with room when the one they wanted is full) and one customer not reached.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdvisorMorningScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-chaoyang-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_advisor_books_three_due_customers_into_a_busy_day_and_marks_one_unreachable()
    {
        // Four cars sold and serviced here over a year ago: their yearly service is overdue.
        var cars = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            cars.Add(await ServicedLongAgo(i));
        }

        // Four days ahead (where no other test books), 09:30 is full: two one-hour jobs fill its two staffed bays.
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(4);
        using var desk = Gateway.Client(await Gateway.SignIn("chaoyang-advisor"));
        for (var i = 0; i < 10; i++)
        {
            var booking = await desk.Post($"/api/stores/{Store}/appointments", new
            {
                customerName = "占位客户",
                mobile = "13700137000",
                plate = $"京C{10_000 + i}",
                concern = "保养",
                wantedAt = $"{day:yyyy-MM-dd}T09:30:00+08:00",
                expectedHours = 1,
            });
            if (booking.StatusCode == HttpStatusCode.Conflict)
            {
                break;
            }

            await booking.Json(HttpStatusCode.Created);
        }

        var advisor = await fixture.SignedInToApp("chaoyang-advisor");
        await advisor.GetByText("保养提醒").First.ClickAsync();
        foreach (var vin in cars)
        {
            await Assertions.Expect(advisor.Locator($"#reminders tr[data-vin='{vin}']")).ToBeVisibleAsync();
        }

        await Axe.NoSeriousViolations(advisor, "reminder list");

        // The list for the bulk-message tool: each car with its customer's number in full (the download is audited).
        var answered = await desk.GetAsync($"/api/stores/{Store}/service-reminders.csv");
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
        var download = await advisor.RunAndWaitForDownloadAsync(() => advisor.Locator("#download-reminders").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("Vin,Plate,Model,CustomerName,Mobile,DueOn,DueKm,Basis,Overdue", csv.TrimStart('\uFEFF'));
        foreach (var (vin, n) in cars.Select((v, n) => (v, n)))
        {
            Assert.Contains($"{vin},京N{30_000 + n},Tiguan L,提醒客户{n},1360013600{n},", csv, StringComparison.Ordinal);
        }

        // The first customer wants 09:30: full, so the card offers what fits and one click books it.
        await Open(advisor, cars[0]);
        await Assertions.Expect(advisor.Locator("#reminder-mobile")).ToHaveTextAsync("13600136000");
        await advisor.Locator("#reminder-at").FillAsync($"{day:yyyy-MM-dd}T09:30");
        await advisor.Locator("#reminder-book").ClickAsync();
        await Assertions.Expect(advisor.Locator("#refusal")).ToContainTextAsync("该时段已满");
        await advisor.Locator("#reminder-suggestions .suggestion").First.ClickAsync();
        await Assertions.Expect(advisor.Locator("#reminder-booked")).ToContainTextAsync($"已预约 {day:yyyy-MM-dd}");
        await Axe.NoSeriousViolations(advisor, "reminder call");
        await Screenshots.Save(advisor, "advisor-reminder-booked");

        foreach (var (vin, time) in new[] { (cars[1], "14:30"), (cars[2], "15:30") })
        {
            await advisor.Locator("#back-to-reminders").ClickAsync();
            await Open(advisor, vin);
            await advisor.Locator("#reminder-at").FillAsync($"{day:yyyy-MM-dd}T{time}");
            await advisor.Locator("#reminder-book").ClickAsync();
            await Assertions.Expect(advisor.Locator("#reminder-booked")).ToContainTextAsync($"已预约 {day:yyyy-MM-dd} {time}");
        }

        // The fourth does not answer: the try is kept and the car leaves today's list.
        await advisor.Locator("#back-to-reminders").ClickAsync();
        await Open(advisor, cars[3]);
        await advisor.Locator("#reminder-unreachable").ClickAsync();
        await Assertions.Expect(advisor.Locator("#reminder-contacts tr").First).ToContainTextAsync("未接通");
        await Assertions.Expect(advisor.Locator("#reminder-contacts tr").First).ToContainTextAsync("服务顾问"); // who called, by name
        await advisor.Locator("#back-to-reminders").ClickAsync();
        await Assertions.Expect(advisor.Locator("#reminders, #no-reminders").First).ToBeVisibleAsync();
        foreach (var vin in cars)
        {
            await Assertions.Expect(advisor.Locator($"#reminders tr[data-vin='{vin}']")).ToHaveCountAsync(0);
        }

        // What the API keeps: three appointments on that day for the cars, their calls booked, the fourth unreachable.
        foreach (var vin in cars.Take(3))
        {
            var card = await (await desk.GetAsync($"/api/stores/{Store}/service-reminders/{vin}")).Json(HttpStatusCode.OK);
            var contact = card.GetProperty("contacts")[0];
            Assert.Equal("Booked", contact.GetProperty("outcome").GetString());
            var appointment = await (await desk.GetAsync($"/api/stores/{Store}/appointments/{contact.GetProperty("appointmentId").GetString()}"))
                .Json(HttpStatusCode.OK);
            Assert.Equal((vin, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Booked"),
                (appointment.GetProperty("booking").GetProperty("vin").GetString(), appointment.GetProperty("day").GetString(),
                    appointment.GetProperty("status").GetString()));
        }

        var missed = await (await desk.GetAsync($"/api/stores/{Store}/service-reminders/{cars[3]}")).Json(HttpStatusCode.OK);
        Assert.Equal("Unreachable", missed.GetProperty("contacts")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_general_manager_keeps_a_models_maintenance_plan_and_a_plan_that_does_not_add_up_is_refused_at_its_field()
    {
        var gm = await fixture.SignedInToApp("chaoyang-gm");
        await gm.GetByText("保养计划").First.ClickAsync();
        await Assertions.Expect(gm.Locator("#plans tr[data-model='*']")).ToBeVisibleAsync(); // the demo's plan for any model
        var model = $"Lavida {Guid.NewGuid():N}"[..14];
        await gm.Locator("#plan-model").FillAsync(model);
        await gm.Locator("#plan-first-months").FillAsync("0");
        await gm.Locator("#plan-operations").FillAsync("更换机油\n更换空调滤芯");
        await gm.Locator("#save-plan").ClickAsync();
        var field = gm.Locator("#plan-first-months").Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
        await Assertions.Expect(field).ToContainTextAsync("must be between 1 and 24."); // the API's reason, under its field
        await Assertions.Expect(gm.Locator($"#plans tr[data-model='{model}']")).ToHaveCountAsync(0);

        await gm.Locator("#plan-first-months").FillAsync("6");
        await gm.Locator("#save-plan").ClickAsync();
        var row = gm.Locator($"#plans tr[data-model='{model}']");
        await Assertions.Expect(row).ToContainTextAsync("5000 km / 6");
        await Assertions.Expect(row).ToContainTextAsync("总经理"); // who set it
        await Axe.NoSeriousViolations(gm, "maintenance plans");

        using var api = Gateway.Client(await Gateway.SignIn("chaoyang-advisor"));
        var plans = await (await api.GetAsync($"/api/stores/{Store}/maintenance-plans")).Json(HttpStatusCode.OK);
        var kept = plans.EnumerateArray().Single(p => p.GetProperty("plan").GetProperty("model").GetString() == model).GetProperty("plan");
        Assert.Equal(["更换机油", "更换空调滤芯"], kept.GetProperty("operations").EnumerateArray().Select(o => o.GetString()));
    }

    private static async Task Open(IPage advisor, string vin)
    {
        await advisor.Locator($"#reminders tr[data-vin='{vin}'] .open-reminder").ClickAsync();
        await Assertions.Expect(advisor.Locator("#reminder-due")).ToBeVisibleAsync();
    }

    // A car the store sold about two years ago and serviced 13 months ago, as the deal, vehicle and repair-order rows keep it.
    private async Task<string> ServicedLongAgo(int n)
    {
        var vin = TestVins.New("LSVAM4187T");
        var group = await fixture.Database.Scalar<string>("SELECT group_id FROM vehicles WHERE store_id = @s LIMIT 1", ("s", Store));
        var now = DateTimeOffset.UtcNow;
        var (sold, serviced) = (now.AddMonths(-25), now.AddMonths(-13).AddDays(-n));
        var customer = "cu" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Database.Scalar<int>(
            "INSERT INTO vehicles (group_id, vin, store_id, model, trim, colour, status, demo, revision, certificate, cost, updated_at) " +
            "VALUES (@g, @v, @s, 'Tiguan L', '330TSI', 'White', 'Delivered', false, 3, 'CERT', 200000, @sold); " +
            "INSERT INTO vehicle_history (group_id, vin, revision, at, by, what, from_status, to_status, store_id) " +
            "VALUES (@g, @v, 3, @sold, 'chaoyang-sc1', 'delivered', 'Sold', 'Delivered', @s); " +
            "INSERT INTO deals (group_id, store_id, deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, vin, " +
            "selling_price, gross_profit, updated_at, revision, opened_at) VALUES (@g, @s, @d, @c, @name, 'chaoyang-sc1', 'Delivered', " +
            "'Tiguan L', '330TSI', 'White', @v, 200000, 5000, @sold, 5, @sold); " +
            "INSERT INTO repair_orders (store_id, repair_order_id, group_id, customer_id, customer_name, mobile, vin, plate, odometer, concern, " +
            "advisor_id, status, opened_at, delivered_at, total, revision) VALUES (@s, @ro, @g, @c, @name, @mobile, @v, @plate, 15000, " +
            "'保养', 'chaoyang-advisor', 'Closed', @serviced, @serviced, 600, 9); SELECT 1",
            ("g", group), ("v", vin), ("s", Store), ("sold", sold), ("serviced", serviced), ("c", customer), ("name", $"提醒客户{n}"),
            ("d", "dl" + Guid.NewGuid().ToString("N")[..16]), ("ro", "ro" + Guid.NewGuid().ToString("N")[..16]),
            ("mobile", $"1360013600{n}"), ("plate", $"京N{30_000 + n}"));
        return vin;
    }
}
