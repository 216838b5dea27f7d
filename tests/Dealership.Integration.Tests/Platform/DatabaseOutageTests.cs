using System.Diagnostics;
using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Integration.Tests.System;

namespace Dealership.Integration.Tests.Platform;

/// <summary>
/// PostgreSQL stopped under a running system, on a server of the test's own: every request meanwhile is answered, quickly,
/// with 503 and Retry-After (never a 500), nothing acknowledged is lost, the system serves again by itself once the database
/// is back, and hosts asked to stop while it is gone stop within their shutdown timeout.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const string Store = $"/api/stores/{Demo.Chaoyang}";

    // Longer than any answer the gateway should take (the cluster's own call timeout is 30 s): a hang fails the test.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(45);

    // What the run measured, for the README and the closing note (the suite prints no test output).
    private static readonly string Figures = Path.Combine(Repo.Root, ".test-data", "outage-figures.txt");

    private PrivatePostgres postgres = null!;
    private DealershipSystem system = null!;

    public async ValueTask InitializeAsync()
    {
        postgres = await PrivatePostgres.Create();
        system = await postgres.StartSystem(poolSize: 20);
        await system.StartSilo();
        await system.StartGateway(seedDemo: true);
    }

    public async ValueTask DisposeAsync()
    {
        await system.DisposeAsync();
        await postgres.DisposeAsync();
    }

    [Fact]
    public async Task Requests_during_an_outage_get_503_the_system_recovers_by_itself_and_hosts_still_stop_in_time()
    {
        var gateway = system.Gateways[0];
        using var consultant = Client(gateway, await gateway.SignIn("chaoyang-sc1"));
        using var clerk = Client(gateway, await gateway.SignIn("chaoyang-clerk"));
        var name = "Outage " + Guid.NewGuid().ToString("N")[..8];
        var acknowledged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            acknowledged.Add(await WalkIn(consultant, name));
        }

        var vehicles = await clerk.All($"{Store}/vehicles");
        using var planner = Client(gateway, await gateway.SignIn("chaoyang-parts"));
        var part = "OUT-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await (await planner.Post($"{Store}/parts", new { partNumber = part, description = "Outage test part", bin = "O-01", onHand = 10, cost = 20m, price = 35m }))
            .Json(HttpStatusCode.Created);
        await postgres.Stop();

        // A write, a paged list (SQL), a grain not active yet (a car never seen: its state must be read) and a sign-in: each answers
        // 503 at once. (A grain already active may answer a read from memory meanwhile; that is no failure.)
        var key = Guid.NewGuid().ToString();
        var retriedVisit = Visit(name, $"135{Random.Shared.Next(0, 100_000_000):D8}");
        await Unavailable(() => consultant.Post($"{Store}/showroom-register", retriedVisit, key));
        await Unavailable(() => clerk.GetAsync($"{Store}/stock-ledger"));
        await Unavailable(() => clerk.GetAsync($"{Store}/vehicles/{TestVins.New("LSVFA24B4U")}"));
        using (var anonymous = Client(gateway, null))
        {
            await Unavailable(() => anonymous.Post("/api/auth/token", new { username = "chaoyang-gm", password = "demo-password-2026" }));
        }

        // A change to a grain in memory whose write fails (no key: nothing to look up first) must not stay behind in its memory.
        await Unavailable(() => planner.Post($"{Store}/parts/{part}/movements", new { quantity = -1, reason = "CounterSale", note = "during the outage" }));

        // Back: the same write, retried with its key, is done once; every walk-in acknowledged before is there.
        await postgres.Start();
        var recovery = Stopwatch.StartNew();
        HttpResponseMessage retried;
        while ((retried = await consultant.Post($"{Store}/showroom-register", retriedVisit, key)).StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(recovery.Elapsed < TimeSpan.FromMinutes(1), "the system did not serve again within a minute of the database's return");
            await Task.Delay(TimeSpan.FromMilliseconds(200)); // a client's pause between retries (Retry-After is for clients at large)
        }

        acknowledged.Add((await retried.Json(HttpStatusCode.Created)).GetProperty("customerId").GetString()!);
        var again = await (await consultant.Post($"{Store}/showroom-register", retriedVisit, key)).Json(HttpStatusCode.Created);
        Assert.Equal(acknowledged[^1], again.GetProperty("customerId").GetString());
        var register = await consultant.All($"{Store}/showroom-register");
        Assert.Equal(6, register.EnumerateArray().Count(e => e.GetProperty("customerName").GetString() == name));
        foreach (var customerId in acknowledged.Distinct())
        {
            await (await consultant.GetAsync($"{Store}/customers/{customerId}")).Json(HttpStatusCode.OK);
        }

        File.AppendAllText(Figures, $"served again {recovery.ElapsedMilliseconds} ms after PostgreSQL was back\n");

        // The part issued during the outage was not: its grain reads 10 on hand, as the store's books do, and the next issue takes it to 9.
        Assert.Equal(10, (await (await planner.GetAsync($"{Store}/parts/{part}")).Json(HttpStatusCode.OK)).GetProperty("onHand").GetInt32());
        var issued = await (await planner.Post($"{Store}/parts/{part}/movements", new { quantity = -1, reason = "CounterSale", note = "after" }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(9, issued.GetProperty("onHand").GetInt32());

        // Gone again: the gateway and the silo, asked to stop, stop within their shutdown timeout (30 s each; the test allows the
        // processes' own exit beyond it) all the same.
        await postgres.Stop();
        var stopping = Stopwatch.StartNew();
        await gateway.Process!.Stop(TimeSpan.FromSeconds(33));
        await system.Silos[0].Process!.Stop(TimeSpan.FromSeconds(33));
        File.AppendAllText(Figures, $"gateway and silo stopped {stopping.ElapsedMilliseconds} ms after being asked, with PostgreSQL gone\n");

        // Everything started again: the store's data is intact.
        await postgres.Start();
        await system.Silos[0].Start();
        await gateway.Start();
        using var clerkAfter = Client(gateway, await gateway.SignIn("chaoyang-clerk"));
        using var consultantAfter = Client(gateway, await gateway.SignIn("chaoyang-sc1"));
        Assert.Equal(vehicles.ToString(), (await clerkAfter.All($"{Store}/vehicles")).ToString());
        foreach (var customerId in acknowledged.Distinct())
        {
            await (await consultantAfter.GetAsync($"{Store}/customers/{customerId}")).Json(HttpStatusCode.OK);
        }
    }

    // A retry sends the same body: a walk-in's mobile is fixed with it.
    private static object Visit(string name, string? mobile = null) => new
    {
        kind = "Visit",
        source = "WalkIn",
        customerName = name,
        mobile = mobile ?? $"136{Random.Shared.Next(0, 100_000_000):D8}",
        partySize = 1,
        grade = "B",
    };

    private static async Task<string> WalkIn(HttpClient consultant, string name) =>
        (await (await consultant.Post($"{Store}/showroom-register", Visit(name))).Json(HttpStatusCode.Created)).GetProperty("customerId").GetString()!;

    private static HttpClient Client(DealershipSystem.Gateway gateway, string? token)
    {
        var client = gateway.Client(token);
        client.Timeout = RequestTimeout;
        return client;
    }

    private static async Task Unavailable(Func<Task<HttpResponseMessage>> request)
    {
        var response = await request();
        var problem = await response.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unavailable", problem.GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
    }
}
