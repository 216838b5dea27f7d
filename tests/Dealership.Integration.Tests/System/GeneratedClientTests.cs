using Dealership.ApiClient;
using Dealership.ApiClient.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// A partner's view: the C# client Kiota generates from version 2's published document (client/Dealership.ApiClient) runs a walk-in
/// through typed calls, and a refusal arrives as the typed problem with its code. Its requests pass the contract check too.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GeneratedClientTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_walk_in_is_logged_and_read_back_through_the_generated_client()
    {
        var anonymous = Api(fixture.A.Client());
        var token = await anonymous.Api.V2.Auth.Token.PostAsync(new SignInRequest { Username = "chaoyang-sc2", Password = "demo-password-2026" });
        Assert.Equal("Bearer", token!.TokenType);
        Assert.Equal("chaoyang-sc2", token.Staff!.StaffId);

        var api = Api(fixture.A.Client(token.AccessToken));
        var store = api.Api.V2.Stores[Demo.Chaoyang];
        var mobile = $"139{Random.Shared.Next(0, 100_000_000):D8}";
        var entry = await store.ShowroomRegister.PostAsync(new NewRegisterEntry
        {
            Kind = EntryKind.Visit,
            Source = EntrySource.WalkIn,
            CustomerName = "Li Na",
            Mobile = mobile,
            ModelOfInterest = "Tiguan L",
            PartySize = 2,
            Grade = ProspectGrade.A,
            Budget = 230_000.50m,
        });
        Assert.True(entry!.FirstVisit);
        Assert.Equal("chaoyang-sc2", entry.LoggedBy!.StaffId);
        Assert.False(string.IsNullOrEmpty(entry.LoggedBy.Name));

        var customer = await store.Customers[entry.CustomerId].GetAsync();
        Assert.Equal("Li Na", customer!.Name);
        Assert.Equal(ProspectGrade.A, customer.Prospect!.Grade);
        Assert.Equal(230_000.50m, customer.Prospect.Budget);
        Assert.Equal("chaoyang-sc2", customer.Prospect.ConsultantId);

        var missing = await Assert.ThrowsAsync<NotFoundProblem>(() => store.Deals["dl0000000000000000"].GetAsync());
        Assert.Equal(NotFoundProblem_code.NotFound, missing.Code);
        Assert.Equal(404, missing.ResponseStatusCode);
    }

    private DealershipApi Api(HttpClient http) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = fixture.A.BaseAddress.ToString().TrimEnd('/') });
}
