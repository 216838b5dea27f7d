using System.Globalization;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dealership.Browser.Tests;

/// <summary>
/// A walk-in to a delivered car through the screens alone: the consultant's card, test drive and deal desk, the manager's approval
/// queue, the cashier's desk, the technician's PDI and customer service's follow-up call. The API is used only to set the scene (a priced specification, a car in
/// stock, a demo car) and to check the result.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WalkInToDeliveryScreensTests(BrowserFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The test fails if a screen it drove met an answer the API's document does not allow; its screens close.</summary>
    public async ValueTask DisposeAsync() => await fixture.EndTest();

    private const string Store = "/api/stores/bj-chaoyang-vw";

    private DealershipSystem.Gateway Gateway => fixture.Gateway;

    private static string NewVin() => TestVins.New("LFVBA24B2T");

    private async Task<string> RegisterCar(HttpClient clerk, string colour, bool demo)
    {
        var vin = NewVin();
        await (await clerk.Post($"{Store}/vehicles", new { vin, model = "Tayron", trim = "380TSI 4MOTION", colour, cost = 241_000m, status = "InStock", demo }))
            .Json(HttpStatusCode.Created);
        return vin;
    }

    [Fact]
    public async Task A_walk_in_is_followed_up_test_driven_sold_paid_inspected_and_handed_over_through_the_screens()
    {
        using var sm = Gateway.Client(await Gateway.SignIn("chaoyang-sm"));
        using var clerk = Gateway.Client(await Gateway.SignIn("chaoyang-clerk"));
        using var sc = Gateway.Client(await Gateway.SignIn("chaoyang-sc1"));
        var colour = $"Flow Blue {Guid.NewGuid():N}"[..18];
        await Scene.Price(sm, "bj-chaoyang-vw", "Tayron", "380TSI 4MOTION", colour, 259_900m, 241_000m);
        var car = await RegisterCar(clerk, colour, demo: false);
        var demoCar = await RegisterCar(clerk, "Pure White", demo: true);
        var mobile = $"1381{Environment.ProcessId % 1000:D3}{Random.Shared.Next(10_000):D4}";

        // The consultant logs the walk-in and opens the card from it.
        var consultant = await fixture.SignedInToApp("chaoyang-sc1");
        await consultant.GetByText("来店来电登记").First.ClickAsync();
        await consultant.Locator("#customer-name").FillAsync("赵敏");
        await consultant.Locator("#mobile").FillAsync(mobile);
        await consultant.Locator("#model-of-interest").FillAsync("探岳");
        await consultant.Locator("#log").ClickAsync();
        await Assertions.Expect(consultant.Locator("#logged")).ToContainTextAsync("赵敏");
        await consultant.Locator("#open-card").ClickAsync();
        await Assertions.Expect(consultant.Locator("#customer")).ToContainTextAsync("赵敏");
        await Assertions.Expect(consultant.Locator("#drive-form")).ToBeVisibleAsync();
        await Axe.NoSeriousViolations(consultant, "customer card");

        // A follow-up call is logged on the card; the log shows it.
        await consultant.Locator("#follow-up-note").FillAsync("客户周末带家人再来看车");
        await consultant.Locator("#log-follow-up").ClickAsync();
        await Assertions.Expect(consultant.Locator("#follow-up-log")).ToContainTextAsync("客户周末带家人再来看车");

        // A test drive in the demo car: an expired licence is refused beside the form; then out and back.
        await Mud.Pick(consultant, "drive-car", demoCar);
        await consultant.Locator("#licence").FillAsync("11010519850612301X");
        await consultant.Locator("#licence-expiry").FillAsync("2020-01-01");
        await consultant.Locator("#start-mileage").FillAsync("35");
        await consultant.Locator("#start-drive").ClickAsync();
        await Assertions.Expect(consultant.Locator("#refusal")).ToBeVisibleAsync();
        await consultant.Locator("#licence-expiry").FillAsync("2031-06-12");
        await consultant.Locator("#start-drive").ClickAsync();
        await Assertions.Expect(consultant.Locator("#drive-status")).ToHaveTextAsync("试驾中");
        await Axe.NoSeriousViolations(consultant, "test drive");
        await Assertions.Expect(consultant.Locator("#drive")).ToContainTextAsync("110***********301X");
        await consultant.Locator("#end-mileage").FillAsync("48");
        await consultant.Locator("#end-drive").ClickAsync();
        await Assertions.Expect(consultant.Locator("#drive-status")).ToHaveTextAsync("已结束");
        await consultant.Locator("#back-to-card").ClickAsync();

        // The deal desk: the specification from the price book, a discount beyond the consultant's limit, a free accessory.
        await consultant.Locator("#open-deal").ClickAsync();
        await Mud.Pick(consultant, "spec", colour);
        await consultant.Locator("#discount").FillAsync("8000");
        await consultant.Locator("#add-accessory").ClickAsync();
        var accessory = consultant.Locator(".accessory").First;
        await accessory.Locator("input").Nth(0).FillAsync("脚垫");
        await accessory.Locator("input").Nth(1).FillAsync("300");
        await accessory.GetByText("赠送").ClickAsync();
        await consultant.Locator("#save-terms").ClickAsync();
        await Assertions.Expect(consultant.Locator("#deal-status")).ToHaveTextAsync("草稿");
        await Assertions.Expect(consultant.Locator("#selling-price")).ToHaveTextAsync("¥251,900.00");
        var dealId = consultant.Url.Split('/').Last();
        await consultant.Locator("#submit-deal").ClickAsync();
        await Assertions.Expect(consultant.Locator("#deal-status")).ToHaveTextAsync("待审批");
        await Screenshots.Save(consultant, "consultant-deal-awaiting-approval");
        await Axe.NoSeriousViolations(consultant, "deal");

        // The manager (or the GM, beyond the manager's limit) approves from the queue; the consultant's open deal follows the feed.
        var tier = (await (await sc.GetAsync($"{Store}/deals/{dealId}")).Json(HttpStatusCode.OK)).GetProperty("approval").GetProperty("tier").GetString();
        var manager = await fixture.SignedInToApp(tier == "GeneralManager" ? "chaoyang-gm" : "chaoyang-sm");
        await manager.GetByText("审批").First.ClickAsync();
        await manager.Locator($"#approvals tr[data-deal='{dealId}'] .approve").ClickAsync();
        await Assertions.Expect(consultant.Locator("#deal-status")).ToHaveTextAsync("已审批");

        // Signed, the car allocated, the handover booked eight hours ahead in the store's time.
        await consultant.Locator("#sign-deal").ClickAsync();
        await Assertions.Expect(consultant.Locator("#deal-status")).ToHaveTextAsync("已签约");
        await Mud.Pick(consultant, "allocate-car", car);
        await consultant.Locator("#allocate").ClickAsync();
        await Assertions.Expect(consultant.Locator("#deal-vin")).ToHaveTextAsync(car);
        var slot = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddHours(8);
        await consultant.Locator("#slot").FillAsync(slot.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await consultant.Locator("#book-slot").ClickAsync();
        await Assertions.Expect(consultant.Locator("#handover-slot")).ToHaveTextAsync(slot.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

        // The cashier takes what is due (the form offers it) and issues the invoice.
        var cashier = await fixture.SignedInToApp("chaoyang-cashier");
        await cashier.Locator($"#queue tr[data-deal='{dealId}'] a").ClickAsync();
        await Assertions.Expect(cashier.Locator("#to-collect")).Not.ToHaveTextAsync("¥0.00");
        await cashier.Locator("#payment-reference").FillAsync("POS 7788");
        await cashier.Locator("#record-payment").ClickAsync();
        await Assertions.Expect(cashier.Locator("#to-collect")).ToHaveTextAsync("¥0.00");
        await Assertions.Expect(cashier.Locator("#payments")).ToContainTextAsync("POS 7788");
        await cashier.Locator("#issue-invoice").ClickAsync();
        await Assertions.Expect(cashier.Locator("#deal-status")).ToHaveTextAsync("已开票");
        await Assertions.Expect(cashier.Locator("#invoice")).ToContainTextAsync("INV-");
        await Screenshots.Save(cashier, "cashier-deal-invoiced");
        await Axe.NoSeriousViolations(cashier, "cashier's deal");

        // The technician finds the car on the PDI list and signs every item.
        var technician = await fixture.SignedInToApp("chaoyang-tech");
        await technician.Locator($"#pdi-tasks tr[data-deal='{dealId}'] .open-pdi").ClickAsync();
        await Assertions.Expect(technician.Locator("#pdi-sheet")).ToContainTextAsync(car);
        var checks = technician.Locator("#pdi-checklist .pdi-pass input");
        for (var i = 0; i < await checks.CountAsync(); i++)
        {
            await checks.Nth(i).CheckAsync();
        }

        await technician.Locator("#pdi-mileage").FillAsync("8");
        await Screenshots.Save(technician, "technician-pdi");
        await Axe.NoSeriousViolations(technician, "PDI checklist");
        await technician.Locator("#sign-pdi").ClickAsync();
        await Assertions.Expect(technician.Locator("#pdi-signed")).ToBeVisibleAsync();
        await technician.Locator("a[href='pdi']").Last.ClickAsync();
        await Assertions.Expect(technician.Locator($"#pdi-tasks tr[data-deal='{dealId}']")).ToHaveCountAsync(0);

        // Back on the floor: the checks with the customer, the handover.
        await Assertions.Expect(consultant.Locator("#pdi")).Not.ToHaveTextAsync("—");
        await consultant.Locator("#check-configuration").CheckAsync();
        await consultant.Locator("#check-warranty").CheckAsync();
        await consultant.Locator("#check-maintenance").CheckAsync();
        await consultant.Locator("#confirm-checks").ClickAsync();
        await Assertions.Expect(consultant.Locator("#checks-done")).ToBeVisibleAsync();
        await consultant.Locator("#start-handover").ClickAsync();
        await consultant.Locator("#complete-handover").ClickAsync();
        await Assertions.Expect(consultant.Locator("#deal-status")).ToHaveTextAsync("已交车");
        await Screenshots.Save(consultant, "consultant-deal-delivered");

        // Customer service calls the next day: the call is on the caller's list, recorded as satisfied, and leaves it.
        var caller = await fixture.SignedInToApp("chaoyang-caller");
        var call = caller.Locator("#calls tr", new() { HasText = "赵敏" }).First;
        await call.Locator(".open-call").ClickAsync();
        await Assertions.Expect(caller.Locator("#call-sheet")).ToContainTextAsync(car);
        await Axe.NoSeriousViolations(caller, "call sheet");
        await caller.Locator("#call-note").FillAsync("客户对交车很满意");
        await caller.Locator("#record-call").ClickAsync();
        await Assertions.Expect(caller.Locator("#call-done")).ToBeVisibleAsync();
        await Assertions.Expect(caller.Locator("#call-attempts")).ToContainTextAsync("客户对交车很满意");

        var delivered = await (await sc.GetAsync($"{Store}/deals/{dealId}")).Json(HttpStatusCode.OK);
        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        Assert.Equal(delivered.GetProperty("figures").GetProperty("cashDue").GetDecimal(), delivered.GetProperty("paid").GetDecimal());
        Assert.Equal("Delivered", (await (await clerk.GetAsync($"{Store}/vehicles/{car}")).Json(HttpStatusCode.OK)).GetProperty("status").GetString());
    }
}
