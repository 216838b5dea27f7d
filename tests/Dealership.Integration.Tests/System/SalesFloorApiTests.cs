using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dealership.Contracts.Sales;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// A walk-in from the door to a delivered, invoiced car, through the API alone, on PostgreSQL: the scenario the sales-floor
/// issue asks for, with the refusals a real day brings on the way.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SalesFloorApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Chaoyang}";

    private static string NewVin() => TestVins.New("LFVBA24B0T");

    private static string NewMobile() => $"137{Random.Shared.Next(0, 100_000_000):D8}";

    private async Task<string> RegisterCar(HttpClient clerk, string colour, bool demo = false)
    {
        var vin = NewVin();
        await (await clerk.Post($"{Store}/vehicles", new
        {
            vin,
            model = "Tayron",
            trim = "380TSI 4MOTION",
            colour,
            cost = 241_000m,
            status = "InStock",
            demo,
        })).Json(HttpStatusCode.Created);
        return vin;
    }

    /// <summary>The sales manager prices a Tayron in <paramref name="colour"/> and sets this month's Tayron rebate, through the API.</summary>
    private static async Task PriceTayron(HttpClient sm, string colour)
    {
        var price = await (await sm.PutAsync($"{Store}/price-book", JsonContent.Create(new
        {
            model = "Tayron",
            trim = "380TSI 4MOTION",
            colour,
            listPrice = 259_900m,
            guidePrice = 252_000m,
            cost = 241_000m,
        }))).Json(HttpStatusCode.OK);
        Assert.StartsWith("chaoyang-sm", price.GetProperty("updatedBy").GetString());
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", global::System.Globalization.CultureInfo.InvariantCulture);
        await (await sm.PutAsync($"{Store}/rebate-policies", JsonContent.Create(new { model = "Tayron", month, perUnit = 9_000m }))).Json(HttpStatusCode.OK);
    }

    private static object Terms(string colour, decimal discount) => new
    {
        model = "Tayron",
        trim = "380TSI 4MOTION",
        colour,
        listPrice = 259_900m,
        discount,
        vehicleCost = 241_000m,
        expectedRebate = 9_000m,
        accessories = new object[]
        {
            new { name = "Dash cam", cost = 600m, price = 1_680m, free = false },
            new { name = "Window film", cost = 1_100m, price = 0m, free = true },
        },
        insuranceCommission = 1_800m,
        financeCommission = 2_500m,
        tradeIn = new { description = "2017 Bora 1.5L", valuation = 42_000m, allowance = 43_000m },
        fees = new object[] { new { name = "Plate fee", amount = 500m } },
        depositKind = "Binding",
    };

    private static async Task<JsonElement> MyFigures(HttpClient client) =>
        (await (await client.GetAsync($"{Store}/sales-numbers")).Json(HttpStatusCode.OK)).GetProperty("consultants")
            .EnumerateArray().SingleOrDefault(c => c.GetProperty("consultantId").GetString() == "chaoyang-sc1") is { ValueKind: JsonValueKind.Object } mine
            ? mine.GetProperty("monthToDate")
            : default;

    private static int Count(JsonElement figures, string name) => figures.ValueKind == JsonValueKind.Object ? figures.GetProperty(name).GetInt32() : 0;

    [Fact]
    public async Task A_walk_in_goes_from_the_door_to_a_delivered_invoiced_car()
    {
        using var sc = fixture.A.Client(await fixture.A.SignIn("chaoyang-sc1"));
        using var otherSc = fixture.A.Client(await fixture.A.SignIn("chaoyang-sc2"));
        using var sm = fixture.B.Client(await fixture.B.SignIn("chaoyang-sm"));
        using var clerk = fixture.B.Client(await fixture.B.SignIn("chaoyang-clerk"));
        using var cashier = fixture.A.Client(await fixture.A.SignIn("chaoyang-cashier"));
        using var finance = fixture.B.Client(await fixture.B.SignIn("chaoyang-finance"));
        using var tech = fixture.A.Client(await fixture.A.SignIn("chaoyang-tech"));
        using var caller = fixture.B.Client(await fixture.B.SignIn("chaoyang-caller"));
        var before = await MyFigures(sc);
        var colour = $"Blue {Guid.NewGuid():N}"[..12];
        var demoCar = await RegisterCar(clerk, "Pure White", demo: true);
        var car = await RegisterCar(clerk, colour);
        await PriceTayron(sm, colour);
        await (await sc.PutAsync($"{Store}/price-book", JsonContent.Create(new
        {
            model = "Tayron",
            trim = "380TSI 4MOTION",
            colour,
            listPrice = 1m,
            guidePrice = 1m,
            cost = 1m,
        }))).Problem(HttpStatusCode.Forbidden);

        // 1. The walk-in is logged once, however often the tablet retries.
        var mobile = NewMobile();
        var visit = new { kind = "Visit", source = "WalkIn", customerName = "Zhang Wei", mobile, modelOfInterest = "Tayron", partySize = 2, grade = "H" };
        var key = Guid.NewGuid().ToString();
        var entry = await (await sc.Post($"{Store}/showroom-register", visit, key)).Json(HttpStatusCode.Created);
        var retried = await (await sc.Post($"{Store}/showroom-register", visit, key)).Json(HttpStatusCode.Created);
        Assert.Equal(entry.GetProperty("entryId").GetString(), retried.GetProperty("entryId").GetString());
        var register = await (await sc.GetAsync($"{Store}/showroom-register?limit=500")).Json(HttpStatusCode.OK);
        Assert.Single(register.GetProperty("items").EnumerateArray(), e => e.GetProperty("entryId").GetString() == entry.GetProperty("entryId").GetString());
        Assert.True(entry.GetProperty("firstVisit").GetBoolean());
        var old = await sc.GetAsync($"{Store}/traffic?limit=500");
        Assert.Equal(register.GetProperty("items").GetArrayLength(), (await old.Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        Assert.StartsWith("@", old.Headers.GetValues("Deprecation").Single());
        Assert.Contains($"<{Store}/showroom-register>; rel=\"successor-version\"", old.Headers.GetValues("Link"));
        var customerId = entry.GetProperty("customerId").GetString()!;
        var customer = await (await sc.GetAsync($"{Store}/customers/{customerId}")).Json(HttpStatusCode.OK);
        Assert.Equal("chaoyang-sc1", customer.GetProperty("prospect").GetProperty("consultantId").GetString());
        Assert.Equal("H", customer.GetProperty("prospect").GetProperty("grade").GetString());
        await (await otherSc.GetAsync($"{Store}/customers/{customerId}")).Problem(HttpStatusCode.NotFound);

        // 2. A test drive in a demo car; an expired licence is refused first.
        var licence = "11010519850612301X";
        var expired = new { customerId, vin = demoCar, licenceNumber = licence, licenceExpiry = "2020-01-01", startMileage = 35 };
        Assert.Equal("licence-expired", (await (await sc.Post($"{Store}/test-drives", expired)).Problem((HttpStatusCode)422)).GetProperty("code").GetString());
        var driveResponse = await sc.Post($"{Store}/test-drives", new { customerId, vin = demoCar, licenceNumber = licence, licenceExpiry = "2031-06-12", startMileage = 35 });
        var driveBody = await driveResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain(licence, driveBody);
        var drive = await driveResponse.Json(HttpStatusCode.Created);
        Assert.Equal("110***********301X", drive.GetProperty("maskedLicence").GetString());
        await (await sc.Post($"{Store}/test-drives/{drive.GetProperty("driveId").GetString()}/end", new { endMileage = 48 })).Json(HttpStatusCode.OK);

        // 3. The deal, signed on the specification; one deal per Idempotency-Key.
        var dealKey = Guid.NewGuid().ToString();
        var deal = await (await sc.Post($"{Store}/deals", new { customerId, terms = Terms(colour, 8_000m) }, dealKey)).Json(HttpStatusCode.Created);
        var again = await (await sc.Post($"{Store}/deals", new { customerId, terms = Terms(colour, 8_000m) }, dealKey)).Json(HttpStatusCode.Created);
        var dealId = deal.GetProperty("dealId").GetString()!;
        Assert.Equal(dealId, again.GetProperty("dealId").GetString());
        var mine = await (await sc.GetAsync($"{Store}/deals?limit=500")).Json(HttpStatusCode.OK);
        Assert.Single(mine.GetProperty("items").EnumerateArray(), d => d.GetProperty("dealId").GetString() == dealId);
        // 251,900 − 241,000 + 9,000 + (1,680 − 600 − 1,100) + 1,800 + 2,500 − 1,000 over-allowance = 23,180 incl. VAT → 20,513.27 net.
        Assert.Equal(20_513.27m, deal.GetProperty("figures").GetProperty("grossProfit").GetDecimal());
        var url = $"{Store}/deals/{dealId}";
        await (await otherSc.GetAsync(url)).Problem(HttpStatusCode.NotFound);

        var pending = await (await sc.PostAsync($"{url}/submit", null)).Json(HttpStatusCode.OK);
        Assert.Equal("PendingApproval", pending.GetProperty("status").GetString());
        Assert.Equal("not-approved", (await (await sc.PostAsync($"{url}/sign", null)).Problem((HttpStatusCode)422)).GetProperty("code").GetString());
        await (await cashier.Post($"{url}/decision", new { approve = true })).Problem(HttpStatusCode.Forbidden);
        await (await sm.Post($"{url}/decision", new { approve = true, note = "month-end push" })).Json(HttpStatusCode.OK);
        Assert.Equal("Signed", (await (await sc.PostAsync($"{url}/sign", null)).Json(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("Won", (await (await sc.GetAsync($"{Store}/customers/{customerId}")).Json(HttpStatusCode.OK))
            .GetProperty("prospect").GetProperty("status").GetString());

        // 4. The car is allocated (配车); the loan case runs; the cashier takes the deposit and the down payment.
        var allocated = await (await sc.Post($"{url}/vehicle", new { vin = car })).Json(HttpStatusCode.OK);
        Assert.Equal(car, allocated.GetProperty("vin").GetString());
        var cashDue = allocated.GetProperty("figures").GetProperty("cashDue").GetDecimal();
        var loanAmount = 150_000m;
        await (await finance.Post($"{url}/loan", new { lender = "Bank of Beijing", amount = loanAmount, termMonths = 36, downPayment = cashDue - loanAmount }))
            .Json(HttpStatusCode.OK);
        Assert.Equal("documents-missing",
            (await (await finance.Post($"{url}/loan/steps", new { step = "Submit" })).Problem((HttpStatusCode)422)).GetProperty("code").GetString());
        foreach (var document in Contracts.Stores.StorePolicies.DefaultLoanDocuments)
        {
            await (await finance.Post($"{url}/loan/documents", new { document })).Json(HttpStatusCode.OK);
        }

        await (await finance.Post($"{url}/loan/steps", new { step = "Submit" })).Json(HttpStatusCode.OK);
        Assert.Equal("illegal-transition",
            (await (await finance.Post($"{url}/loan/steps", new { step = "Disburse" })).Problem(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        await (await finance.Post($"{url}/loan/steps", new { step = "Approve" })).Json(HttpStatusCode.OK);
        var loans = await (await finance.GetAsync($"{Store}/loans?status=Approved&limit=500")).Json(HttpStatusCode.OK);
        Assert.Contains(loans.GetProperty("items").EnumerateArray(), d => d.GetProperty("dealId").GetString() == dealId);

        var overCap = await (await cashier.Post($"{url}/payments", new { kind = "Deposit", method = "BankCard", amount = 60_000m })).Problem(HttpStatusCode.BadRequest);
        Assert.True(overCap.GetProperty("errors").TryGetProperty("amount", out _));
        await (await cashier.Post($"{url}/payments", new { kind = "Deposit", method = "BankCard", amount = 20_000m, reference = "POS 0042" })).Json(HttpStatusCode.OK);
        await (await sc.Post($"{url}/handover-slot", new { slot = DateTimeOffset.UtcNow.AddHours(7) })).Json(HttpStatusCode.OK);
        var early = await (await sc.PostAsync($"{url}/handover/start", null)).Problem((HttpStatusCode)422);
        var reasons = early.GetProperty("detail").GetString()!;
        Assert.Contains("PDI is not signed", reasons);
        Assert.Contains("down payment is not paid", reasons);
        Assert.Contains("invoice is not issued", reasons);

        var payKey = Guid.NewGuid().ToString();
        var downPayment = new { kind = "Payment", method = "BankTransfer", amount = cashDue - loanAmount - 20_000m, reference = "TT 7781" };
        await (await cashier.Post($"{url}/payments", downPayment, payKey)).Json(HttpStatusCode.OK);
        var paid = await (await cashier.Post($"{url}/payments", downPayment, payKey)).Json(HttpStatusCode.OK);
        Assert.Equal(cashDue - loanAmount, paid.GetProperty("paid").GetDecimal());
        var invoiced = await (await cashier.PostAsync($"{url}/invoice", null)).Json(HttpStatusCode.OK);
        Assert.Equal("Invoiced", invoiced.GetProperty("status").GetString());
        Assert.StartsWith("INV-", invoiced.GetProperty("invoice").GetProperty("number").GetString());
        Assert.Equal("Sold", (await (await clerk.GetAsync($"{Store}/vehicles/{car}")).Json(HttpStatusCode.OK)).GetProperty("status").GetString());

        // 5. PDI by the technician (7 h before the slot), the consultant's checks, the handover.
        var items = Delivery.PdiChecklist.Select(name => new { name, passed = true });
        await (await sc.Post($"{url}/pdi", new { items, mileage = 8 })).Problem(HttpStatusCode.Forbidden);
        await (await tech.Post($"{url}/pdi", new { items, mileage = 8 })).Json(HttpStatusCode.OK);
        await (await sc.Post($"{url}/delivery-checks", new { configurationMatchesContract = true, warrantyExplained = true, maintenanceExplained = false }))
            .Problem(HttpStatusCode.BadRequest);
        await (await sc.Post($"{url}/delivery-checks", new { configurationMatchesContract = true, warrantyExplained = true, maintenanceExplained = true }))
            .Json(HttpStatusCode.OK);
        await (await sc.PostAsync($"{url}/handover/start", null)).Json(HttpStatusCode.OK);
        var delivered = await (await sc.Post($"{url}/handover/complete", new { }, Guid.NewGuid().ToString())).Json(HttpStatusCode.OK);
        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        await (await finance.Post($"{url}/loan/steps", new { step = "Disburse" })).Json(HttpStatusCode.OK);
        await (await finance.Post($"{url}/loan/steps", new { step = "RegisterCollateral", note = "京N·7K2M9" })).Json(HttpStatusCode.OK);

        // The car left stock through the ledger; the numbers moved; customer service has its calls.
        var history = await clerk.All($"{Store}/vehicles/{car}/history");
        Assert.Equal(["Receipt", "SaleOut"], history.EnumerateArray().Where(h => h.GetProperty("ledger").ValueKind == JsonValueKind.String)
            .Select(h => h.GetProperty("ledger").GetString()));
        var after = await MyFigures(sc);
        foreach (var figure in new[] { "firstVisits", "records", "testDrives", "orders", "retailSales", "deliveries" })
        {
            Assert.True(Count(before, figure) + 1 == Count(after, figure), $"{figure}: {Count(before, figure)} → {Count(after, figure)}");
        }

        var calls = await caller.All($"{Store}/tasks?role=CustomerServiceCaller");
        var mineToCall = calls.EnumerateArray().Where(t => t.GetProperty("refs").GetProperty("dealId").GetString() == dealId).ToList();
        Assert.Equal(2, mineToCall.Count);
        var taskId = mineToCall[0].GetProperty("taskId").GetString();
        Assert.Equal("record-call-outcome", (await (await caller.Post($"{Store}/tasks/{taskId}/complete", new { result = "called" }))
            .Problem((HttpStatusCode)422)).GetProperty("code").GetString());
        var sheet = await (await caller.GetAsync($"{Store}/follow-up-calls/{taskId}")).Json(HttpStatusCode.OK);
        Assert.Equal((mobile, car), (sheet.GetProperty("mobile").GetString(), sheet.GetProperty("vin").GetString()));
        Assert.False(sheet.TryGetProperty("figures", out _));
        await (await sc.GetAsync($"{Store}/follow-up-calls/{taskId}")).Problem(HttpStatusCode.Forbidden);
        var done = await (await caller.Post($"{Store}/follow-up-calls/{taskId}/outcome",
            new { outcome = "Satisfied", note = "Customer happy; asked about first service" })).Json(HttpStatusCode.OK);
        Assert.True(done.GetProperty("done").GetBoolean());
        var doneTasks = await caller.All($"{Store}/tasks?role=CustomerServiceCaller&status=Done");
        Assert.StartsWith("Satisfied", doneTasks.EnumerateArray().Single(t => t.GetProperty("taskId").GetString() == taskId).GetProperty("result").GetString());
        var dealNow = await (await sm.GetAsync(url)).Json(HttpStatusCode.OK);
        Assert.Equal("CollateralRegistered", dealNow.GetProperty("loan").GetProperty("status").GetString());
        Assert.Equal(cashDue, dealNow.GetProperty("paid").GetDecimal());
    }

    [Fact]
    public async Task Twenty_deals_allocating_one_car_at_once_through_two_gateways_leave_one_winner()
    {
        using var scA = fixture.A.Client(await fixture.A.SignIn("chaoyang-sc2"));
        using var scB = fixture.B.Client(await fixture.B.SignIn("chaoyang-sc2"));
        using var clerk = fixture.A.Client(await fixture.A.SignIn("chaoyang-clerk"));
        using var sm = fixture.B.Client(await fixture.B.SignIn("chaoyang-sm"));
        var colour = $"Red {Guid.NewGuid():N}"[..12];
        var car = await RegisterCar(clerk, colour);
        await PriceTayron(sm, colour);
        var entry = await (await scA.Post($"{Store}/traffic", new
        {
            kind = "Call",
            source = "Phone",
            customerName = "Chen Jie",
            mobile = NewMobile(),
            modelOfInterest = "Tayron",
            partySize = 1,
            grade = "A",
        })).Json(HttpStatusCode.Created);
        var customerId = entry.GetProperty("customerId").GetString()!;
        var deals = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var deal = await (await scA.Post($"{Store}/deals", new { customerId, terms = Terms(colour, 1_000m) })).Json(HttpStatusCode.Created);
            deals.Add(deal.GetProperty("dealId").GetString()!);
        }

        var answers = await Task.WhenAll(deals.Select((d, i) => (i % 2 == 0 ? scA : scB).Post($"{Store}/deals/{d}/vehicle", new { vin = car })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal("vin-already-reserved", (await refused.Problem(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        var winner = deals[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK)];
        var carNow = await (await clerk.GetAsync($"{Store}/vehicles/{car}")).Json(HttpStatusCode.OK);
        Assert.Equal(winner, carNow.GetProperty("reservation").GetProperty("dealId").GetString());
    }
}
