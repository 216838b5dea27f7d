using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// The sales manager's day through the screens: a consultant booked for a handover and a test drive at once shows the clash on
/// the day's plan, and the morning meeting's sheet carries the plan and the deals waiting for approval.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagersDayScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Store = "bj-chaoyang-vw";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow.</summary>
    public async ValueTask DisposeAsync() => await fixture.Contract.AssertHeld();

    [Fact]
    public async Task The_manager_sees_a_consultants_clash_on_the_days_plan_and_the_meeting_sheet()
    {
        // Tomorrow (where no other test books) a consultant has a handover at 10:00 and a test drive at 10:30; another deal waits.
        var tomorrow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date.AddDays(1);
        var consultant = "chaoyang-sc2";
        var handover = await Deal(consultant, "Signed", new DateTimeOffset(tomorrow.AddHours(10), TimeSpan.FromHours(8)), "计划客户");
        var drive = await TestDrive(consultant, new DateTimeOffset(tomorrow.AddHours(10.5), TimeSpan.FromHours(8)));
        var waiting = await Deal("chaoyang-sc1", "PendingApproval", null, "待批客户");

        var manager = await fixture.SignedInToApp("chaoyang-sm");
        await manager.GetByText("每日安排").First.ClickAsync();
        await Assertions.Expect(manager.Locator("#daily-plan, #plan-empty").First).ToBeVisibleAsync();
        await manager.Locator("#plan-day").FillAsync($"{tomorrow:yyyy-MM-dd}");
        await manager.Locator("#plan-day").PressAsync("Tab");
        var row = manager.Locator($"#daily-plan tr.consultant-row[data-consultant='{consultant}']");
        await Assertions.Expect(row).ToContainTextAsync("时间冲突 1");
        await Assertions.Expect(manager.Locator($"#daily-plan tr.clashing[data-reference='{handover}']")).ToContainTextAsync("10:00–11:00");
        await Assertions.Expect(manager.Locator($"#daily-plan tr.clashing[data-reference='{drive}']")).ToContainTextAsync("试驾");
        await Axe.NoSeriousViolations(manager, "daily plan");

        await manager.Locator("#open-meeting").ClickAsync();
        await Assertions.Expect(manager.Locator("#morning-meeting")).ToContainTextAsync("晨会");
        await Assertions.Expect(manager.Locator($"#meeting-approvals tr[data-deal='{waiting}']")).ToContainTextAsync("待批客户");
        await Assertions.Expect(manager.Locator("#meeting-yesterday tr[data-figure='month']")).ToBeVisibleAsync();
        await Axe.NoSeriousViolations(manager, "morning meeting");
        await Screenshots.Save(manager, "manager-morning-meeting");
    }

    private async Task<string> Deal(string consultant, string status, DateTimeOffset? handover, string customer)
    {
        var id = "dl" + Guid.NewGuid().ToString("N")[..16];
        var group = await fixture.Database.Scalar<string>("SELECT group_id FROM vehicles WHERE store_id = @s LIMIT 1", ("s", Store));
        await fixture.Database.Scalar<int>(
            "INSERT INTO deals (group_id, store_id, deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, vin, " +
            "selling_price, gross_profit, updated_at, revision, opened_at, handover_slot) VALUES (@g, @s, @d, @c, @name, @sc, @status, " +
            "'Tiguan L', '330TSI', 'White', @v, 200000, 5000, now(), 3, now(), @slot); SELECT 1",
            ("g", group), ("s", Store), ("d", id), ("c", "cu" + Guid.NewGuid().ToString("N")[..16]), ("name", customer), ("sc", consultant),
            ("status", status), ("v", TestVins.New("LSVAM4187P")), ("slot", (object?)handover?.ToUniversalTime() ?? DBNull.Value));
        return id;
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
