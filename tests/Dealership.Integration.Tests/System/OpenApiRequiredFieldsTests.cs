using System.Net;
using System.Text.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The document marks a request field required exactly when the API refuses the request without it, so a generated client
/// neither demands what the API does not nor lets a caller leave out what it does.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiRequiredFieldsTests(SystemFixture fixture)
{
    [Theory]
    [InlineData("NewDeal", "customerId,terms")]
    [InlineData("PaymentDraft", "amount,kind,method")]
    [InlineData("NewRegisterEntry", "kind,partySize,source")]
    [InlineData("ReservationRequest", "dealId")]
    [InlineData("SignInRequest", "password,username")]
    [InlineData("CancelRequest", "deposit,reason")]
    [InlineData("NewTestDriveBooking", "customerId,end,start")]
    [InlineData("CallOutcomeDraft", "outcome")]
    public async Task A_field_is_required_when_the_API_requires_it(string schema, string fields)
    {
        var required = (await Schemas()).GetProperty(schema).TryGetProperty("required", out var list)
            ? list.EnumerateArray().Select(f => f.GetString()!).Order(StringComparer.Ordinal).ToArray()
            : [];

        Assert.Equal(fields.Split(','), required);
    }

    [Fact]
    public async Task Optional_parts_of_a_deals_terms_may_be_left_out()
    {
        var required = (await Schemas()).GetProperty("DealTerms").GetProperty("required").EnumerateArray().Select(f => f.GetString()).ToHashSet();

        Assert.DoesNotContain("tradeIn", required);
        Assert.DoesNotContain("accessories", required);
        Assert.DoesNotContain("fees", required);
        Assert.Contains("model", required);

        // Prices and costs come from the store's books when left out (0): the document may not demand them.
        Assert.Equal(["colour", "depositKind", "model", "trim"], required.Order(StringComparer.Ordinal).Select(f => f!).ToArray());
    }

    private async Task<JsonElement> Schemas()
    {
        using var client = fixture.A.Client();
        var document = await (await client.GetAsync("/openapi/v1.json")).Json(HttpStatusCode.OK);
        return document.GetProperty("components").GetProperty("schemas");
    }
}
