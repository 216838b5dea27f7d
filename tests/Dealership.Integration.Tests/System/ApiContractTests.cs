using Dealership.Integration.Tests.Contract;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The contract check itself: it passes what the document allows and names what it does not, so the tests that run through it
/// (every client of the system fixture) prove the API keeps its document.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ApiContractTests(SystemFixture fixture)
{
    private const string Deal = "/api/stores/bj-chaoyang-vw/deals/dl0123456789abcdef";

    private static readonly HashSet<string> NoHeaders = new(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task A_refusal_the_document_declares_passes()
    {
        var contract = await Contract();
        var problem = """{"title":"Not found","status":404,"detail":"Deal was not found.","code":"not-found","traceId":"abc"}""";

        Assert.Empty(contract.Check(new Exchange("GET", Deal, null, null, 404, "application/problem+json", problem, NoHeaders)));
    }

    [Fact]
    public async Task A_status_the_operation_does_not_declare_is_named()
    {
        var mismatches = (await Contract()).Check(new Exchange("GET", Deal, null, null, 418, "application/json", "{}", NoHeaders));

        Assert.Contains(mismatches, m => m.Contains("GET /api/stores/{storeId}/deals/{dealId} → 418: status not declared", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_the_operation_does_not_list_is_named()
    {
        var problem = """{"title":"Conflict","status":409,"code":"made-up-code"}""";

        var mismatches = (await Contract()).Check(new Exchange("POST", Deal + "/sign", null, null, 409, "application/problem+json", problem, NoHeaders));

        Assert.Contains(mismatches, m => m.Contains("does not match its schema", StringComparison.Ordinal) && m.Contains("/code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_without_a_required_field_is_named()
    {
        // A sign-in answer without its token.
        var mismatches = (await Contract()).Check(new Exchange("POST", "/api/auth/token", "application/json", """{"username":"a","password":"b"}""",
            200, "application/json", """{"tokenType":"Bearer"}""", NoHeaders));

        Assert.Contains(mismatches, m => m.Contains("accessToken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_create_without_its_location_is_named()
    {
        var mismatches = (await Contract()).Check(new Exchange("POST", "/api/stores/bj-chaoyang-vw/deals", null, null, 201, "application/json", "{}",
            NoHeaders));

        Assert.Contains(mismatches, m => m.Contains("required header Location missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_the_document_calls_invalid_but_the_API_accepted_is_named()
    {
        var mismatches = (await Contract()).Check(new Exchange("POST", "/api/auth/token", "application/json", """{"username":"a"}""",
            401, "application/problem+json", """{"title":"Sign-in refused","status":401,"code":"bad-credentials"}""", NoHeaders));
        Assert.Empty(mismatches);

        var accepted = (await Contract()).Check(new Exchange("POST", "/api/auth/token", "application/json", """{"username":"a"}""",
            200, "application/json", """{"accessToken":"t"}""", NoHeaders));
        Assert.Contains(accepted, m => m.Contains("request (accepted with 200)", StringComparison.Ordinal) && m.Contains("password", StringComparison.Ordinal));
    }

    private async Task<ApiContract> Contract()
    {
        using var client = new HttpClient { BaseAddress = fixture.A.BaseAddress };
        return ApiContract.Parse(await client.GetStringAsync("/openapi/v1.json"));
    }
}
