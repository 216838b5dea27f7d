using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Dealership.Load;

/// <summary>
/// What the mixed day did, operation by operation: latencies of the measured window, refusals the day expects (a car already
/// on a test drive), errors, every failed answer on a timeline (for the time to recover after a fault), and every acknowledged
/// write (kept for checks after faults: nothing acknowledged may be lost).
/// </summary>
public sealed class Recorder(long measureFrom)
{
    private readonly ConcurrentDictionary<string, Operation> operations = new();
    private readonly ConcurrentQueue<Acknowledged> acknowledged = new();
    private readonly ConcurrentQueue<Failure> failures = new();
    private long successes;
    private long lastSuccessAt;
    private long slowestTicks;

    public IEnumerable<(string Name, Operation Figures)> Operations => operations.OrderBy(o => o.Key).Select(o => (o.Key, o.Value));

    public IReadOnlyCollection<Acknowledged> Acknowledged => acknowledged;

    /// <summary>Every answer that was neither a success nor a refusal the day expects, in the order they came.</summary>
    public IReadOnlyCollection<Failure> Failures => failures;

    public long Successes => Interlocked.Read(ref successes);

    /// <summary>When the latest success came (a Stopwatch timestamp).</summary>
    public long LastSuccessAt => Interlocked.Read(ref lastSuccessAt);

    /// <summary>The longest any request waited for its answer, whatever the answer.</summary>
    public TimeSpan Slowest => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref slowestTicks));

    /// <summary>Times <paramref name="send"/> and files its answer under <paramref name="name"/>; answers the response (the caller disposes it).</summary>
    public async Task<HttpResponseMessage> Time(string name, Func<Task<HttpResponseMessage>> send, params HttpStatusCode[] expectedRefusals)
    {
        var begin = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            var failedAt = Stopwatch.GetTimestamp();
            Longest(failedAt - begin);
            Of(name).Error(begin >= measureFrom, e.GetType().Name);
            failures.Enqueue(new Failure(begin, failedAt, name, null, false, e.GetType().Name));
            throw new DayStepFailed(name, unknownOutcome: true);
        }

        var end = Stopwatch.GetTimestamp();
        Longest(end - begin);
        var op = Of(name);
        if (response.IsSuccessStatusCode)
        {
            op.Done(begin >= measureFrom, (end - begin) * 1000.0 / Stopwatch.Frequency);
            Interlocked.Increment(ref successes);
            InterlockedMax(ref lastSuccessAt, end);
        }
        else if (expectedRefusals.Contains(response.StatusCode))
        {
            op.Refused(begin >= measureFrom);
        }
        else
        {
            var text = Clip(await response.Content.ReadAsStringAsync());
            op.Error(begin >= measureFrom, $"{(int)response.StatusCode} {text}");
            failures.Enqueue(new Failure(begin, end, name, (int)response.StatusCode, response.Headers.RetryAfter is not null, text));
        }

        return response;
    }

    public void Acknowledge(string kind, string storeId, string id, string detail = "") => acknowledged.Enqueue(new Acknowledged(kind, storeId, id, detail));

    private Operation Of(string name) => operations.GetOrAdd(name, _ => new Operation());

    private void Longest(long ticks) => InterlockedMax(ref slowestTicks, ticks);

    private static void InterlockedMax(ref long location, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref location)) && Interlocked.CompareExchange(ref location, value, seen) != seen)
        {
        }
    }

    private static string Clip(string text) => text.Length > 160 ? text[..160] : text;

    public sealed class Operation
    {
        private readonly List<double> latencies = [];
        private readonly ConcurrentDictionary<string, int> errorKinds = new();
        private long refused;
        private long errors;

        public long Refusals => Interlocked.Read(ref refused);

        public long Errors => Interlocked.Read(ref errors);

        public IReadOnlyDictionary<string, int> ErrorKinds => errorKinds;

        public double[] Sorted()
        {
            lock (latencies)
            {
                return [.. latencies.Order()];
            }
        }

        internal void Done(bool measured, double ms)
        {
            if (measured)
            {
                lock (latencies)
                {
                    latencies.Add(ms);
                }
            }
        }

        internal void Refused(bool measured)
        {
            if (measured)
            {
                Interlocked.Increment(ref refused);
            }
        }

        internal void Error(bool measured, string kind)
        {
            if (measured)
            {
                Interlocked.Increment(ref errors);
            }

            errorKinds.AddOrUpdate(kind.Length > 60 ? kind[..60] : kind, 1, (_, n) => n + 1);
        }
    }
}

/// <summary>A write the system answered with success: it must be found afterwards, whatever happened in between.</summary>
/// <param name="Kind">walk-in, follow-up, part movement, delivery, repair order.</param>
/// <param name="Id">The record's id (a customer, a part number, a deal, a repair order).</param>
/// <param name="Detail">What identifies this write on that record (a follow-up's note, a movement's note and quantity, a VIN).</param>
public sealed record Acknowledged(string Kind, string StoreId, string Id, string Detail)
{
    public override string ToString() => $"{Kind}\t{StoreId}\t{Id}\t{Detail}";
}

/// <summary>An answer that was no success and no expected refusal: its status (none when no answer came) and whether it said when to retry.</summary>
public sealed record Failure(long Began, long Ended, string Step, int? Status, bool RetryAfter, string Kind);

/// <summary>A step of the day that failed: the rest of that worker's sequence (a sale's later steps) is skipped.</summary>
public sealed class DayStepFailed(string step, bool unknownOutcome = false) : Exception($"{step} failed")
{
    /// <summary>No answer, or 503: the write may or may not have been done.</summary>
    public bool UnknownOutcome { get; } = unknownOutcome;
}
