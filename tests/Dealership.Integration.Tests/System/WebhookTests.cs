using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Vehicles;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Trust;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// Partners' webhooks, tried as a partner's endpoint would take them: signed CloudEvents in each store's commit order, every
/// event once the endpoint is back after being down, replay, another group's events never, and bad subscriptions refused.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WebhookTests(SystemFixture fixture)
{
    private const string Hooks = $"/api/groups/{Demo.Group}/webhooks";
    private const string Hexi = $"/api/stores/{Demo.Hexi}";

    [Fact]
    public async Task Events_arrive_signed_in_each_store_s_order_and_all_of_them_once_the_endpoint_is_back_and_can_be_replayed()
    {
        await using var receiver = await WebhookReceiver.Start();
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var created = await (await admin.Post(Hooks, new
        {
            url = receiver.Url,
            eventTypes = new[] { "vehicle.received", "deal.signed", "payment.recorded" },
            storeIds = new[] { Demo.Hexi },
            wholeGroup = false,
            personalData = false,
        })).Json(HttpStatusCode.Created);
        var (id, secret) = (created.GetProperty("subscriptionId").GetString()!, created.GetProperty("secret").GetString()!);
        Assert.StartsWith("whsec_", secret);

        // Cars into Hexi's stock, a car moved between two other stores (not subscribed), and a deal signed with its deposit.
        using var clerk = fixture.B.Client(await fixture.B.SignIn("hexi-clerk"));
        var vins = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            vins.Add(await Car(clerk));
        }

        var dealId = await SignedDealWithDeposit();
        var first = await receiver.WaitFor(r => r.Count >= 5);
        Assert.All(first, r =>
        {
            Assert.True(r.SignedWith(secret), $"delivery {r.Number}'s signature does not verify");
            Assert.StartsWith("application/cloudevents+json", r.ContentType);
            Assert.Equal("1.0", r.Event.GetProperty("specversion").GetString());
            Assert.Equal($"/stores/{Demo.Hexi}", r.Source);
            Assert.Equal(r.Id, r.Event.GetProperty("id").GetString());
        });
        Assert.Equal([1L, 2, 3, 4, 5], first.Select(r => r.Number));
        Assert.Equal(first.Select(r => r.Sequence).Order(), first.Select(r => r.Sequence));
        Assert.Equal(vins, first.Take(3).Select(r => r.Event.GetProperty("data").GetProperty("vin").GetString()));
        var signed = first.Single(r => r.Type == "deal.signed");
        Assert.Equal(dealId, signed.Event.GetProperty("data").GetProperty("dealId").GetString());
        Assert.False(signed.Event.GetProperty("data").TryGetProperty("customer", out _), "a customer's name went to a subscription without personal data");
        Assert.Equal(10_000m, first.Single(r => r.Type == "payment.recorded").Event.GetProperty("data").GetProperty("amount").GetDecimal());

        // The endpoint goes down: three more cars wait, the first retried while it is away, and all come once it is back.
        await receiver.Down();
        for (var i = 0; i < 3; i++)
        {
            vins.Add(await Car(clerk));
        }

        await Until(admin, id, s => s.GetProperty("failedAttempts").GetInt32() >= 2 && s.GetProperty("lastNumber").GetInt64() == 8);
        await receiver.Up();
        var all = await receiver.WaitFor(r => r.Select(x => x.Number).Distinct().Count() >= 8);
        Assert.Equal(Enumerable.Range(1, 8).Select(n => (long)n), all.Select(r => r.Number).Distinct().Order());
        Assert.Equal(vins, all.Where(r => r.Type == "vehicle.received").DistinctBy(r => r.Number).Select(r => r.Event.GetProperty("data").GetProperty("vin").GetString()));
        Assert.All(all.GroupBy(r => r.Number), g => Assert.Single(g.Select(r => r.Id).Distinct()));
        var view = await Until(admin, id, s => s.GetProperty("deliveredThrough").GetInt64() == 8);
        Assert.Equal(0, view.GetProperty("failedAttempts").GetInt32());
        var deliveries = await admin.All($"{Hooks}/{id}/deliveries");
        Assert.True(deliveries.EnumerateArray().Single(d => d.GetProperty("number").GetInt64() == 6).GetProperty("attempts").GetInt32() >= 2);

        // Replay from 7: the same events again, same ids, in order; a number past the end is refused.
        var before = receiver.Received.Count;
        await (await admin.Post($"{Hooks}/{id}/replay", new { fromNumber = 7 })).Json(HttpStatusCode.OK);
        var replayed = (await receiver.WaitFor(r => r.Count >= before + 2)).Skip(before).ToList();
        Assert.Equal([7L, 8], replayed.Select(r => r.Number));
        Assert.Equal(all.First(r => r.Number == 7).Id, replayed[0].Id);
        var past = await (await admin.Post($"{Hooks}/{id}/replay", new { fromNumber = 9 })).Problem(HttpStatusCode.BadRequest);
        Assert.True(past.GetProperty("errors").TryGetProperty("fromNumber", out _));

        await (await admin.PostAsync($"{Hooks}/{id}/cancel", null)).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_group_s_events_never_reach_a_subscription_and_partners_subscribe_within_their_scope()
    {
        await using var receiver = await WebhookReceiver.Start();
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var whole = await (await admin.Post(Hooks, new { url = receiver.Url, eventTypes = new[] { "vehicle.received" }, wholeGroup = true }))
            .Json(HttpStatusCode.Created);

        // Another group's store takes a car into stock, then one of this group's stores does.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (group, store) = ($"hook{tag}", $"hook{tag}-store");
        await using (var client = await DirectClient.Connect(fixture.System, fixture.System.Silos[0].GatewayPort, Installation.GatewayCertificates()))
        {
            CallerAssertion.Attach(CallerAssertion.Sign(Caller.Platform("onboarding"), 0, DateTimeOffset.UtcNow.AddMinutes(1), Installation.OperatorKeys));
            try
            {
                var source = (await client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Hexi)).Get()).Value!;
                Assert.True((await client.Cluster.GetGrain<IGroupGrain>(GrainKeys.Group(group)).Create("推送测试集团")).IsOk);
                Assert.True((await client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(store)).Open(group, source.Profile with { Name = "推送测试店" },
                    source.Policies)).IsOk);
                var vin = TestVins.New("LVGBE40K1T");
                Assert.True((await client.Cluster.GetGrain<IVehicleGrain>(GrainKeys.InGroup(group, vin))
                    .Register(store, new NewVehicle(vin, "Corolla", "1.2T", "白", 90_000m, VehicleStatus.InStock), null)).IsOk);
            }
            finally
            {
                CallerAssertion.Attach(null);
            }
        }

        using var clerk = fixture.B.Client(await fixture.B.SignIn("hexi-clerk"));
        var ours = await Car(clerk);
        var got = await receiver.WaitFor(r => r.Any(x => x.Event.GetProperty("data").GetProperty("vin").GetString() == ours));
        Assert.All(got, r => Assert.DoesNotContain(store, r.Source, StringComparison.Ordinal));
        Assert.Equal(1L, got[0].Number);
        await (await admin.PostAsync($"{Hooks}/{whole.GetProperty("subscriptionId").GetString()}/cancel", null)).Json(HttpStatusCode.OK);

        // A partner's API client with webhooks:write subscribes for its own store, sees only its own, and no more than its scope.
        var partner = await (await admin.Post($"/api/groups/{Demo.Group}/api-clients", new
        {
            name = "Hexi lender",
            role = "FinanceSpecialist",
            storeIds = new[] { Demo.Hexi },
            wholeGroup = false,
            scopes = new[] { "webhooks:write" },
        })).Json(HttpStatusCode.Created);
        using var anonymous = fixture.A.Client();
        var token = await (await anonymous.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = partner.GetProperty("clientId").GetString()!,
            ["client_secret"] = partner.GetProperty("clientSecret").GetString()!,
        }))).Json(HttpStatusCode.OK);
        using var lender = fixture.A.Client(token.GetProperty("access_token").GetString());
        var own = await (await lender.Post(Hooks, new { url = receiver.Url, eventTypes = new[] { "payment.recorded" }, storeIds = new[] { Demo.Hexi } }))
            .Json(HttpStatusCode.Created);
        var listed = await lender.All(Hooks);
        Assert.Equal([own.GetProperty("subscriptionId").GetString()], listed.EnumerateArray().Select(s => s.GetProperty("subscriptionId").GetString()));
        await (await lender.Post(Hooks, new { url = receiver.Url, eventTypes = new[] { "payment.recorded" }, storeIds = new[] { Demo.Chaoyang } }))
            .Problem(HttpStatusCode.Forbidden);
        await (await lender.Post(Hooks, new { url = receiver.Url, eventTypes = new[] { "deal.signed" }, storeIds = new[] { Demo.Hexi }, personalData = true }))
            .Problem(HttpStatusCode.Forbidden);
        await (await lender.PostAsync($"{Hooks}/{own.GetProperty("subscriptionId").GetString()}/cancel", null)).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_naming_the_field_and_staff_other_than_administrators_may_not_subscribe()
    {
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        async Task<string> BadField(object body) =>
            (await (await admin.Post(Hooks, body)).Problem(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().First().Name;

        Assert.Equal("url", await BadField(new { url = "http://partner.example.com/hooks", eventTypes = new[] { "deal.signed" }, wholeGroup = true }));
        Assert.Equal("url", await BadField(new { url = "https://user:pass@partner.example.com/hooks", eventTypes = new[] { "deal.signed" }, wholeGroup = true }));
        Assert.Equal("eventTypes[1]", await BadField(new { url = "https://partner.example.com/hooks", eventTypes = new[] { "deal.signed", "deal.exploded" }, wholeGroup = true }));
        Assert.Equal("storeIds[0]", await BadField(new { url = "https://partner.example.com/hooks", eventTypes = new[] { "deal.signed" }, storeIds = new[] { "no-such-store" } }));
        Assert.Equal("storeIds", await BadField(new { url = "https://partner.example.com/hooks", eventTypes = new[] { "deal.signed" } }));

        using var gm = fixture.A.Client(await fixture.A.SignIn("hexi-gm"));
        await (await gm.Post(Hooks, new { url = "https://partner.example.com/hooks", eventTypes = new[] { "deal.signed" }, storeIds = new[] { Demo.Hexi } }))
            .Problem(HttpStatusCode.Forbidden);
        Assert.Equal(["deal.signed", "payment.recorded", "vehicle.received", "vehicle.delivered", "transfer.sent", "transfer.received", "weekly-report.submitted"],
            (await (await admin.GetAsync($"{Hooks}/event-types")).Json(HttpStatusCode.OK)).EnumerateArray().Select(t => t.GetString()));
    }

    /// <summary>A car registered into Hexi's stock by its clerk: a vehicle.received event.</summary>
    private static async Task<string> Car(HttpClient clerk)
    {
        var vin = TestVins.New("LVGBE40K1T");
        await (await clerk.Post($"{Hexi}/vehicles", new
        {
            vin,
            model = "Corolla",
            trim = "1.2T Pioneer",
            colour = "白",
            cost = 92_000m,
            status = "InStock",
            demo = false,
        })).Json(HttpStatusCode.Created);
        return vin;
    }

    /// <summary>A walk-in in Hexi who signs a deal and pays a deposit: deal.signed, then payment.recorded.</summary>
    private async Task<string> SignedDealWithDeposit()
    {
        using var sm = fixture.A.Client(await fixture.A.SignIn("hexi-sm"));
        using var sc = fixture.A.Client(await fixture.A.SignIn("hexi-sc1"));
        using var cashier = fixture.A.Client(await fixture.A.SignIn("hexi-cashier"));
        var colour = $"Hook {Guid.NewGuid():N}"[..12];
        await (await sm.PutAsync($"{Hexi}/price-book", JsonContent.Create(new
        {
            model = "Corolla",
            trim = "1.2T Pioneer",
            colour,
            listPrice = 119_800m,
            guidePrice = 116_000m,
            cost = 104_000m,
        }))).Json(HttpStatusCode.OK);
        var entry = await (await sc.Post($"{Hexi}/showroom-register", new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "推送 客户",
            mobile = $"137{Random.Shared.Next(0, 100_000_000):D8}",
            partySize = 1,
            grade = "A",
        })).Json(HttpStatusCode.Created);
        var deal = await (await sc.Post($"{Hexi}/deals", new
        {
            customerId = entry.GetProperty("customerId").GetString(),
            terms = new { model = "Corolla", trim = "1.2T Pioneer", colour, discount = 0m, depositKind = "Binding" },
        })).Json(HttpStatusCode.Created);
        var dealId = deal.GetProperty("dealId").GetString()!;
        var submitted = await (await sc.PostAsync($"{Hexi}/deals/{dealId}/submit", null)).Json(HttpStatusCode.OK);
        if (submitted.GetProperty("status").GetString() == "PendingApproval")
        {
            using var gm = fixture.A.Client(await fixture.A.SignIn("hexi-gm"));
            await (await gm.Post($"{Hexi}/deals/{dealId}/decision", new { approve = true })).Json(HttpStatusCode.OK);
        }

        await (await sc.PostAsync($"{Hexi}/deals/{dealId}/sign", null)).Json(HttpStatusCode.OK);
        await (await cashier.Post($"{Hexi}/deals/{dealId}/payments", new { kind = "Deposit", method = "BankCard", amount = 10_000m, reference = "POS hook" }))
            .Json(HttpStatusCode.OK);
        return dealId;
    }

    /// <summary>Reads the subscription until <paramref name="holds"/>: its dispatcher works on its own clock (retries, backoff).</summary>
    private static async Task<JsonElement> Until(HttpClient admin, string id, Func<JsonElement, bool> holds)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = await (await admin.GetAsync($"{Hooks}/{id}")).Json(HttpStatusCode.OK);
            if (holds(view))
            {
                return view;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the subscription did not reach the state awaited: {view}");
            await Task.Delay(100);
        }
    }
}
