using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Dealership.Integration.Tests.Contract;

/// <summary>
/// The gateway's published OpenAPI document, read once, as the contract every answer the tests see is held to: the operation
/// declares the status, the media type and (for JSON) a schema the body satisfies; a 201 carries Location, a 429 or 503
/// Retry-After; and a request the document calls invalid is not accepted. See <see cref="ContractHandler"/>.
/// </summary>
public sealed class ApiContract
{
    private readonly List<Operation> operations = [];
    private readonly JsonObject definitions;
    private readonly Dictionary<string, JsonSchema> schemas = [];
    private readonly Lock gate = new();

    private ApiContract(JsonObject document)
    {
        definitions = (JsonObject)(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject());
        foreach (var (path, item) in (JsonObject)document["paths"]!)
        {
            foreach (var (method, operation) in (JsonObject)item!)
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                operations.Add(new Operation(method.ToUpperInvariant(), path, Template(path), path.Count(c => c == '{'), (JsonObject)operation!));
            }
        }
    }

    public static ApiContract Parse(string json) => new((JsonObject)JsonNode.Parse(json)!);

    /// <summary>Every way <paramref name="exchange"/> breaks the contract; empty when it holds, or when no operation covers it.</summary>
    public IReadOnlyList<string> Check(Exchange exchange)
    {
        var operation = Find(exchange.Method, exchange.Path);
        if (operation is null)
        {
            // Not an operation of the document (a wrong method or path, health, metrics, static files): nothing to hold it to.
            return [];
        }

        var where = $"{exchange.Method} {operation.Path} → {exchange.Status}";
        var problems = new List<string>();
        var responses = operation.Body["responses"] as JsonObject;
        var declared = responses?[exchange.Status.ToString(global::System.Globalization.CultureInfo.InvariantCulture)] ?? responses?["default"];
        if (declared is null)
        {
            problems.Add($"{where}: status not declared (declared: {string.Join(", ", responses?.Select(r => r.Key) ?? [])}); body: {Clip(exchange.Body)}");
            return problems;
        }

        var required = (declared["headers"] as JsonObject)?.Where(h => h.Value?["required"]?.GetValue<bool>() == true).Select(h => h.Key) ?? [];
        foreach (var header in required)
        {
            if (!exchange.Headers.Contains(header))
            {
                problems.Add($"{where}: required header {header} missing");
            }
        }

        var content = declared["content"] as JsonObject;
        if (exchange.MediaType is null || exchange.Body.Length == 0)
        {
            if (content is { Count: > 0 } && exchange.Status != 204)
            {
                problems.Add($"{where}: no body, but the document declares {string.Join(", ", content.Select(c => c.Key))}");
            }
        }
        else if (content is null || !content.ContainsKey(exchange.MediaType))
        {
            problems.Add($"{where}: media type {exchange.MediaType} not declared ({string.Join(", ", content?.Select(c => c.Key) ?? [])})");
        }
        else if (IsJson(exchange.MediaType) && content[exchange.MediaType]?["schema"] is JsonNode schema)
        {
            problems.AddRange(Validate($"{where} body", schema, exchange.Body));
        }

        // A request the document calls invalid must be refused: accepted, the document lies to clients about what is required.
        if (exchange.Status is >= 200 and < 300 && exchange.RequestBody is { Length: > 0 } request && exchange.RequestMediaType is { } requestType
            && IsJson(requestType) && operation.Body["requestBody"]?["content"]?[requestType]?["schema"] is JsonNode requestSchema)
        {
            problems.AddRange(Validate($"{exchange.Method} {operation.Path} request (accepted with {exchange.Status})", requestSchema, request));
        }

        return problems;
    }

    private static bool IsJson(string mediaType) => mediaType is "application/json" or "application/problem+json";

    private Operation? Find(string method, string path) =>
        operations.Where(o => o.Method == method && o.Pattern.IsMatch(path)).OrderBy(o => o.Parameters).FirstOrDefault();

    private IEnumerable<string> Validate(string what, JsonNode schema, string body)
    {
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return [$"{what}: not JSON: {Clip(body)}"];
        }

        var results = Compile(schema).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (results.IsValid)
        {
            return [];
        }

        var errors = Failures(results).Distinct().Take(8);
        return [$"{what} does not match its schema: {string.Join("; ", errors)}; body: {Clip(body)}"];
    }

    /// <summary>What failed, followed only through failing branches: a oneOf that passed reports none of its other branches.</summary>
    private static IEnumerable<string> Failures(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        foreach (var error in node.Errors ?? new Dictionary<string, string>())
        {
            yield return $"{node.InstanceLocation} ({Tail(node.EvaluationPath.ToString())} {error.Key}): {error.Value}";
        }

        foreach (var failure in (node.Details ?? []).SelectMany(Failures))
        {
            yield return failure;
        }
    }

    private static string Tail(string path) => path.Length <= 80 ? path : "…" + path[^80..];

    /// <summary>A schema of the document made standalone: the components become its $defs, and references point there.</summary>
    private JsonSchema Compile(JsonNode schema)
    {
        var key = schema.ToJsonString();
        lock (gate)
        {
            if (schemas.TryGetValue(key, out var compiled))
            {
                return compiled;
            }

            var standalone = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$defs"] = definitions.DeepClone(),
                ["allOf"] = new JsonArray(schema.DeepClone()),
            };
            var text = standalone.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
            compiled = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            schemas[key] = compiled;
            return compiled;
        }
    }

    private static Regex Template(string path) =>
        new("^" + Regex.Replace(Regex.Escape(path), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant);

    private static string Clip(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private sealed record Operation(string Method, string Path, Regex Pattern, int Parameters, JsonObject Body);
}

/// <summary>One request and its answer, as the contract check sees them.</summary>
public sealed record Exchange(
    string Method,
    string Path,
    string? RequestMediaType,
    string? RequestBody,
    int Status,
    string? MediaType,
    string Body,
    IReadOnlySet<string> Headers);
