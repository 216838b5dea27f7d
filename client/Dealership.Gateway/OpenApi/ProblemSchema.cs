using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// The shape of every refusal the API answers: RFC 9457 ProblemDetails with this API's extensions (<c>code</c>, <c>errors</c>,
/// <c>traceId</c>), as <see cref="Http.Problems"/>, the exception handler and the auth and rate-limit middleware write it.
/// Each answer gets its own copy whose <c>code</c> lists exactly the codes it can carry: whole, not an allOf of a base and a
/// narrowing, which generated clients (Kiota) flatten badly.
/// </summary>
public static class ProblemSchema
{
    public static OpenApiSchema WithCodes(IEnumerable<string> codes) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details with a stable, machine-readable `code`.",
        Required = new HashSet<string> { "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem (RFC 9457).", nullable: true),
            ["title"] = Text("A short summary of the kind of problem.", nullable: false),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong with this request, for a person.", nullable: true),
            ["instance"] = Text("The request's path, when given.", nullable: true),
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable and machine-readable: what a client branches on.",
                Enum = [.. codes.Select(c => (JsonNode)c!)],
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Description = "For 400, each bad field (by its JSON path) with what is wrong; for a refusal of many parts at once " +
                    "(a shipment's lines), each part's reason.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["alternatives"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array | JsonSchemaType.Null,
                Description = "For a refused booking (slot-full, workshop-closed, workshop-full): the start times that fit instead, best first.",
                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            },
            ["traceId"] = Text("Quote it to support: it finds the request's trace and logs.", nullable: true),
        },
    };

    private static OpenApiSchema Text(string description, bool nullable) =>
        new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Description = description };
}
