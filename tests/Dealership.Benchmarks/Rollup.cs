using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Dealership.Benchmarks;

/// <summary>
/// Group HQ's live view under load: <c>stores</c> stores of the demo group take cars into stock through the gateway (a change the
/// rollup counts: in stock), from 32 writers for the given time, while HQ reads the rollup as fast as one reader can. For every
/// acknowledged write, the time from its response to the first HQ read that shows it; and the write throughput.
/// </summary>
public static class Rollup
{
    private const int Writers = 32;

    /// <param name="watch">False: the writes alone, for the write path's throughput (with the rollup on, or switched off).</param>
    public static async Task<IReadOnlyList<string>> Run(Api api, int storeCount, TimeSpan duration, bool watch, string label)
    {
        var admin = await api.SignIn("huaxia-admin");
        var stores = Enumerable.Range(1, storeCount).Select(i => $"bench-rollup-{i:D3}").ToArray();
        await api.Stores(admin, stores);
        await api.GroupManager(admin, "bench-rollup-gm");

        var writer = await api.SignIn("bench-rollup-gm");
        var tag = DateTime.UtcNow.Ticks % 1_000_000;
        var hq = await api.SignIn("huaxia-hq");

        // What HQ shows now is the starting count of each store (a store starts empty; an earlier run left its cars).
        var baseline = InStock(await api.Json("/api/groups/huaxia/rollup", hq));
        var written = new ConcurrentDictionary<string, int>(stores.ToDictionary(s => s, s => baseline.GetValueOrDefault(s)));
        var pending = new ConcurrentQueue<(string Store, int Count, long At)>();
        var latencies = new ConcurrentBag<double>();
        if (!watch)
        {
            // A fresh process after a restart: its first seconds (JIT, activations, pools) are not the write path's cost.
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                var warm = Stopwatch.StartNew();
                for (var i = 0L; warm.Elapsed < TimeSpan.FromSeconds(5); i++)
                {
                    using var _ = await api.Send(HttpMethod.Post, $"/api/stores/{stores[(int)((w + (i * Writers)) % stores.Length)]}/vehicles", writer,
                        new { vin = Vin(tag, w + 50, i), model = "Lavida", trim = "1.5L Comfort", colour = "Pure White", cost = 98_000m, status = "InStock" });
                }
            })));
        }

        var clock = Stopwatch.StartNew();
        var stop = clock.Elapsed + duration;
        long acknowledged = 0, failed = 0;

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0L; clock.Elapsed < stop; i++)
            {
                var store = stores[(int)((w + (i * Writers)) % stores.Length)];
                var vin = Vin(tag, w, i);
                using var response = await api.Send(HttpMethod.Post, $"/api/stores/{store}/vehicles", writer,
                    new { vin, model = "Lavida", trim = "1.5L Comfort", colour = "Pure White", cost = 98_000m, status = "InStock" });
                if (response.IsSuccessStatusCode)
                {
                    var count = written.AddOrUpdate(store, 1, (_, c) => c + 1);
                    pending.Enqueue((store, count, clock.ElapsedTicks));
                    Interlocked.Increment(ref acknowledged);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();

        if (!watch)
        {
            await Task.WhenAll(writers);
            return [$"| writes only, {label} | {storeCount} stores | {acknowledged / duration.TotalSeconds:N0}/s | {failed:N0} failed |"];
        }

        // One HQ reader: each read settles every write it shows.
        var waiting = new List<(string Store, int Count, long At)>();
        var drainUntil = TimeSpan.MaxValue;
        while (clock.Elapsed < drainUntil)
        {
            var view = InStock(await api.Json("/api/groups/huaxia/rollup", hq));
            var seen = clock.ElapsedTicks;
            while (pending.TryDequeue(out var write))
            {
                waiting.Add(write);
            }

            waiting.RemoveAll(w =>
            {
                if (view.GetValueOrDefault(w.Store) < w.Count)
                {
                    return false;
                }

                latencies.Add((seen - w.At) * 1000.0 / Stopwatch.Frequency);
                return true;
            });
            if (drainUntil == TimeSpan.MaxValue && writers.All(t => t.IsCompleted))
            {
                drainUntil = clock.Elapsed + TimeSpan.FromSeconds(10);
            }

            if (drainUntil != TimeSpan.MaxValue && waiting.Count == 0 && pending.IsEmpty)
            {
                break;
            }
        }

        await Task.WhenAll(writers);
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var seconds = duration.TotalSeconds;
        return
        [
            "",
            $"Group HQ's rollup with {storeCount} stores writing: {Writers} writers took cars into stock through the gateway for {seconds:N0} s " +
            $"while one HQ reader read the rollup back to back.",
            "",
            "| | figure |",
            "|---|---|",
            $"| writes acknowledged | {acknowledged:N0} ({acknowledged / seconds:N0}/s), {failed:N0} failed |",
            $"| write → visible at HQ, p50 | {Percentile(0.50):N0} ms |",
            $"| write → visible at HQ, p99 | {Percentile(0.99):N0} ms |",
            $"| write → visible at HQ, max | {(sorted.Length == 0 ? double.NaN : sorted[^1]):N0} ms |",
            $"| writes never seen within 10 s of the end | {waiting.Count + pending.Count:N0} |",
        ];
    }

    private static Dictionary<string, int> InStock(JsonElement rollup) =>
        rollup.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("summary"))
            .ToDictionary(s => s.GetProperty("storeId").GetString()!, s => s.GetProperty("inStock").GetInt32());

    /// <summary>A VIN unique to this run, writer and write, with its check digit.</summary>
    private static string Vin(long tag, int worker, long i)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"LSVB{tag % 100_000:D5}{worker:D2}{i % 1_000_000:D6}");
        return body[..8] + Contracts.Vehicles.Vin.CheckDigit(body) + body[9..];
    }
}
