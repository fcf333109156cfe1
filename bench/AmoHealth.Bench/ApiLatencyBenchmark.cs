using System.Diagnostics;
using System.Text.Json;

namespace AmoHealth.Bench;

/// <summary>
/// Latency of the history and stats endpoints over real HTTP on loopback against a running Api: a few
/// warm-up requests, then <c>--requests</c> sequential ones per URL; p50/p95/p99 and the response size.
/// </summary>
public static class ApiLatencyBenchmark
{
    private static readonly string[] Paths =
    [
        "/api/status", "/api/history?hours=1", "/api/history?hours=24", "/api/history?hours=168",
            "/api/history?hours=720",
        "/api/stats?hours=24", "/api/stats?hours=720", "/api/incidents?limit=50",
    ];

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var api = new Uri(args.Text("api"));
        var requests = args.Int("requests", 50);
        var label = args.Values.GetValueOrDefault("label", "1 account");
        using var client = new HttpClient { BaseAddress = api };
        // --account NAME adds the per-account forms a many-account page (or integration) asks for.
        var paths = args.Values.TryGetValue("account", out var account)
            ? [.. Paths, $"/api/history?hours=24&account={account}", $"/api/stats?hours=720&account={account}"]
            : Paths;
        foreach (var path in paths)
        {
            for (var i = 0; i < 5; i++)
            {
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
            }

            var times = new List<double>(requests);
            long bytes = 0;
            for (var i = 0; i < requests; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                times.Add(clock.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
                bytes = body.Length;
            }

            times.Sort();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                benchmark = "api_latency_ms",
                label,
                path,
                requests,
                p50 = Math.Round(Stats.Percentile(times, 50), 2),
                p95 = Math.Round(Stats.Percentile(times, 95), 2),
                p99 = Math.Round(Stats.Percentile(times, 99), 2),
                response_bytes = bytes,
            }));
        }

        return 0;
    }
}
