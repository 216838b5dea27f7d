using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Trust;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// A store moves: its export's <c>imports/</c> files, run through the import API in their order into an empty store of a new
/// group, give the same staff, customers (with consent), prospects, cars, suppliers and parts as the store it came from.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class StoreMoveTests(SystemFixture fixture)
{
    private static readonly string[] Order = ["1-staff", "2-customers", "3-prospects", "4-vehicles", "5-suppliers", "6-parts"];

    [Fact]
    public async Task A_store_s_export_imports_into_an_empty_store_of_a_new_group_and_reads_the_same()
    {
        using var hqAdmin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var files = await DataExportApiTests.Unzip(await hqAdmin.GetAsync($"/api/v2/stores/{Demo.Chaoyang}/export.zip"));
        Assert.Equal([.. Order.Select(f => $"imports/{f}.csv")], files.Keys.Where(f => f.StartsWith("imports/", StringComparison.Ordinal)));
        Assert.Contains("## Moving the store: imports/", files["README.md"]);

        // The new group, its empty store (in the same time zone) and its administrator, as the operator onboards a group.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (group, store, admin) = ($"move{tag}", $"move{tag}-store", $"move{tag}-admin");
        await using (var client = await DirectClient.Connect(fixture.System, fixture.System.Silos[0].GatewayPort, Installation.GatewayCertificates()))
        {
            CallerAssertion.Attach(CallerAssertion.Sign(Caller.Platform("onboarding"), 0, DateTimeOffset.UtcNow.AddMinutes(1), Installation.OperatorKeys));
            try
            {
                var source = (await client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Chaoyang)).Get()).Value!;
                Assert.True((await client.Cluster.GetGrain<IGroupGrain>(GrainKeys.Group(group)).Create("迁移测试集团")).IsOk);
                Assert.True((await client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(store)).Open(group, source.Profile with { Name = "迁移测试店" },
                    source.Policies)).IsOk);
                Assert.True((await client.Cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(group, admin))
                    .Create(new NewStaff(admin, "迁移 IT", StaffRole.Administrator, [], true, "a-long-password-2026"))).IsOk);
            }
            finally
            {
                CallerAssertion.Attach(null);
            }
        }

        // Usernames are unique in an installation, and this one has Chaoyang's: the move renames them, as the README says to.
        var usernames = Column(files["imports/1-staff.csv"], 0);
        string Renamed(string username) => $"m{tag}-{username}";
        string Rename(string csv) => usernames.Aggregate(csv, (text, u) =>
            Regex.Replace(text, $"(?<=^|,){Regex.Escape(u)}(?=,|\r?$)", Renamed(u), RegexOptions.Multiline));

        using var newAdmin = fixture.A.Client(await fixture.A.SignIn(admin, "a-long-password-2026"));
        foreach (var name in Order)
        {
            var file = files[$"imports/{name}.csv"];
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(name is "1-staff" or "3-prospects" ? Rename(file) : file));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var kind = name[2..] switch
            {
                "staff" => "Staff",
                "customers" => "Customers",
                "prospects" => "Prospects",
                "vehicles" => "Vehicles",
                "suppliers" => "Suppliers",
                _ => "Parts"
            };
            var run = await (await newAdmin.PostAsync($"/api/v2/stores/{store}/imports?kind={kind}&dryRun=false&allOrNone=true&fileName={name}.csv", content))
                .Json(HttpStatusCode.Created);
            Assert.True(run.GetProperty("status").GetString() == "Applied", $"{name}: {run}");
            Assert.Equal(0, run.GetProperty("unchanged").GetInt32());
        }

        // Moved staff sign in with one-time codes; the general manager reads the new store as Chaoyang's reads Chaoyang.
        async Task<HttpClient> Moved(string username)
        {
            var code = (await (await newAdmin.PostAsync($"/api/v2/groups/{group}/staff/{Renamed(username)}/sign-in-code", null)).Json(HttpStatusCode.OK))
                .GetProperty("code").GetString();
            using var anonymous = fixture.A.Client();
            var answer = await (await anonymous.PostAsJsonAsync("/api/v2/auth/first-sign-in",
                new { username = Renamed(username), code, newPassword = "moved-password-2026" })).Json(HttpStatusCode.OK);
            return fixture.A.Client(answer.GetProperty("accessToken").GetString());
        }

        using var there = await Moved("chaoyang-gm");
        using var here = fixture.A.Client(await fixture.A.SignIn("chaoyang-gm"));

        Assert.Equal(await Staff(hqAdmin, Demo.Group, Demo.Chaoyang, u => Renamed(u)), await Staff(newAdmin, group, store, u => u));
        Assert.Equal(await Lines(here, Demo.Chaoyang, "customers", c => $"{c.S("maskedMobile")} {c.S("name")} {c.Day("firstSeenAt")}"),
            await Lines(there, store, "customers", c => $"{c.S("maskedMobile")} {c.S("name")} {c.Day("firstSeenAt")}"));
        Assert.Equal(await Lines(here, Demo.Chaoyang, "prospects?status=Active",
                p => $"{p.S("maskedMobile")} {Renamed(p.S("consultantId")!)} {p.S("grade")} {p.S("modelOfInterest")} {p.Day("nextFollowUpDue")}"),
            await Lines(there, store, "prospects?status=Active",
                p => $"{p.S("maskedMobile")} {p.S("consultantId")} {p.S("grade")} {p.S("modelOfInterest")} {p.Day("nextFollowUpDue")}"));
        Assert.Equal(await Cars(here, Demo.Chaoyang), await Cars(there, store));
        Assert.Equal(await Lines(here, Demo.Chaoyang, "parts", PartLine), await Lines(there, store, "parts", PartLine));
        Assert.Equal(await Lines(here, Demo.Chaoyang, "suppliers", s => $"{s.S("name")} {s.S("phone")}"),
            await Lines(there, store, "suppliers", s => $"{s.S("name")} {s.S("phone")}"));

        // The moved store works: the parts planner's review covers the imported parts, and a walk-in buys an imported car.
        using (var planner = await Moved("chaoyang-parts"))
        {
            var review = await (await planner.GetAsync($"/api/v2/stores/{store}/parts-planning")).Json(HttpStatusCode.OK);
            Assert.Equal((await there.All($"/api/v2/stores/{store}/parts")).GetArrayLength(), review.GetProperty("partsReviewed").GetInt32());
        }

        await WalkInToDelivery(store, await Moved("chaoyang-sc1"), await Moved("chaoyang-sm"), await Moved("chaoyang-cashier"), await Moved("chaoyang-tech"));
    }

    /// <summary>A walk-in to a delivered car, on a car the move brought in, by the moved staff.</summary>
    private static async Task WalkInToDelivery(string store, HttpClient sc, HttpClient sm, HttpClient cashier, HttpClient tech)
    {
        var at = $"/api/v2/stores/{store}";
        var car = (await sm.All($"{at}/vehicles")).EnumerateArray()
            .First(v => v.S("status") == "InStock" && !v.GetProperty("demo").GetBoolean());
        var (vin, model, trim, colour) = (car.S("vin")!, car.S("model")!, car.S("trim")!, car.S("colour")!);
        var cost = (await (await sm.GetAsync($"{at}/vehicles/{vin}")).Json(HttpStatusCode.OK)).GetProperty("cost").GetDecimal();
        await (await sm.PutAsync($"{at}/price-book", JsonContent.Create(new { model, trim, colour, listPrice = cost + 20_000m, guidePrice = cost + 15_000m, cost })))
            .Json(HttpStatusCode.OK);

        var visit = new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "迁移 客户",
            mobile = $"135{Random.Shared.Next(0, 100_000_000):D8}",
            modelOfInterest = model,
            partySize = 1,
            grade = "H"
        };
        var customerId = (await (await sc.Post($"{at}/showroom-register", visit)).Json(HttpStatusCode.Created)).GetProperty("customerId").GetString();
        var terms = new
        {
            model,
            trim,
            colour,
            listPrice = cost + 20_000m,
            discount = 0m,
            vehicleCost = cost,
            expectedRebate = 0m,
            accessories = Array.Empty<object>(),
            insuranceCommission = 0m,
            financeCommission = 0m,
            fees = Array.Empty<object>(),
            depositKind = "Binding",
        };
        var dealId = (await (await sc.Post($"{at}/deals", new { customerId, terms })).Json(HttpStatusCode.Created)).GetProperty("dealId").GetString();
        var url = $"{at}/deals/{dealId}";
        if ((await (await sc.PostAsync($"{url}/submit", null)).Json(HttpStatusCode.OK)).GetProperty("status").GetString() == "PendingApproval")
        {
            await (await sm.Post($"{url}/decision", new { approve = true })).Json(HttpStatusCode.OK);
        }

        await (await sc.PostAsync($"{url}/sign", null)).Json(HttpStatusCode.OK);
        var cashDue = (await (await sc.Post($"{url}/vehicle", new { vin })).Json(HttpStatusCode.OK)).GetProperty("figures").GetProperty("cashDue").GetDecimal();
        await (await cashier.Post($"{url}/payments", new { kind = "Payment", method = "BankTransfer", amount = cashDue, reference = "TT moved" })).Json(HttpStatusCode.Created);
        await (await cashier.PostAsync($"{url}/invoice", null)).Json(HttpStatusCode.OK);
        await (await sc.Post($"{url}/handover-slot", new { slot = DateTimeOffset.UtcNow.AddHours(7) })).Json(HttpStatusCode.OK);
        await (await tech.Post($"{url}/pdi", new { items = Contracts.Sales.Delivery.PdiChecklist.Select(name => new { name, passed = true }), mileage = 8 }))
            .Json(HttpStatusCode.OK);
        await (await sc.Post($"{url}/delivery-checks", new { configurationMatchesContract = true, warrantyExplained = true, maintenanceExplained = true }))
            .Json(HttpStatusCode.OK);
        await (await sc.PostAsync($"{url}/handover/start", null)).Json(HttpStatusCode.OK);
        var delivered = await (await sc.Post($"{url}/handover/complete", new { })).Json(HttpStatusCode.OK);
        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        var history = await sm.All($"{at}/vehicles/{vin}/history");
        Assert.Equal(["Receipt", "SaleOut"], history.EnumerateArray().Where(h => h.GetProperty("ledger").ValueKind == JsonValueKind.String)
            .Select(h => h.GetProperty("ledger").GetString()));
    }

    private static string PartLine(JsonElement p) =>
        $"{p.S("partNumber")} {p.S("description")} {p.S("bin")} {p.GetProperty("onHand").GetInt32()} {decimal.Round(p.GetProperty("averageCost").GetDecimal(), 2)} " +
        $"{p.GetProperty("planning").S("supplier")} {p.GetProperty("planning").GetProperty("price").GetDecimal()}";

    /// <summary>The store's members who move with it (not the whole group's, nor disabled ones): username, name and role.</summary>
    private static async Task<List<string>> Staff(HttpClient client, string group, string store, Func<string, string> username) =>
        [.. (await client.All($"/api/v2/groups/{group}/staff?storeId={store}")).EnumerateArray()
            .Where(s => !s.GetProperty("wholeGroup").GetBoolean() && !s.GetProperty("disabled").GetBoolean()
                && s.S("role") is not ("Administrator" or "GroupHq"))
            .Select(s => $"{username(s.S("staffId")!)} {s.S("displayName")} {s.S("role")}").Order(StringComparer.Ordinal)];

    /// <summary>The cars the store holds or awaits, as they move: a reserved car is in stock; an arrival is a day in the store's time.</summary>
    private static async Task<List<string>> Cars(HttpClient client, string store) =>
        [.. (await client.All($"/api/v2/stores/{store}/vehicles")).EnumerateArray()
            .Where(v => v.S("status") is "InStock" or "Reserved" or "InTransit" or "Ordered")
            .Select(v => $"{v.S("vin")} {v.S("model")} {v.S("trim")} {v.S("colour")} {(v.S("status") == "Reserved" ? "InStock" : v.S("status"))} " +
                $"{v.GetProperty("demo").GetBoolean()} {v.S("certificate")} {v.Day("inStockSince")}")
            .Order(StringComparer.Ordinal)];

    private static async Task<List<string>> Lines(HttpClient client, string store, string list, Func<JsonElement, string> line)
    {
        var url = $"/api/v2/stores/{store}/{list}";
        return [.. (await client.All(url)).EnumerateArray().Select(line).Order(StringComparer.Ordinal)];
    }

    private static List<string> Column(string csv, int index)
    {
        using var reader = CsvReader.FromText(csv.TrimStart('\uFEFF'), null);
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(index));
        }

        return values;
    }
}

internal static class JsonLines
{
    /// <summary>A string property, or null when it is null.</summary>
    public static string? S(this JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>An instant's day in the demo stores' time (Beijing), as a move carries days; empty when there is none.</summary>
    public static string Day(this JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } value
            ? value.GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture)
            : "";
}
