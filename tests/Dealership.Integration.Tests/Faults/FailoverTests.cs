using System.Diagnostics;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.Faults;

/// <summary>
/// Three silo processes and two gateways under the mixed day; one silo is killed (SIGKILL) mid-day. Nothing acknowledged is
/// lost, no car is sold twice, no part goes negative, the failed answers are 503s that say when to retry, and the cluster serves
/// again by itself. Then every process is stopped and started again, and every store reads as it did.
/// Part of the fault suite (./test.sh faults), not of every run: it takes minutes.
/// </summary>
[Trait("Suite", "Faults")]
public sealed class FailoverTests : IAsyncLifetime
{
    private DealershipSystem system = null!;

    public async ValueTask InitializeAsync()
    {
        system = await DealershipSystem.Create();
        for (var i = 0; i < 3; i++)
        {
            await system.StartSilo();
        }

        await system.StartGateway(seedDemo: true);
        await system.StartGateway();
    }

    public async ValueTask DisposeAsync()
    {
        await system.SaveLogs("failover");
        await system.DisposeAsync();
    }

    [Fact]
    public async Task A_silo_killed_under_the_mixed_day_loses_nothing_acknowledged_and_a_full_restart_keeps_every_store()
    {
        using var load = await LoadedDay.Open(system.Gateways, consultantsPerStore: 4, carsPerStore: 40);
        var day = load.Day.Run(TimeSpan.FromSeconds(70));

        // Mid-day: the day has been running, without a single failure, when a silo dies.
        await load.AfterSuccesses(1_500, day);
        Assert.True(load.Recorder.Failures.Count == 0, "failures before any fault: " + LoadedDay.Describe(load.Recorder.Failures));
        var killedAt = Stopwatch.GetTimestamp();
        await system.Silos[1].Process!.KillNow();
        var successesAtKill = load.Recorder.Successes;
        await day;
        var dayEnded = Stopwatch.GetTimestamp();

        // Every failed answer is a 503 with Retry-After (the outcome unknown; the day retried with the same key): no 500, no hang.
        var (failures, lastSent, lastAnswered) = load.FailuresSince(killedAt);
        load.FailedOnlyAsUnavailable(failures, system);

        // Served again by itself: requests sent 40 s after the kill and later were all served (the cluster declares the silo dead
        // and its grains activate elsewhere), well before the day's end, and the day went on after the last failure.
        Assert.True(lastSent < TimeSpan.FromSeconds(40), $"requests sent {lastSent.TotalSeconds:N1} s after the kill still failed");
        var servedAfter = Stopwatch.GetElapsedTime(killedAt, dayEnded) - lastAnswered;
        Assert.True(servedAfter > TimeSpan.FromSeconds(5), $"the day ended {servedAfter.TotalSeconds:N1} s after the last failure: recovery not shown");
        var afterKill = load.Recorder.Successes - successesAtKill;

        var checkedWrites = await load.NothingLost(system);
        LoadedDay.Figure($"failover: 3 silos, 2 gateways, {load.Floors.Count} stores × 4 consultants + a service bay each; silo killed after " +
            $"{successesAtKill:N0} answers; {failures.Count:N0} failed answers after it ({LoadedDay.Describe(failures, examples: false)}); every request " +
            $"sent {lastSent.TotalSeconds:N1} s after the kill or later was served (the last failed answer came {lastAnswered.TotalSeconds:N1} s after it); {afterKill:N0} successful answers after the kill; slowest answer " +
            $"{load.Recorder.Slowest.TotalSeconds:N1} s; {checkedWrites:N0} acknowledged writes all found");

        // Everything stopped and started again (the killed silo too): every store reads as it did, and nothing acknowledged is lost.
        var before = await StoreSnapshot.Take(system.Gateways[0], load.Floors);
        var stopping = Stopwatch.StartNew();
        foreach (var gateway in system.Gateways)
        {
            await gateway.Stop();
        }

        foreach (var silo in system.Silos.Where(s => !s.Process!.HasExited))
        {
            await silo.Stop();
        }

        var stopped = stopping.Elapsed;
        var starting = Stopwatch.StartNew();
        foreach (var silo in system.Silos)
        {
            await silo.Start();
        }

        foreach (var gateway in system.Gateways)
        {
            await gateway.Start();
        }

        var started = starting.Elapsed;
        Assert.Equal(before, await StoreSnapshot.Take(system.Gateways[1], load.Floors));
        await AcknowledgedCheck.Verify(system.Database, load.Recorder.Acknowledged);
        LoadedDay.Figure($"restart after the failover: every process stopped in {stopped.TotalSeconds:N1} s and started in " +
            $"{started.TotalSeconds:N1} s; every store's cars, deals, repair orders and parts read as before");
    }
}
