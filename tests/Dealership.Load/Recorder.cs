using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dealership.Load;

/// <summary>
/// What the mixed day did, operation by operation: latencies of the measured window, refusals the day expects (a car already
/// on a test drive), errors, and every acknowledged write (kept for checks after faults: nothing acknowledged may be lost).
/// </summary>
public sealed class Recorder(long measureFrom)
{
    private readonly ConcurrentDictionary<string, Operation> operations = new();
    private readonly ConcurrentQueue<string> acknowledged = new();

    public IEnumerable<(string Name, Operation Figures)> Operations => operations.OrderBy(o => o.Key).Select(o => (o.Key, o.Value));

    public IReadOnlyCollection<string> Acknowledged => acknowledged;

    /// <summary>Times <paramref name="send"/> and files its answer under <paramref name="name"/>; answers the response (the caller disposes it).</summary>
    public async Task<HttpResponseMessage> Time(string name, Func<Task<HttpResponseMessage>> send, params System.Net.HttpStatusCode[] expectedRefusals)
    {
        var begin = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Of(name).Error(begin >= measureFrom, e.GetType().Name);
            throw new DayStepFailed(name);
        }

        var end = Stopwatch.GetTimestamp();
        var op = Of(name);
        if (response.IsSuccessStatusCode)
        {
            op.Done(begin >= measureFrom, (end - begin) * 1000.0 / Stopwatch.Frequency);
        }
        else if (expectedRefusals.Contains(response.StatusCode))
        {
            op.Refused(begin >= measureFrom);
        }
        else
        {
            op.Error(begin >= measureFrom, $"{(int)response.StatusCode} {Clip(await response.Content.ReadAsStringAsync())}");
        }

        return response;
    }

    public void Acknowledge(string what) => acknowledged.Enqueue(what);

    private Operation Of(string name) => operations.GetOrAdd(name, _ => new Operation());

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

/// <summary>A step of the day that failed: the rest of that worker's sequence (a sale's later steps) is skipped.</summary>
public sealed class DayStepFailed(string step) : Exception($"{step} failed");
