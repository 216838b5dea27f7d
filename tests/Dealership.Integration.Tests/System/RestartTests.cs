using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>Stopping and starting the processes, as an upgrade or a power cut would: state and reminders stay in PostgreSQL.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private DealershipSystem system = null!;

    public async ValueTask InitializeAsync()
    {
        system = await DealershipSystem.Create();
        await system.StartSilo();
        await system.StartGateway(seedDemo: true);
    }

    public ValueTask DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task A_store_written_through_the_gateway_and_its_reminder_survive_restarting_silo_and_gateway()
    {
        var gateway = system.Gateways[0];
        using (var admin = gateway.Client(await gateway.SignIn("huaxia-admin")))
        {
            await (await admin.PostRaw($"/api/groups/{Demo.Group}/stores", """
                {"storeId": "sh-pudong-toyota", "profile": {"name": "上海浦东丰田", "brand": "Toyota", "timeZoneId": "Asia/Shanghai"},
                 "policies": {"vatRate": 0.13, "grossProfitFloor": 1500, "consultantDiscountLimit": 2000, "managerDiscountLimit": 8000}}
                """)).Json(HttpStatusCode.Created);
        }

        const string reminder = "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'close-of-day' AND grainid LIKE '%sh-pudong-toyota%'";
        Assert.Equal(1L, await system.Database.Scalar<long>(reminder));

        await gateway.Stop();
        await system.Silos[0].Stop();
        await system.Silos[0].Start();
        await gateway.Start();

        using var again = gateway.Client(await gateway.SignIn("huaxia-admin"));
        var store = await (await again.GetAsync("/api/stores/sh-pudong-toyota")).Json(HttpStatusCode.OK);
        Assert.Equal("上海浦东丰田", store.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal(1500m, store.GetProperty("policies").GetProperty("grossProfitFloor").GetDecimal());
        Assert.Equal(1L, await system.Database.Scalar<long>(reminder));
    }

    [Fact]
    public async Task A_webhook_event_waiting_for_an_endpoint_that_is_down_is_delivered_once_after_the_silo_restarts()
    {
        var gateway = system.Gateways[0];
        await using var receiver = await WebhookReceiver.Start();
        string id, vin;
        using (var admin = gateway.Client(await gateway.SignIn("huaxia-admin")))
        using (var clerk = gateway.Client(await gateway.SignIn("hexi-clerk")))
        {
            id = (await (await admin.Post($"/api/groups/{Demo.Group}/webhooks", new
            {
                url = receiver.Url,
                eventTypes = new[] { "vehicle.received" },
                storeIds = new[] { Demo.Hexi },
                wholeGroup = false,
            })).Json(HttpStatusCode.Created)).GetProperty("subscriptionId").GetString()!;

            // The endpoint is down when the car comes in: the event waits in the outbox, its delivery failing.
            await receiver.Down();
            vin = TestVins.New("LVGBE40K1T");
            await (await clerk.Post($"/api/stores/{Demo.Hexi}/vehicles", new
            {
                vin,
                model = "Corolla",
                trim = "1.2T Pioneer",
                colour = "白",
                cost = 92_000m,
                status = "InStock",
                demo = false,
            })).Json(HttpStatusCode.Created);
            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while ((await (await admin.GetAsync($"/api/groups/{Demo.Group}/webhooks/{id}")).Json(HttpStatusCode.OK)).GetProperty("failedAttempts").GetInt32() < 1)
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, "the delivery was never tried");
                await Task.Delay(100);
            }
        }

        await gateway.Stop();
        await system.Silos[0].Stop();
        await system.Silos[0].Start();
        await gateway.Start();
        await receiver.Up();

        // The restarted silo wakes the subscription; the car's event arrives, once.
        var got = await receiver.WaitFor(r => r.Count >= 1, TimeSpan.FromSeconds(60));
        Assert.Equal(vin, got[0].Event.GetProperty("data").GetProperty("vin").GetString());
        using var again = gateway.Client(await gateway.SignIn("huaxia-admin"));
        var deadlineAfter = DateTimeOffset.UtcNow.AddSeconds(30);
        while ((await (await again.GetAsync($"/api/groups/{Demo.Group}/webhooks/{id}")).Json(HttpStatusCode.OK)).GetProperty("deliveredThrough").GetInt64() < 1)
        {
            Assert.True(DateTimeOffset.UtcNow < deadlineAfter, "the delivery was never marked delivered");
            await Task.Delay(100);
        }

        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
    }

    [Fact]
    public async Task A_stream_gets_a_fresh_snapshot_when_the_feed_restarts_under_a_new_epoch()
    {
        var gateway = system.Gateways[0];
        using var watcher = gateway.Client(await gateway.SignIn("chaoyang-gm"));
        await using var stream = await EventStream.Open(watcher, $"/api/stores/{Demo.Chaoyang}/events");
        var first = await stream.Next("snapshot");

        // The feed lives in memory on the silo: restarting the silo starts a new epoch.
        await system.Silos[0].Stop();
        await system.Silos[0].Start();

        var fresh = await stream.Next("snapshot", timeout: TimeSpan.FromSeconds(60));
        Assert.NotEqual(first.GetProperty("epoch").GetString(), fresh.GetProperty("epoch").GetString());
        Assert.NotEmpty(fresh.GetProperty("consultants").EnumerateArray());
    }

    [Fact]
    public async Task A_walk_in_retried_after_500_others_and_a_silo_restart_is_logged_once()
    {
        var gateway = system.Gateways[0];
        using var sc = gateway.Client(await gateway.SignIn("hexi-sc1"));
        const string register = $"/api/stores/{Demo.Hexi}/showroom-register";
        var visit = new { kind = "Visit", source = "WalkIn", customerName = "Zhao Min", mobile = "13700000500", modelOfInterest = "Camry", partySize = 1 };
        var firstKey = Guid.NewGuid().ToString();
        var first = await (await sc.Post(register, visit, firstKey)).Json(HttpStatusCode.Created);

        // 500 other walk-ins that day, eight tablets at a time (the register hands them out one by one).
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await (await sc.Post(register, new { kind = "Visit", source = "WalkIn", partySize = 1 }, $"other-{i}-{firstKey}")).Json(HttpStatusCode.Created);
            }
            finally
            {
                gate.Release();
            }
        }));

        var retried = await (await sc.Post(register, visit, firstKey)).Json(HttpStatusCode.Created);
        Assert.Equal(first.ToString(), retried.ToString());
        Assert.Equal(501, await Entries(sc, register));

        await system.Silos[0].Stop();
        await system.Silos[0].Start();
        await gateway.WaitUntilReady();
        var afterRestart = await (await sc.Post(register, visit, firstKey)).Json(HttpStatusCode.Created);
        Assert.Equal(first.ToString(), afterRestart.ToString());
        Assert.Equal(501, await Entries(sc, register));
    }

    private static async Task<int> Entries(HttpClient client, string register)
    {
        var count = 0;
        string? after = null;
        do
        {
            var page = await (await client.GetAsync(register + "?limit=500" + (after is null ? "" : "&after=" + after))).Json(HttpStatusCode.OK);
            count += page.GetProperty("items").GetArrayLength();
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        return count;
    }
}
