using System.Net;
using System.Text;
using System.Text.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// Walks the OpenAPI document, so every endpoint added later is covered without new tests:
/// (a) malformed, missing, oversize, wrong-type and out-of-range input never gets a 5xx, every refusal is a
/// ProblemDetails, and a refused request writes nothing; (b) every store or group route refuses callers
/// from another store and every role its <c>x-roles</c> does not list, and everything but sign-in needs a token (and says so).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EndpointHarness(SystemFixture fixture)
{
    /// <summary>The demo user of each store-scoped role in a store ("chaoyang" → "chaoyang-gm", ...).</summary>
    internal static readonly Dictionary<string, string> RoleSuffix = new()
    {
        ["GeneralManager"] = "gm",
        ["SalesManager"] = "sm",
        ["SalesConsultant"] = "sc1",
        ["SalesInformationClerk"] = "clerk",
        ["FinanceSpecialist"] = "finance",
        ["Cashier"] = "cashier",
        ["PartsPlanner"] = "parts",
        ["ServiceAdvisor"] = "advisor",
        ["Technician"] = "tech",
        ["CustomerServiceCaller"] = "caller",
    };

    private static readonly Dictionary<string, string> WholeGroupUser = new() { ["Administrator"] = "huaxia-admin", ["GroupHq"] = "huaxia-hq" };

    private readonly Dictionary<string, string> tokens = [];

    [Fact]
    public async Task Hostile_input_never_gets_a_5xx_every_refusal_is_a_problem_and_nothing_is_written()
    {
        var operations = await Operations();
        var values = await ValidPathValues();
        var failures = new List<string>();
        var sent = 0;

        foreach (var op in operations)
        {
            using var client = await ClientFor(op, allowed: true);
            foreach (var (url, body) in HostileRequests(op, values))
            {
                sent++;
                var before = await fixture.System.Database.StorageFingerprint();
                using var response = await Send(client, op.Method, url, body);
                var status = (int)response.StatusCode;
                var label = $"{op.Method} {url} {Shorten(body)} → {status}";
                if (status >= 500)
                {
                    failures.Add(label + " (server error)");
                }
                else if (status >= 400)
                {
                    // Kestrel refuses a NUL in the request target while parsing the request line, before any
                    // application code runs; that bare 400 is the web server's, and is still checked for changing nothing.
                    var refusedByServer = status == 400 && url.Contains("%00", StringComparison.Ordinal);
                    if (!refusedByServer && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add(label + " (refusal without ProblemDetails)");
                    }

                    if (await fixture.System.Database.StorageFingerprint() != before)
                    {
                        failures.Add(label + " (refused, yet state changed)");
                    }
                }
            }
        }

        Assert.True(sent > 300, $"only {sent} hostile requests were generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests misbehaved:\n" + string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task Every_route_refuses_other_stores_roles_without_access_and_callers_without_a_token()
    {
        var operations = await Operations();
        var values = await ValidPathValues();
        var failures = new List<string>();
        var checks = 0;

        foreach (var op in operations)
        {
            var url = Fill(op.Path, values);
            var body = op.HasBody ? "{}" : null;

            // The document declares the credentials each operation takes: none for sign-in, at least one for the rest.
            checks++;
            if (op.DeclaresNoCredential != op.Anonymous)
            {
                failures.Add($"{op.Method} {op.Path}: " + (op.DeclaresNoCredential
                    ? "the document declares no credential (security: []), yet it needs a token"
                    : "the document does not declare 'security: []', yet it needs no token"));
            }

            if (!op.Anonymous)
            {
                checks++;
                using var none = fixture.A.Client();
                using var response = await Send(none, op.Method, url, body);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{op.Method} {url} without a token → {(int)response.StatusCode}");
                }
            }

            if (op.Roles.Count == 0)
            {
                continue;
            }

            // A caller of another store, with a role the route admits.
            if (op.StoreScoped && op.Roles.FirstOrDefault(RoleSuffix.ContainsKey) is { } admitted)
            {
                checks++;
                using var other = fixture.B.Client(await Token($"haidian-{RoleSuffix[admitted]}"));
                using var response = await Send(other, op.Method, url, body);
                if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    failures.Add($"{op.Method} {url} by another store's {admitted} → {(int)response.StatusCode}");
                }
            }

            // Every role the route does not admit, from inside the right store.
            foreach (var role in RoleSuffix.Keys.Concat(WholeGroupUser.Keys).Where(r => !op.Roles.Contains(r)))
            {
                checks++;
                using var client = fixture.A.Client(await Token(UserOf(role)));
                using var response = await Send(client, op.Method, url, body);
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{op.Method} {url} by {role} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(checks > 200, $"only {checks} access checks were made");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} access checks were not refused:\n" + string.Join('\n', failures.Take(40)));
    }

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> Roles, IReadOnlyList<string> PathParameters,
        IReadOnlyList<string> QueryParameters, JsonElement? BodySchema, bool Anonymous, bool DeclaresNoCredential)
    {
        public bool HasBody => BodySchema is not null;

        public bool StoreScoped => Path.Contains("{storeId}", StringComparison.Ordinal);
    }

    private async Task<List<Operation>> Operations()
    {
        using var client = fixture.A.Client();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var op = method.Value;
                var roles = op.TryGetProperty("x-roles", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                var parameters = op.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                // A file upload (an import's spreadsheet) has a body but no JSON schema: it gets the raw bodies, not the field values.
                JsonElement? body = !op.TryGetProperty("requestBody", out var b) ? null
                    : b.GetProperty("content").TryGetProperty("application/json", out var json) ? Resolve(json.GetProperty("schema"), schemas)
                    : JsonDocument.Parse("{}").RootElement.Clone();
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, roles,
                    parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList(),
                    parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList(),
                    body, Anonymous: path.Name is "/api/auth/token" or "/api/auth/first-sign-in" or "/api/oauth/token",
                    DeclaresNoCredential: op.TryGetProperty("security", out var security) && security.GetArrayLength() == 0));
            }
        }

        Assert.True(operations.Count >= 30, $"the OpenAPI document lists only {operations.Count} operations");
        return operations;
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;

    [Fact]
    public async Task Every_paged_list_refuses_a_bad_limit_or_cursor_naming_the_field()
    {
        var values = await ValidPathValues();
        var lists = (await Operations()).Where(op => op.Method == "GET" && op.QueryParameters.Contains("limit")).ToList();
        Assert.True(lists.Count >= 15, $"only {lists.Count} paged lists found");
        var failures = new List<string>();
        foreach (var op in lists)
        {
            using var client = await ClientFor(op, allowed: true);
            var url = Fill(op.Path, values);
            foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("after=not-a-cursor!", "after") })
            {
                using var response = await Send(client, "GET", $"{url}?{query}", null);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains($"\"{field}\"", StringComparison.Ordinal))
                {
                    failures.Add($"GET {url}?{query} → {(int)response.StatusCode} {Shorten(body)}");
                }
            }

            // A list answers { items, next }; the stock list is a report whose rows are paged the same way ({ rows, figures, next }).
            using var ok = await Send(client, "GET", $"{url}?limit=1", null);
            var page = ok.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement : default;
            if (ok.StatusCode == HttpStatusCode.OK && !(page.TryGetProperty("next", out _) && (page.TryGetProperty("items", out _) || page.TryGetProperty("rows", out _))))
            {
                failures.Add($"GET {url}?limit=1 answered a list without items");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Path values that exist in the demo group's Chaoyang store.</summary>
    private async Task<Dictionary<string, string>> ValidPathValues()
    {
        using var hq = fixture.A.Client(await Token("huaxia-hq"));
        var vehicles = (await (await hq.GetAsync($"/api/stores/{Demo.Chaoyang}/vehicles")).Json(HttpStatusCode.OK)).GetProperty("items");
        var parts = (await (await hq.GetAsync($"/api/stores/{Demo.Chaoyang}/parts")).Json(HttpStatusCode.OK)).GetProperty("items");
        return new Dictionary<string, string>
        {
            ["storeId"] = Demo.Chaoyang,
            ["groupId"] = Demo.Group,
            ["staffId"] = "chaoyang-sc1",
            ["vin"] = vehicles[0].GetProperty("vin").GetString()!,
            ["partNumber"] = parts[0].GetProperty("partNumber").GetString()!,
            ["tokenId"] = "bt0000000000000000",
            ["transferId"] = "tr0000000000000000",
            ["shipmentNumber"] = "NO-SUCH-SHIPMENT",
            ["customerId"] = "cu0000000000000000",
            ["dealId"] = "dl0000000000000000",
            ["driveId"] = "td0000000000000000",
            ["taskId"] = "tk000001",
            ["week"] = "2020-01-03",
            ["month"] = "2020-01",
            ["number"] = "1",
            ["policyNumber"] = "NO-SUCH-POLICY",
            ["repairOrder"] = "RO-NO-SUCH-ORDER",
            ["purchaseOrderId"] = "po0000000000000000",
            ["claimId"] = "po0000000000000000.1.1.D",
            ["supplier"] = "No Such Supplier",
            ["entryId"] = "invoice:NONE",
            ["repairOrderId"] = "ro0000000000000000",
            ["appointmentId"] = "ap2020010100000000",
            ["line"] = "1",
            ["supplement"] = "0",
            ["date"] = "2020-01-01",
            ["year"] = "2026",
            ["monthOfYear"] = "1",
            ["policyId"] = "ip0000000000000000",
            ["eventId"] = "ev0000000000000000",
            ["clientId"] = "pc0000000000000000",
            ["subscriptionId"] = "wh0000000000000000",
        };
    }

    private static string Fill(string path, IReadOnlyDictionary<string, string> values, string? parameter = null, string? value = null)
    {
        foreach (var (name, v) in values)
        {
            path = path.Replace("{" + name + "}", name == parameter ? value : Uri.EscapeDataString(v), StringComparison.Ordinal);
        }

        return path;
    }

    private static IEnumerable<(string Url, string? Body)> HostileRequests(Operation op, IReadOnlyDictionary<string, string> values)
    {
        var url = Fill(op.Path, values);
        var body = op.HasBody ? "{}" : null;

        string[] badPathValues = ["%20", "..", "A-B", new string('x', 600), "%00", "a%2Fb", "%C3%BF", "-", "1"];
        foreach (var parameter in op.PathParameters)
        {
            foreach (var bad in badPathValues)
            {
                yield return (Fill(op.Path, values, parameter, bad), body);
            }
        }

        foreach (var query in op.QueryParameters)
        {
            foreach (var bad in new[] { "Bogus", new string('q', 5000), "%00", "-1" })
            {
                yield return ($"{url}?{query}={bad}", body);
            }
        }

        if (!op.HasBody || op.Method == "GET")
        {
            yield break;
        }

        string[] rawBodies = ["", "{", "[]", "\"text\"", "null", "123", "{\"a\":", new string('[', 2000) + new string(']', 2000),
            "{\"x\": \"" + new string('x', 300 * 1024) + "\"}"];
        foreach (var raw in rawBodies)
        {
            yield return (url, raw);
        }

        if (op.BodySchema is not { } schema || !schema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            foreach (var bad in WrongValues(property.Value))
            {
                yield return (url, $"{{\"{property.Name}\": {bad}}}");
            }
        }
    }

    /// <summary>Values of the wrong type or far out of range for a property, as JSON.</summary>
    private static IEnumerable<string> WrongValues(JsonElement property)
    {
        yield return "{\"nested\": {\"deeper\": 1}}";
        yield return "[1, 2, 3]";
        yield return "\"" + new string('z', 5000) + "\"";
        yield return "1e40";
        yield return "-1e40";
        yield return "\"NotAKnownValue\"";
        yield return "true";
    }

    private async Task<HttpClient> ClientFor(Operation op, bool allowed)
    {
        if (op.Anonymous || op.Roles.Count == 0)
        {
            return fixture.A.Client();
        }

        var role = op.Roles.FirstOrDefault(RoleSuffix.ContainsKey) ?? op.Roles[0];
        return fixture.A.Client(await Token(UserOf(role)));
    }

    private static string UserOf(string role) =>
        WholeGroupUser.TryGetValue(role, out var user) ? user : $"chaoyang-{RoleSuffix[role]}";

    private async Task<string> Token(string username)
    {
        if (!tokens.TryGetValue(username, out var token))
        {
            tokens[username] = token = await fixture.A.SignIn(username);
        }

        return token;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string method, string url, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        // Streams answer with headers first; the status is all the harness needs.
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static string Shorten(string? body) => body is null ? "" : body.Length > 60 ? body[..60] + "…" : body;
}
