using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record NewApiClientRequest([property: Required] string? Name, StaffRole Role, string[]? StoreIds, bool WholeGroup,
    [property: Required] string[]? Scopes);

/// <summary>A group administrator's register of partner systems (OEM portals, lenders, insurers, the group's data warehouse).</summary>
public static class ApiClientsApi
{
    public const string Tag = "API clients";

    public static IEndpointRouteBuilder MapApiClientsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/groups/{groupId}/api-clients").WithTags(Tag);
        api.MapGet("", List).ForGroup(RoleSets.Administrators).WithName("ListApiClients").Answers<Page<ApiClientView>>()
            .WithSummary("The group's API clients, revoked ones included, by client id (administrators of the whole group).");
        api.MapPost("", Register).ForGroup(RoleSets.Administrators).WithName("RegisterApiClient").Creates<ApiClientSecret>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Register a partner system: the role it acts as (never Administrator), its stores and its scopes " +
                "(area:read or area:write; write covers read). Answers the client id and secret: the secret is shown this once and " +
                "kept only as a hash. A retry with the same Idempotency-Key answers the same client with its secret issued again.");
        api.MapGet("/{clientId}", Get).ForGroup(RoleSets.Administrators).WithName("GetApiClient").Answers<ApiClientView>()
            .WithSummary("One API client: its scopes, when its secret was issued, when it last took a token, whether it is revoked.");
        api.MapPost("/{clientId}/secret", Rotate).ForGroup(RoleSets.Administrators).WithName("RotateApiClientSecret").Answers<ApiClientSecret>()
            .Conflicts("client-revoked")
            .WithSummary("Issue a new secret, shown once. The old one keeps working for 24 hours, so the partner can deploy the new one.");
        api.MapPost("/{clientId}/revoke", Revoke).ForGroup(RoleSets.Administrators).WithName("RevokeApiClient").Answers<ApiClientView>()
            .WithSummary("End the client: it gets no more tokens and the tokens it holds are refused (401 token-revoked).");
        return app;
    }

    private static async Task<IResult> List(string groupId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IApiClientListGrain>(GrainKeys.Group(groupId)).List(page)).ToResult();
    }

    private static async Task<IResult> Register(string groupId, NewApiClientRequest request, IClusterClient cluster, HttpContext http)
    {
        if (Idempotency.OperationId(http).Problem is { } badKey)
        {
            return badKey;
        }

        var client = new NewApiClient(request.Name ?? "", request.Role, request.StoreIds ?? [], request.WholeGroup, request.Scopes ?? []);
        var errors = client.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var clientId = Idempotency.NewRecordId(http, "pc", groupId);
        http.Response.Headers.CacheControl = "no-store";
        var outcome = await cluster.GetGrain<IApiClientGrain>(GrainKeys.InGroup(groupId, clientId)).Register(client);
        return outcome.ToResult(v => TypedResults.Created($"/api/groups/{groupId}/api-clients/{v.ClientId}", v));
    }

    private static async Task<IResult> Get(string groupId, string clientId, IClusterClient cluster) =>
        Ids.IsValid(clientId)
            ? (await cluster.GetGrain<IApiClientGrain>(GrainKeys.InGroup(groupId, clientId)).Get()).ToResult()
            : Problems.ToResult(Problem.NotFound($"API client '{clientId}'"));

    private static async Task<IResult> Rotate(string groupId, string clientId, IClusterClient cluster, HttpContext http)
    {
        if (!Ids.IsValid(clientId))
        {
            return Problems.ToResult(Problem.NotFound($"API client '{clientId}'"));
        }

        http.Response.Headers.CacheControl = "no-store";
        return (await cluster.GetGrain<IApiClientGrain>(GrainKeys.InGroup(groupId, clientId)).RotateSecret()).ToResult();
    }

    private static async Task<IResult> Revoke(string groupId, string clientId, IClusterClient cluster, StaffStandingCache standing)
    {
        if (!Ids.IsValid(clientId))
        {
            return Problems.ToResult(Problem.NotFound($"API client '{clientId}'"));
        }

        var outcome = await cluster.GetGrain<IApiClientGrain>(GrainKeys.InGroup(groupId, clientId)).Revoke();
        standing.ForgetClient(groupId, clientId);
        return outcome.ToResult();
    }
}
