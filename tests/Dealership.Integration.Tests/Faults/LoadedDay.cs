using System.Diagnostics;
using Dealership.Benchmarks;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Integration.Tests.System;
using Dealership.Load;

namespace Dealership.Integration.Tests.Faults;

/// <summary>
/// The load generator's mixed day (tests/Dealership.Load) played on a running system through its gateways, with what a fault
/// test needs around it: a barrier on the day's progress, the failures' timeline after a fault, and the figures kept in
/// .test-data/fault-figures.txt for the README and the closing note.
/// </summary>
public sealed class LoadedDay : IDisposable
{
    public const int Seed = 20261207;

    private static readonly string FiguresFile = Path.Combine(Repo.Root, ".test-data", "fault-figures.txt");

    private readonly List<HttpClient> clients;

    private LoadedDay(List<HttpClient> clients, List<StoreFloor> floors, Recorder recorder, MixedDay day) =>
        (this.clients, Floors, Recorder, Day) = (clients, floors, recorder, day);

    public IReadOnlyList<StoreFloor> Floors { get; }

    public Recorder Recorder { get; }

    public MixedDay Day { get; }

    /// <summary>Sets up the demo group's three stores for the day (through the first gateway) and spreads the workers over all of them.</summary>
    public static async Task<LoadedDay> Open(IReadOnlyList<DealershipSystem.Gateway> gateways, int consultantsPerStore, int carsPerStore)
    {
        // The request timeout is longer than the cluster's own call timeout (30 s): an answer that never comes is seen as such.
        var clients = gateways.Select(g => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = g.BaseAddress,
            Timeout = TimeSpan.FromSeconds(45),
        }).ToList();
        var apis = clients.Select(c => new Api(c)).ToList();
        var admin = await apis[0].SignIn("huaxia-admin");
        var random = new Random(Seed);
        var floors = new List<StoreFloor>();
        foreach (var (store, i) in new[] { Demo.Chaoyang, Demo.Haidian, Demo.Hexi }.Select((s, i) => (s, i)))
        {
            floors.Add(await StoreFloor.Open(apis[0], admin, store, i + 1, consultantsPerStore, carsPerStore, random));
        }

        var recorder = new Recorder(Stopwatch.GetTimestamp());
        return new LoadedDay(clients, floors, recorder, new MixedDay(apis, floors, recorder, Seed));
    }

    /// <summary>An explicit barrier: completes once the day has had <paramref name="count"/> more successful answers.</summary>
    public async Task AfterSuccesses(long count, Task day)
    {
        var target = Recorder.Successes + count;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (Recorder.Successes < target)
        {
            Assert.False(day.IsCompleted, "the day ended before it had done the work this test waits for");
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token); // polling a counter, not waiting for time to pass
        }
    }

    /// <summary>
    /// The failures whose answers came after <paramref name="since"/>; how long after it the last failed request was sent (from
    /// then on every request was served: the time to recover) and the last failure answered (a call in flight may wait out the
    /// cluster's 30 s call timeout).
    /// </summary>
    public (IReadOnlyList<Failure> Failures, TimeSpan LastSent, TimeSpan LastAnswered) FailuresSince(long since)
    {
        var failures = Recorder.Failures.Where(f => f.Ended >= since).ToList();
        return failures.Count == 0
            ? (failures, TimeSpan.Zero, TimeSpan.Zero)
            : (failures, After(since, failures.Max(f => f.Began)), After(since, failures.Max(f => f.Ended)));
    }

    private static TimeSpan After(long since, long at) => at > since ? Stopwatch.GetElapsedTime(since, at) : TimeSpan.Zero;

    /// <summary>Every failure since the fault answered 503 with Retry-After (never 500), and no answer took 35 s or more (no hang).</summary>
    public void FailedOnlyAsUnavailable(IReadOnlyList<Failure> failures, DealershipSystem system)
    {
        Assert.True(failures.All(f => f.Status == 503 && f.RetryAfter), "answers other than 503 with Retry-After: " +
            Describe(failures.Where(f => !(f.Status == 503 && f.RetryAfter))) + "\n" + Logged(system));
        Assert.True(Recorder.Slowest < TimeSpan.FromSeconds(35), $"an answer took {Recorder.Slowest.TotalSeconds:N1} s");
    }

    /// <summary>Every acknowledged write is found and every part's grain agrees with its ledger; answers how many writes were checked.</summary>
    public async Task<int> NothingLost(DealershipSystem system)
    {
        var checkedWrites = await AcknowledgedCheck.Verify(system.Database, Recorder.Acknowledged);
        await StoreSnapshot.PartsAgreeWithTheLedger(system, Floors);
        return checkedWrites;
    }

    public static void Figure(string line) => File.AppendAllText(FiguresFile, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} {line}\n");

    /// <summary>"503 with Retry-After ×41 (walk-in logged ×12, …)" for the figures; with an answer of each kind for an assertion's message.</summary>
    public static string Describe(IEnumerable<Failure> failures, bool examples = true) => string.Join("; ", failures
        .GroupBy(f => f.Status is { } s ? $"{s}{(f.RetryAfter ? " with Retry-After" : "")}" : $"no answer ({f.Kind})")
        .Select(g => $"{g.Key} ×{g.Count():N0} ({string.Join(", ", g.GroupBy(f => f.Step).OrderByDescending(s => s.Count())
            .Select(s => $"{s.Key} ×{s.Count():N0}{(examples ? ", e.g. " + s.First().Kind : "")}"))})"));

    /// <summary>What the gateways logged as failures (the exception behind a 500), for a failing assertion's message.</summary>
    public static string Logged(DealershipSystem system) => string.Join('\n', system.Gateways
        .SelectMany(g => g.Process?.Output.Split('\n') ?? [])
        .SkipWhile(l => !l.StartsWith("fail:", StringComparison.Ordinal))
        .Take(40));

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
