using System.Net;
using System.Text.Json;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Integration.Tests.System;

namespace Dealership.Integration.Tests.Platform;

/// <summary>
/// A database written by release 7 (kept whole in grain state; see Fixtures/Release7/make-fixture.sh) is started on by this
/// release, as ./run.sh would: every deal, ledger line, history entry, task and count it held is still answered by the API.
/// </summary>
public sealed class Release7UpgradeTests : IAsyncLifetime
{
    private const string Store = $"/api/stores/{Demo.Chaoyang}";
    private const string Day = "2026-12-05";

    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Release7");

    private readonly JsonElement answers = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, "answers.json"))).RootElement;
    private DealershipSystem system = null!;

    public async ValueTask InitializeAsync()
    {
        system = await DealershipSystem.Create();
        await system.Database.Restore(Path.Combine(FixtureDirectory, "database.sql.gz"));
        await system.StartSilo();
        await system.StartGateway(seedDemo: true);
    }

    public ValueTask DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Every_record_of_release_7_is_kept()
    {
        var gateway = system.Gateways[0];
        using var sm = gateway.Client(await gateway.SignIn("chaoyang-sm"));
        using var gm = gateway.Client(await gateway.SignIn("chaoyang-gm"));
        using var clerk = gateway.Client(await gateway.SignIn("chaoyang-clerk"));
        using var finance = gateway.Client(await gateway.SignIn("chaoyang-finance"));
        using var parts = gateway.Client(await gateway.SignIn("chaoyang-parts"));
        using var admin = gateway.Client(await gateway.SignIn("huaxia-admin"));
        using var haidianClerk = gateway.Client(await gateway.SignIn("haidian-clerk"));
        using var hexiClerk = gateway.Client(await gateway.SignIn("hexi-clerk"));

        foreach (var deal in answers.GetProperty("deals").EnumerateArray())
        {
            var id = deal.GetProperty("dealId").GetString();
            Same(deal, await Get(sm, $"{Store}/deals/{id}"), $"deal {id}");
        }

        SameSet(answers.GetProperty("dealList"), await List(sm, $"{Store}/deals"), "dealId", "deal list");
        Same(answers.GetProperty("ledger"), await List(clerk, $"{Store}/stock-ledger"), "Chaoyang's stock ledger");
        Same(answers.GetProperty("haidianLedger"), await List(haidianClerk, $"/api/stores/{Demo.Haidian}/stock-ledger"), "Haidian's stock ledger");
        Same(answers.GetProperty("hexiLedger"), await List(hexiClerk, $"/api/stores/{Demo.Hexi}/stock-ledger"), "Hexi's stock ledger");
        Same(answers.GetProperty("traffic"), await List(sm, $"{Store}/traffic?date={Day}"), "traffic register");
        SameSet(answers.GetProperty("prospects"), await List(sm, $"{Store}/prospects"), "customerId", "prospects", "overdue");
        var customer = answers.GetProperty("customer");
        Same(customer, await Get(sm, $"{Store}/customers/{customer.GetProperty("customerId").GetString()}"), "customer card");

        // The store's close of day may have run since (a reminder due while the fixture slept): history only grows.
        Contains(answers.GetProperty("sc1History"), await List(sm, $"{Store}/consultants/chaoyang-sc1/history"), "sc1's status history");
        Same(answers.GetProperty("car1History"), await List(clerk, $"{Store}/vehicles/{answers.GetProperty("car1").GetString()}/history"), "car history");
        Same(answers.GetProperty("movedHistory"),
            await List(haidianClerk, $"/api/stores/{Demo.Haidian}/vehicles/{answers.GetProperty("moved").GetString()}/history"), "transferred car history");
        SameSet(answers.GetProperty("vehicles"), await List(clerk, $"{Store}/vehicles"), "vin", "vehicles");
        Same(answers.GetProperty("partMovements"), await List(parts, $"{Store}/parts/{answers.GetProperty("part").GetString()}/movements"), "parts movements");
        Same(answers.GetProperty("storeHistory"), await List(gm, $"{Store}/history"), "store history");
        Contains(answers.GetProperty("tasks"), await List(sm, $"{Store}/tasks?status=Done"), "done tasks");
        Contains(answers.GetProperty("openTasks"), await List(sm, $"{Store}/tasks"), "open tasks");
        Same(answers.GetProperty("weeklyReports"), await List(clerk, $"{Store}/weekly-reports"), "weekly reports");
        Same(answers.GetProperty("oemOrder"), await Get(clerk, $"{Store}/oem-orders/{answers.GetProperty("month").GetString()}"), "OEM order");
        Same(answers.GetProperty("staff"), await Get(admin, $"/api/groups/{Demo.Group}/staff/chaoyang-sc3"), "staff member");
        SameSet(answers.GetProperty("loans"), await List(finance, $"{Store}/loans"), "dealId", "loan cases");
        Same(answers.GetProperty("numbers"), await Get(sm, $"{Store}/sales-numbers?date={Day}"), "sales numbers", "followUpsOverdue");
    }

    private static async Task<JsonElement> Get(HttpClient client, string url) => await (await client.GetAsync(url)).Json(HttpStatusCode.OK);

    /// <summary>A list answer; a paged answer ({ items, next }) is read through to its last page.</summary>
    private static async Task<JsonElement> List(HttpClient client, string url)
    {
        var first = await Get(client, url);
        if (first.ValueKind == JsonValueKind.Array)
        {
            return first;
        }

        var items = first.GetProperty("items").EnumerateArray().ToList();
        while (first.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String)
        {
            first = await Get(client, url + (url.Contains('?') ? "&" : "?") + "after=" + Uri.EscapeDataString(next.GetString()!));
            items.AddRange(first.GetProperty("items").EnumerateArray());
        }

        return JsonSerializer.SerializeToElement(items);
    }

    /// <summary>
    /// Every value release 7 answered is answered the same now. Fields added by later releases (absent from release 7's answer)
    /// are not part of what was kept, so the comparison reads only release 7's fields.
    /// </summary>
    private static void Same(JsonElement expected, JsonElement actual, string what, params string[] ignored)
    {
        var kept = Text(Shaped(actual, expected), ignored);
        Assert.True(Text(expected, ignored) == kept, $"{what} differs:\nrelease 7: {Text(expected, ignored)}\nnow:       {kept}");
    }

    /// <summary><paramref name="actual"/> with only the object properties <paramref name="expected"/> has, at every depth.</summary>
    private static JsonElement Shaped(JsonElement actual, JsonElement expected)
    {
        if (actual.ValueKind == JsonValueKind.Object && expected.ValueKind == JsonValueKind.Object)
        {
            var fields = new Dictionary<string, JsonElement>();
            foreach (var property in actual.EnumerateObject())
            {
                if (expected.TryGetProperty(property.Name, out var was))
                {
                    fields[property.Name] = Shaped(property.Value, was);
                }
            }

            return JsonSerializer.SerializeToElement(fields);
        }

        if (actual.ValueKind == JsonValueKind.Array && expected.ValueKind == JsonValueKind.Array && actual.GetArrayLength() == expected.GetArrayLength())
        {
            return JsonSerializer.SerializeToElement(actual.EnumerateArray().Zip(expected.EnumerateArray(), Shaped).ToList());
        }

        return actual;
    }

    private static void SameSet(JsonElement expected, JsonElement actual, string key, string what, params string[] ignored)
    {
        var now = actual.EnumerateArray().ToDictionary(e => e.GetProperty(key).GetString()!);
        Assert.True(expected.GetArrayLength() == now.Count, $"{what}: release 7 had {expected.GetArrayLength()}, now {now.Count}");
        foreach (var item in expected.EnumerateArray())
        {
            var id = item.GetProperty(key).GetString()!;
            Assert.True(now.TryGetValue(id, out var found), $"{what}: {id} is missing");
            Same(item, found, $"{what} {id}", ignored);
        }
    }

    private static void Contains(JsonElement expected, JsonElement actual, string what)
    {
        var now = actual.EnumerateArray().Select(e => Text(e, [])).ToHashSet();
        foreach (var item in expected.EnumerateArray())
        {
            Assert.True(now.Contains(Text(item, [])), $"{what}: missing {Text(item, [])}");
        }
    }

    /// <summary>Canonical JSON: properties sorted, the ignored ones (values that depend on the hour it is read) left out.</summary>
    private static string Text(JsonElement element, string[] ignored) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Where(p => !ignored.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name) + ":" + Text(p.Value, ignored))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(e => Text(e, ignored))) + "]",
        JsonValueKind.Number => element.GetDecimal().ToString("G29", global::System.Globalization.CultureInfo.InvariantCulture),
        // Release 7 kept instants to 100 ns in grain state; PostgreSQL rounds them to microseconds (half to even).
        JsonValueKind.String when element.GetString()!.Length > 20 && DateTimeOffset.TryParseExact(element.GetString(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.None, out var at) =>
            JsonSerializer.Serialize(new DateTimeOffset((long)Math.Round(at.Ticks / 10m, MidpointRounding.ToEven) * 10, at.Offset).ToString("O", global::System.Globalization.CultureInfo.InvariantCulture)),
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString()),
        _ => element.GetRawText(),
    };
}
