using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// Version 2 of the API beside version 1, on PostgreSQL and through the contract check (each version's answers are held to
/// its own document): a person is <c>{staffId, name}</c> in version 2 and the audit name's text in version 1, and every create
/// answers 201 with what it created and a Location that reads it back, where version 1 answers as it always has.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ApiVersion2Tests(SystemFixture fixture)
{
    private const string V1 = $"/api/stores/{Demo.Chaoyang}";
    private const string V2 = $"/api/v2/stores/{Demo.Chaoyang}";

    private static string NewVin() => TestVins.New("LFVBA24B1T");

    /// <summary>A signed deal on a Tayron of its own colour (priced by the sales manager), opened through version 2.</summary>
    private async Task<string> SignedDeal(HttpClient sc, HttpClient sm)
    {
        var colour = $"Teal {Guid.NewGuid():N}"[..12];
        await (await sm.PutAsync($"{V1}/price-book", JsonContent.Create(new
        {
            model = "Tayron",
            trim = "380TSI 4MOTION",
            colour,
            listPrice = 259_900m,
            guidePrice = 252_000m,
            cost = 241_000m,
        }))).Json(HttpStatusCode.OK);
        var mobile = $"136{Random.Shared.Next(0, 100_000_000):D8}";
        var entry = await (await sc.Post($"{V2}/showroom-register", new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "Li Na",
            mobile,
            modelOfInterest = "Tayron",
            partySize = 1,
            grade = "A",
        })).Json(HttpStatusCode.Created);
        var opened = await sc.Post($"{V2}/deals", new
        {
            customerId = entry.GetProperty("customerId").GetString(),
            terms = new { model = "Tayron", trim = "380TSI 4MOTION", colour, discount = 0m, depositKind = "Binding" },
        });
        var deal = await opened.Json(HttpStatusCode.Created);
        var dealId = deal.GetProperty("dealId").GetString()!;
        Assert.Equal($"{V2}/deals/{dealId}", opened.Headers.Location!.OriginalString);
        // Within the consultant's limits it is approved at once; other tests may have changed the store's policies or rebates,
        // so the general manager (who may approve any deal) approves it if it waits.
        var submitted = await (await sc.PostAsync($"{V2}/deals/{dealId}/submit", null)).Json(HttpStatusCode.OK);
        if (submitted.GetProperty("status").GetString() == "PendingApproval")
        {
            using var gm = fixture.B.Client(await fixture.B.SignIn("chaoyang-gm"));
            await (await gm.Post($"{V2}/deals/{dealId}/decision", new { approve = true })).Json(HttpStatusCode.OK);
        }

        await (await sc.PostAsync($"{V2}/deals/{dealId}/sign", null)).Json(HttpStatusCode.OK);
        return dealId;
    }

    private static void IsPerson(JsonElement person, string staffId)
    {
        Assert.Equal(JsonValueKind.Object, person.ValueKind);
        Assert.Equal(staffId, person.GetProperty("staffId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(person.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_payment_a_loan_case_and_an_insurance_policy_are_created_with_201_and_read_back_where_version_1_answers_the_deal()
    {
        using var sc = fixture.A.Client(await fixture.A.SignIn("chaoyang-sc1"));
        using var sm = fixture.B.Client(await fixture.B.SignIn("chaoyang-sm"));
        using var cashier = fixture.A.Client(await fixture.A.SignIn("chaoyang-cashier"));
        using var finance = fixture.B.Client(await fixture.B.SignIn("chaoyang-finance"));
        var dealId = await SignedDeal(sc, sm);
        var (v1, v2) = ($"{V1}/deals/{dealId}", $"{V2}/deals/{dealId}");

        // A payment: 201 with the payment, once per Idempotency-Key; version 1 still answers 200 with the deal.
        var key = Guid.NewGuid().ToString();
        var paid = await cashier.Post($"{v2}/payments", new { kind = "Deposit", method = "BankCard", amount = 10_000m, reference = "POS 1" }, key);
        var payment = await paid.Json(HttpStatusCode.Created);
        var number = payment.GetProperty("number").GetInt32();
        Assert.Equal($"{v2}/payments/{number}", paid.Headers.Location!.OriginalString);
        Assert.Equal(10_000m, payment.GetProperty("amount").GetDecimal());
        IsPerson(payment.GetProperty("by"), "chaoyang-cashier");
        var retried = await (await cashier.Post($"{v2}/payments", new { kind = "Deposit", method = "BankCard", amount = 10_000m, reference = "POS 1" }, key))
            .Json(HttpStatusCode.Created);
        Assert.Equal(number, retried.GetProperty("number").GetInt32());
        Assert.Equal(payment.GetRawText(), (await (await cashier.GetAsync(paid.Headers.Location)).Json(HttpStatusCode.OK)).GetRawText());
        var sameInV1 = await (await cashier.GetAsync($"{v1}/payments/{number}")).Json(HttpStatusCode.OK);
        Assert.StartsWith("chaoyang-cashier (", sameInV1.GetProperty("by").GetString());
        var dealInV1 = await (await cashier.Post($"{v1}/payments", new { kind = "Payment", method = "Cash", amount = 1_000m })).Json(HttpStatusCode.OK);
        Assert.Equal(11_000m, dealInV1.GetProperty("paid").GetDecimal());
        await (await cashier.GetAsync($"{v2}/payments/{number + 100}")).Problem(HttpStatusCode.NotFound);

        // The loan case: 201 with the case and its Location.
        await (await finance.GetAsync($"{v2}/loan")).Problem(HttpStatusCode.NotFound);
        var cashDue = (await (await finance.GetAsync(v2)).Json(HttpStatusCode.OK)).GetProperty("figures").GetProperty("cashDue").GetDecimal();
        var opened = await finance.Post($"{v2}/loan", new { lender = "Bank of Beijing", amount = 100_000m, termMonths = 36, downPayment = cashDue - 100_000m });
        var loan = await opened.Json(HttpStatusCode.Created);
        Assert.Equal($"{v2}/loan", opened.Headers.Location!.OriginalString);
        Assert.Equal("Bank of Beijing", loan.GetProperty("lender").GetString());
        IsPerson(loan.GetProperty("openedBy"), "chaoyang-finance");
        Assert.Equal(loan.GetRawText(), (await (await finance.GetAsync(opened.Headers.Location)).Json(HttpStatusCode.OK)).GetRawText());

        // An insurance policy: 201 with the policy, read back by its number.
        var recorded = await finance.Post($"{v2}/insurance-policies", new
        {
            insurer = "PICC",
            policyNumber = "PDAA2026-0042",
            kind = "Commercial",
            premium = 6_800m,
            commission = 1_020m,
        });
        var policy = await recorded.Json(HttpStatusCode.Created);
        Assert.Equal($"{v2}/insurance-policies/PDAA2026-0042", recorded.Headers.Location!.OriginalString);
        Assert.Equal("PDAA2026-0042", policy.GetProperty("policy").GetProperty("policyNumber").GetString());
        IsPerson(policy.GetProperty("recordedBy"), "chaoyang-finance");
        Assert.Equal(policy.GetRawText(), (await (await finance.GetAsync(recorded.Headers.Location)).Json(HttpStatusCode.OK)).GetRawText());

        // The same deal read in each version: the same people, in each version's shape.
        var inV1 = await (await sm.GetAsync(v1)).Json(HttpStatusCode.OK);
        var inV2 = await (await sm.GetAsync(v2)).Json(HttpStatusCode.OK);
        Assert.Equal(inV1.GetProperty("history").GetArrayLength(), inV2.GetProperty("history").GetArrayLength());
        foreach (var (a, b) in inV1.GetProperty("history").EnumerateArray().Zip(inV2.GetProperty("history").EnumerateArray()))
        {
            var person = b.GetProperty("by");
            var name = person.GetProperty("name").GetString();
            Assert.Equal(person.GetProperty("staffId").GetString() is { } id ? $"{id} ({name})" : name, a.GetProperty("by").GetString());
        }

        IsPerson(inV2.GetProperty("loan").GetProperty("openedBy"), "chaoyang-finance");
        Assert.StartsWith("chaoyang-finance (", inV1.GetProperty("loan").GetProperty("openedBy").GetString());
    }

    [Fact]
    public async Task A_stock_ledger_correction_and_a_parts_hold_are_created_with_201_and_read_back()
    {
        using var clerk = fixture.A.Client(await fixture.A.SignIn("chaoyang-clerk"));
        using var parts = fixture.B.Client(await fixture.B.SignIn("chaoyang-parts"));
        var vin = NewVin();
        var registered = await clerk.Post($"{V2}/vehicles", new
        {
            vin,
            model = "Tayron",
            trim = "380TSI 4MOTION",
            colour = "Pure White",
            cost = 241_000m,
            status = "InStock",
        });
        await registered.Json(HttpStatusCode.Created);
        Assert.Equal($"{V2}/vehicles/{vin}", registered.Headers.Location!.OriginalString);

        var corrected = await clerk.Post($"{V2}/stock-ledger/corrections", new { vin, quantity = -1, reason = "Count 12-05: not on the lot" });
        var line = await corrected.Json(HttpStatusCode.Created);
        Assert.Equal($"{V2}/stock-ledger/{line.GetProperty("number").GetInt64()}", corrected.Headers.Location!.OriginalString);
        IsPerson(line.GetProperty("by"), "chaoyang-clerk");
        Assert.Equal(line.GetRawText(), (await (await clerk.GetAsync(corrected.Headers.Location)).Json(HttpStatusCode.OK)).GetRawText());
        Assert.Equal("ledger-balance",
            (await (await clerk.Post($"{V1}/stock-ledger/corrections", new { vin, quantity = -1, reason = "again" })).Problem(HttpStatusCode.Conflict))
            .GetProperty("code").GetString());

        var partNumber = $"V2T-{Random.Shared.Next(1000, 9999)}-{Random.Shared.Next(100, 999)}";
        await (await parts.Post($"{V2}/parts", new { partNumber, description = "Oil filter", bin = "A-01-02", onHand = 10 })).Json(HttpStatusCode.Created);
        var held = await parts.Post($"{V2}/parts/{partNumber}/reservations", new { repairOrder = "RO-2026-0001", quantity = 3 });
        var hold = await held.Json(HttpStatusCode.Created);
        Assert.Equal($"{V2}/parts/{partNumber}/reservations/RO-2026-0001", held.Headers.Location!.OriginalString);
        Assert.Equal(3, hold.GetProperty("quantity").GetInt32());
        IsPerson(hold.GetProperty("by"), "chaoyang-parts");
        Assert.Equal(hold.GetRawText(), (await (await parts.GetAsync(held.Headers.Location)).Json(HttpStatusCode.OK)).GetRawText());
        var partInV1 = await (await parts.Post($"{V1}/parts/{partNumber}/reservations", new { repairOrder = "RO-2026-0002", quantity = 2 })).Json(HttpStatusCode.OK);
        Assert.Equal(5, partInV1.GetProperty("reserved").GetInt32());
        await (await parts.GetAsync($"{V2}/parts/{partNumber}/reservations/RO-2026-0003")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_version_has_its_document_and_version_2_names_every_person_as_a_staff_reference()
    {
        using var client = new HttpClient { BaseAddress = fixture.A.BaseAddress };
        var v1 = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var v2 = JsonNode.Parse(await client.GetStringAsync("/openapi/v2.json"))!;
        var v1Paths = v1["paths"]!.AsObject().Select(p => p.Key).ToList();
        var v2Paths = v2["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.DoesNotContain(v1Paths, p => p.StartsWith("/api/v2/", StringComparison.Ordinal));
        Assert.All(v2Paths, p => Assert.StartsWith("/api/v2/", p));
        var deprecated = v1["paths"]!.AsObject().Where(p => p.Value!.AsObject().Any(o => o.Value?["deprecated"]?.GetValue<bool>() == true)).Select(p => p.Key);
        Assert.Equal(v1Paths.Except(deprecated).Select(p => "/api/v2" + p[4..]).Order(), v2Paths.Order());

        var schemas = v2["components"]!["schemas"]!.AsObject();
        Assert.True(schemas.ContainsKey("StaffRef"));
        // A field named …By is a person unless it is a time (the workshop slot's endsBy, the PDI's signBy are date-times).
        var named = schemas.SelectMany(s => s.Value!["properties"]?.AsObject() ?? [])
            .Where(p => p.Key == "by" || p.Key.EndsWith("By", StringComparison.Ordinal)).ToList();
        var times = named.Where(p => p.Value?["format"]?.GetValue<string>() == "date-time").ToList();
        var persons = named.Except(times).ToList();
        Assert.True(persons.Count >= 40, $"only {persons.Count} person fields");
        Assert.All(persons, p => Assert.Contains("#/components/schemas/StaffRef", p.Value!.ToJsonString()));
        Assert.Equal(["endsBy", "endsBy", "signBy"], times.Select(t => t.Key).Order());
        Assert.DoesNotContain("StaffRef", v1.ToJsonString());
    }
}
