using System.Diagnostics;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.Faults;

/// <summary>
/// PostgreSQL stopped for 30 s under the mixed day (two silos, two gateways, a server of the test's own): every failed answer
/// meanwhile is a quick 503 with Retry-After, a silo and a gateway asked to stop during the outage stop within their shutdown
/// timeout, the rest serve again by themselves once the database is back, and nothing acknowledged is lost.
/// Part of the fault suite (./test.sh faults), not of every run: it takes minutes.
/// </summary>
[Trait("Suite", "Faults")]
public sealed class OutageUnderLoadTests : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private PrivatePostgres postgres = null!;
    private DealershipSystem system = null!;

    public async ValueTask InitializeAsync()
    {
        postgres = await PrivatePostgres.Create();
        system = await postgres.StartSystem(poolSize: 40);
        await system.StartSilo();
        await system.StartSilo();
        await system.StartGateway(seedDemo: true);
        await system.StartGateway();
    }

    public async ValueTask DisposeAsync()
    {
        await system.SaveLogs("outage-under-load");
        await system.DisposeAsync();
        await postgres.DisposeAsync();
    }

    [Fact]
    public async Task Thirty_seconds_without_the_database_under_the_mixed_day_answer_503_stop_in_time_and_lose_nothing_acknowledged()
    {
        // The load goes through the first gateway; the second gateway and the second silo are the hosts asked to stop meanwhile.
        using var load = await LoadedDay.Open([system.Gateways[0]], consultantsPerStore: 4, carsPerStore: 40);
        var day = load.Day.Run(TimeSpan.FromSeconds(100));
        await load.AfterSuccesses(1_000, day);
        Assert.True(load.Recorder.Failures.Count == 0, "failures before any fault: " + LoadedDay.Describe(load.Recorder.Failures));

        var stoppedAt = Stopwatch.GetTimestamp();
        await postgres.Stop();
        var stopping = Stopwatch.StartNew();
        await system.Gateways[1].Process!.Stop(TimeSpan.FromSeconds(33));
        var gatewayStopped = stopping.Elapsed;
        stopping.Restart();
        await system.Silos[1].Process!.Stop(TimeSpan.FromSeconds(33));
        var siloStopped = stopping.Elapsed;
        var remaining = Outage - Stopwatch.GetElapsedTime(stoppedAt);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining); // the fault's length is the scenario, not a wait for something to happen
        }

        var during = load.FailuresSince(stoppedAt).Failures.Count;
        await postgres.Start();
        var backAt = Stopwatch.GetTimestamp();
        await day;
        var dayEnded = Stopwatch.GetTimestamp();

        var (failures, _, _) = load.FailuresSince(stoppedAt);
        var (_, lastSent, lastAnswered) = load.FailuresSince(backAt);
        Assert.True(during > 0, "no request failed while the database was gone: the outage was not under load");
        load.FailedOnlyAsUnavailable(failures, system);

        // Served again by itself: requests sent 40 s after the database's return and later were all served. The silo stopped during
        // the outage could not say so in the membership table; the other finds it gone by its probes once it can write there.
        Assert.True(lastSent < TimeSpan.FromSeconds(40), $"requests sent {lastSent.TotalSeconds:N1} s after the database was back still failed");
        Assert.True(Stopwatch.GetElapsedTime(backAt, dayEnded) - lastAnswered > TimeSpan.FromSeconds(5), "the day ended before it was served again");

        var checkedWrites = await load.NothingLost(system);
        LoadedDay.Figure($"database outage under load: PostgreSQL stopped {Outage.TotalSeconds:N0} s; {failures.Count:N0} failed answers " +
            $"({LoadedDay.Describe(failures, examples: false)}); slowest answer {load.Recorder.Slowest.TotalSeconds:N1} s; every request sent " +
            $"{lastSent.TotalSeconds:N1} s after PostgreSQL was back or later was served (the last failed answer came {lastAnswered.TotalSeconds:N1} s after it); asked to stop during the outage, a gateway stopped in " +
            $"{gatewayStopped.TotalSeconds:N1} s and a silo in {siloStopped.TotalSeconds:N1} s; {checkedWrites:N0} acknowledged writes all found");
    }
}
