using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// The sales manager's day through the screens: a consultant booked for two test drives at once shows the clash on the day's
/// plan, and the morning meeting's sheet carries yesterday's numbers and the deals waiting for approval.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagersDayScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-chaoyang-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    [Fact]
    public async Task The_manager_sees_a_consultants_clash_on_the_days_plan_and_the_meeting_sheet()
    {
        // Tomorrow (where no other test books) a consultant has two customers' test drives at once: 10:00-10:30 and 10:15-10:45.
        // (Rows as the booking grain writes them; a deal is never faked here: other screens read deals through their grains.)
        var tomorrow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date.AddDays(1);
        var consultant = "chaoyang-sc2";
        var first = await TestDrive(consultant, new DateTimeOffset(tomorrow.AddHours(10), TimeSpan.FromHours(8)));
        var second = await TestDrive(consultant, new DateTimeOffset(tomorrow.AddHours(10.25), TimeSpan.FromHours(8)));

        var manager = await fixture.SignedInToApp("chaoyang-sm");
        await manager.GetByText("每日安排").First.ClickAsync();
        await Assertions.Expect(manager.Locator("#daily-plan, #plan-empty").First).ToBeVisibleAsync();
        await manager.Locator("#plan-day").FillAsync($"{tomorrow:yyyy-MM-dd}");
        await manager.Locator("#plan-day").PressAsync("Tab");
        var row = manager.Locator($"#daily-plan tr.consultant-row[data-consultant='{consultant}']");
        await Assertions.Expect(row).ToContainTextAsync("时间冲突 1");
        await Assertions.Expect(manager.Locator($"#daily-plan tr.clashing[data-reference='{first}']")).ToContainTextAsync("10:00–10:30");
        await Assertions.Expect(manager.Locator($"#daily-plan tr.clashing[data-reference='{second}']")).ToContainTextAsync("试驾");
        await Axe.NoSeriousViolations(manager, "daily plan");

        await manager.Locator("#open-meeting").ClickAsync();
        await Assertions.Expect(manager.Locator("#morning-meeting")).ToContainTextAsync("晨会");
        var waiting = await fixture.Database.Scalar<long>("SELECT count(*) FROM deals WHERE store_id = @s AND status = 'PendingApproval'", ("s", Store));
        await Assertions.Expect(manager.Locator("#morning-meeting")).ToContainTextAsync($"待审批 {waiting} 单");
        await Assertions.Expect(manager.Locator("#meeting-yesterday tr[data-figure='month']")).ToBeVisibleAsync();
        await Axe.NoSeriousViolations(manager, "morning meeting");
        await Screenshots.Save(manager, "manager-morning-meeting");

        // The weekly and monthly meetings' sheet: the numbers the API works for the week and month before.
        using var sm = fixture.Gateway.Client(await fixture.Gateway.SignIn("chaoyang-sm"));
        var weekly = await (await sm.GetAsync($"/api/stores/{Store}/meeting-sheet?kind=Weekly")).Json(System.Net.HttpStatusCode.OK);
        var monthly = await (await sm.GetAsync($"/api/stores/{Store}/meeting-sheet?kind=Monthly")).Json(System.Net.HttpStatusCode.OK);
        await manager.Locator("#to-meeting-sheet").ClickAsync();
        await Assertions.Expect(manager.Locator("#meeting-sheet")).ToContainTextAsync($"周会 · {weekly.GetProperty("period").GetString()}");
        await Assertions.Expect(manager.Locator("#sheet-figures tr[data-figure='period'] .retail"))
            .ToHaveTextAsync($"{weekly.GetProperty("figures").GetProperty("retailSales").GetInt32()}");
        await manager.Locator("#meeting-kind").SelectOptionAsync("Monthly");
        await Assertions.Expect(manager.Locator("#meeting-sheet")).ToContainTextAsync($"月会 · {monthly.GetProperty("period").GetString()}");
        await Assertions.Expect(manager.Locator("#sheet-consultants tbody tr")).ToHaveCountAsync(monthly.GetProperty("consultants").GetArrayLength());
        await Axe.NoSeriousViolations(manager, "meeting sheet");
    }

    private async Task<string> TestDrive(string consultant, DateTimeOffset starts)
    {
        var id = "tb" + Guid.NewGuid().ToString("N")[..16];
        var group = await fixture.Database.Scalar<string>("SELECT group_id FROM vehicles WHERE store_id = @s LIMIT 1", ("s", Store));
        await fixture.Database.Scalar<int>(
            "INSERT INTO test_drive_bookings (group_id, booking_id, store_id, vin, customer_id, consultant_id, starts_at, ends_at, booked_at, booked_by) " +
            "VALUES (@g, @b, @s, @v, @c, @sc, @from, @to, now(), @sc); SELECT 1",
            ("g", group), ("b", id), ("s", Store), ("v", TestVins.New("LSVAM4187Q")), ("c", "cu" + Guid.NewGuid().ToString("N")[..16]),
            ("sc", consultant), ("from", starts.ToUniversalTime()), ("to", starts.AddMinutes(30).ToUniversalTime()));
        return id;
    }
}
