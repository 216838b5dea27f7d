using System.Diagnostics;

namespace Dealership.Benchmarks;

/// <summary>Runs an operation from many concurrent workers for a fixed time and reports throughput and latency percentiles.</summary>
public static class Measurement
{
    /// <summary>A measurement: <see cref="Operations"/> in the measured window, <see cref="AllOperations"/> with the warm-up too.</summary>
    public sealed record Result(string Name, int Workers, long Operations, long Failures, double Seconds, double P50Ms, double P99Ms, long AllOperations)
    {
        public double PerSecond => Operations / Seconds;

        public string Row() => $"| {Name} | {Workers} | {PerSecond,8:N0}/s | {P50Ms:N2} ms | {P99Ms:N2} ms | {Failures} |";
    }

    public static async Task<Result> Run(string name, int workers, TimeSpan warmUp, TimeSpan duration, Func<int, long, Task<bool>> operation)
    {
        var latencies = new List<double>[workers];
        long failures = 0;
        long all = 0;
        var measuring = false;
        var stopAt = Stopwatch.GetTimestamp() + (long)((warmUp + duration).TotalSeconds * Stopwatch.Frequency);
        var startMeasuring = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        long measuredFrom = 0;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            for (long i = 0; Stopwatch.GetTimestamp() < stopAt; i++)
            {
                var begin = Stopwatch.GetTimestamp();
                var ok = await operation(worker, i);
                var end = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref all);
                if (!measuring && end >= startMeasuring)
                {
                    measuring = true;
                    Interlocked.CompareExchange(ref measuredFrom, end, 0);
                }

                if (begin >= startMeasuring)
                {
                    mine.Add((end - begin) * 1000.0 / Stopwatch.Frequency);
                    if (!ok)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        }));

        var measured = latencies.SelectMany(l => l).Order().ToArray();
        var seconds = duration.TotalSeconds;
        return new Result(name, workers, measured.Length, failures, seconds, Percentile(measured, 0.50), Percentile(measured, 0.99), all);
    }

    /// <summary>Several runs of one measurement as one figure: mean throughput, mean percentiles.</summary>
    public static Result Mean(string name, IReadOnlyList<Result> runs) => new(
        name, runs[0].Workers, (long)runs.Average(r => r.Operations), runs.Sum(r => r.Failures), runs[0].Seconds, runs.Average(r => r.P50Ms),
        runs.Average(r => r.P99Ms), (long)runs.Average(r => r.AllOperations));

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
}
