using System.Net;
using System.Text.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class LiveFeedTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_change_made_through_gateway_A_arrives_on_a_stream_held_on_gateway_B()
    {
        using var watcher = fixture.B.Client(await fixture.B.SignIn("chaoyang-gm"));
        await using var stream = await EventStream.Open(watcher, $"/api/stores/{Demo.Chaoyang}/events");
        var snapshot = await stream.Next("snapshot");
        Assert.NotEmpty(snapshot.GetProperty("consultants").EnumerateArray());

        var note = Guid.NewGuid().ToString("N");
        using var consultant = fixture.A.Client(await fixture.A.SignIn("chaoyang-sc2"));
        await (await consultant.Post($"/api/stores/{Demo.Chaoyang}/consultants/chaoyang-sc2/status", new { status = "WithCustomer", note }))
            .Json(HttpStatusCode.OK);

        var change = await stream.Next("event", e => e.GetProperty("kind").GetString() == "consultant-status"
            && e.GetProperty("data").GetProperty("staffId").GetString() == "chaoyang-sc2"
            && e.GetProperty("data").GetProperty("status").GetString() == "WithCustomer");
        Assert.True(change.GetProperty("sequence").GetInt64() > snapshot.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task A_browser_opens_the_stream_with_a_ticket_and_a_wall_screen_with_a_revocable_board_token()
    {
        using var manager = fixture.A.Client(await fixture.A.SignIn("haidian-sm"));
        var ticket = await (await manager.PostAsync($"/api/stores/{Demo.Haidian}/events/ticket", null)).Json(HttpStatusCode.OK);
        using var anonymous = fixture.B.Client();
        await using (var viaTicket = await EventStream.Open(anonymous, ticket.GetProperty("eventsUrl").GetString()!))
        {
            Assert.Equal(Demo.Haidian, (await viaTicket.Next("snapshot")).GetProperty("storeId").GetString());
        }

        // A ticket is for one store only.
        var otherStore = ticket.GetProperty("eventsUrl").GetString()!.Replace(Demo.Haidian, Demo.Chaoyang, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(otherStore)).StatusCode);

        var issued = await (await manager.Post($"/api/stores/{Demo.Haidian}/board-tokens", new { label = "Showroom screen" }, "screen-1"))
            .Json(HttpStatusCode.Created);
        var again = await (await manager.Post($"/api/stores/{Demo.Haidian}/board-tokens", new { label = "Showroom screen" }, "screen-1"))
            .Json(HttpStatusCode.Created);
        Assert.Equal(issued.GetProperty("token").GetString(), again.GetProperty("token").GetString());

        var boardUrl = issued.GetProperty("eventsUrl").GetString()!;
        await using (var board = await EventStream.Open(anonymous, boardUrl))
        {
            await board.Next("snapshot");
        }

        var tokenId = issued.GetProperty("info").GetProperty("tokenId").GetString();
        await (await manager.DeleteAsync($"/api/stores/{Demo.Haidian}/board-tokens/{tokenId}")).Json(HttpStatusCode.OK);
        await (await anonymous.GetAsync(boardUrl)).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Staff_of_another_store_cannot_watch_its_feed()
    {
        using var other = fixture.A.Client(await fixture.A.SignIn("hexi-gm"));
        await (await other.GetAsync($"/api/stores/{Demo.Chaoyang}/events")).Problem(HttpStatusCode.Forbidden);
        await (await other.PostAsync($"/api/stores/{Demo.Chaoyang}/events/ticket", null)).Problem(HttpStatusCode.Forbidden);
    }

    internal static string Status(JsonElement consultant) => consultant.GetProperty("status").GetString()!;
}
