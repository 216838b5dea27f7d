using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dealership.Contracts.Sales;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The endpoint harness, in sequence: a walk-in taken to a delivered car one step at a time, and before every step the
/// requests a real day throws at it — the step by a role it does not admit, by another store's member, with a broken body,
/// and the later steps tried too early. Each is refused (a ProblemDetails, never a 5xx) and writes nothing; then the step
/// itself goes through, and the sale ends as it would have without them: delivered, paid once, the car delivered.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WorkflowRefusalsTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Chaoyang}";

    // The demo member of each store role ("SalesConsultant" → "sc1"), as the endpoint harness picks them.
    private static readonly Dictionary<string, string> Members = EndpointHarness.RoleSuffix;

    private readonly Dictionary<string, HttpClient> clients = [];

    /// <summary>One step of the sale: who takes it, the operation (as the document names its path) and the body it sends.</summary>
    private sealed record Step(string Member, string Path, Func<object?> Body, HttpStatusCode Expected);

    [Fact]
    public async Task Refusals_between_the_steps_of_a_sale_change_nothing_and_the_sale_still_completes()
    {
        var roles = await RolesByOperation();
        var colour = $"Seq {Guid.NewGuid():N}"[..12];
        var vin = TestVins.New("LFVBA24B0T");
        var name = "Sequence " + Guid.NewGuid().ToString("N")[..6];
        await (await (await Member("sm")).PutAsync($"{Store}/price-book", JsonContent.Create(new
        {
            model = "Tayron",
            trim = "380TSI 4MOTION",
            colour,
            listPrice = 259_900m,
            guidePrice = 252_000m,
            cost = 241_000m,
        }))).Json(HttpStatusCode.OK);
        await (await (await Member("clerk")).Post($"{Store}/vehicles", new
        {
            vin,
            model = "Tayron",
            trim = "380TSI 4MOTION",
            colour,
            cost = 241_000m,
            status = "InStock",
            demo = false,
        })).Json(HttpStatusCode.Created);

        string? customerId = null;
        string? dealId = null;
        decimal cashDue = 0;
        var deal = "/api/stores/{storeId}/deals/{dealId}";
        var steps = new List<Step>
        {
            new("sc1", "/api/stores/{storeId}/showroom-register", () => new
            {
                kind = "Visit", source = "WalkIn", customerName = name, mobile = $"137{Random.Shared.Next(0, 100_000_000):D8}", partySize = 1, grade = "H",
            }, HttpStatusCode.Created),
            new("sc1", "/api/stores/{storeId}/deals", () => new
            {
                customerId, terms = new { model = "Tayron", trim = "380TSI 4MOTION", colour, discount = 5_000m, depositKind = "Binding" },
            }, HttpStatusCode.Created),
            new("sc1", deal + "/submit", () => null, HttpStatusCode.OK),
            new("sm", deal + "/decision", () => new { approve = true, note = "sequence" }, HttpStatusCode.OK),
            new("sc1", deal + "/sign", () => null, HttpStatusCode.OK),
            new("sc1", deal + "/vehicle", () => new { vin }, HttpStatusCode.OK),
            new("cashier", deal + "/payments", () => new { kind = "Payment", method = "BankTransfer", amount = cashDue, reference = "TT 1001" }, HttpStatusCode.OK),
            new("cashier", deal + "/invoice", () => null, HttpStatusCode.OK),
            new("sc1", deal + "/handover-slot", () => new { slot = DateTimeOffset.UtcNow.AddHours(7) }, HttpStatusCode.OK),
            new("tech", deal + "/pdi", () => new { items = Delivery.PdiChecklist.Select(n => new { name = n, passed = true }), mileage = 8 }, HttpStatusCode.OK),
            new("sc1", deal + "/delivery-checks", () => new { configurationMatchesContract = true, warrantyExplained = true, maintenanceExplained = true },
                HttpStatusCode.OK),
            new("sc1", deal + "/handover/start", () => null, HttpStatusCode.OK),
            new("sc1", deal + "/handover/complete", () => new { }, HttpStatusCode.OK),
        };

        // A later step refused until the step it needs is taken: signing before approval, invoicing before payment, the
        // handover before its checks, completing it before it starts.
        var needs = new Dictionary<int, int> { [4] = 3, [7] = 6, [11] = 10, [12] = 11 };
        var refused = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            string Url(string path) => path.Replace("{storeId}", Demo.Chaoyang, StringComparison.Ordinal)
                .Replace("{dealId}", dealId ?? "", StringComparison.Ordinal);

            var attempts = new List<(string Label, HttpClient Client, string Url, string? Body)>();
            var admitted = roles[("POST", step.Path)];
            if (Members.Keys.FirstOrDefault(r => !admitted.Contains(r)) is { } outsider)
            {
                attempts.Add(($"by a {outsider}", await Member(Members[outsider]), Url(step.Path), Json(step.Body())));
            }

            attempts.Add(("by another store's member", await Member(step.Member, "haidian"), Url(step.Path), Json(step.Body())));
            if (Json(step.Body()) is { } body && JsonNode.Parse(body) is JsonObject fields)
            {
                foreach (var field in fields.Select(f => f.Key).ToList())
                {
                    var broken = JsonNode.Parse(body)!.AsObject();
                    broken[field] = JsonNode.Parse("{\"nested\": {\"deeper\": 1}}");
                    attempts.Add(($"with {field} broken", await Member(step.Member), Url(step.Path), broken.ToJsonString()));
                }
            }

            foreach (var (later, prerequisite) in needs.Where(n => n.Value >= i && dealId is not null))
            {
                var early = steps[later];
                attempts.Add(($"{early.Path.Split("/deals/{dealId}")[^1]} too early", await Member(early.Member), Url(early.Path), Json(early.Body())));
            }

            foreach (var (label, client, url, attempt) in attempts)
            {
                // Webhook subscriptions of other tests deliver this sale's events on their own schedule, and write as they do.
                var before = await fixture.System.Database.StorageFingerprint("webhook");
                using var response = await Send(client, url, attempt);
                var where = $"before step {i + 1} ({step.Path}): {label} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                Assert.True((int)response.StatusCode is >= 400 and < 500, where);
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", where);
                Assert.True(await fixture.System.Database.StorageFingerprint("webhook") == before, "changed state: " + where);
                refused++;
            }

            var answer = await (await Send(await Member(step.Member), Url(step.Path), Json(step.Body()))).Json(step.Expected);
            customerId ??= answer.TryGetProperty("customerId", out var c) ? c.GetString() : null;
            dealId ??= i == 1 ? answer.GetProperty("dealId").GetString() : null;
            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("figures", out var figures))
            {
                cashDue = figures.GetProperty("cashDue").GetDecimal();
            }
        }

        Assert.True(refused > 60, $"only {refused} refusals were tried");
        var sale = await (await (await Member("sc1")).GetAsync($"{Store}/deals/{dealId}")).Json(HttpStatusCode.OK);
        Assert.Equal("Delivered", sale.GetProperty("status").GetString());
        Assert.Equal(sale.GetProperty("figures").GetProperty("cashDue").GetDecimal(), sale.GetProperty("paid").GetDecimal());
        Assert.Equal("Delivered", (await (await (await Member("clerk")).GetAsync($"{Store}/vehicles/{vin}")).Json(HttpStatusCode.OK))
            .GetProperty("status").GetString());
        var register = await (await Member("sc1")).All($"{Store}/showroom-register");
        Assert.Single(register.EnumerateArray(), e => e.GetProperty("customerName").GetString() == name);
    }

    /// <summary>Each operation's admitted roles (x-roles), by method and path as the document names them.</summary>
    private async Task<Dictionary<(string, string), HashSet<string>>> RolesByOperation()
    {
        using var client = fixture.A.Client();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var roles = new Dictionary<(string, string), HashSet<string>>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("x-roles", out _)))
            {
                roles[(method.Name.ToUpperInvariant(), path.Name)] = method.Value.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()!).ToHashSet();
            }
        }

        return roles;
    }

    private async Task<HttpClient> Member(string suffix, string store = "chaoyang")
    {
        var username = $"{store}-{suffix}";
        if (!clients.TryGetValue(username, out var client))
        {
            clients[username] = client = fixture.A.Client(await fixture.A.SignIn(username));
        }

        return client;
    }

    private static string? Json(object? body) => body is null ? null : JsonSerializer.Serialize(body, DealershipSystem.Json);

    private static Task<HttpResponseMessage> Send(HttpClient client, string url, string? body) =>
        client.PostAsync(url, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
}
