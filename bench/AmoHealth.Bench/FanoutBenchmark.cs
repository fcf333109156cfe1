using System.Collections.Concurrent;
using System.Text.Json;
using AmoHealth.Core.Live;
using StackExchange.Redis;

namespace AmoHealth.Bench;

/// <summary>
/// SSE fan-out: <c>--clients</c> streams open through the Gateway, then <c>--messages</c> status updates
/// published to Redis as the Prober does, 200 ms apart. Each update carries the publisher's high-resolution
/// clock (this process is both ends), so delivery latency is exact. Reports p50/p95/p99/max over every
/// (client, message) pair, anything lost, and the RSS of the watched processes idle and at peak.
/// </summary>
public static class FanoutBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var gateway = new Uri(args.Text("gateway"));
        var clients = args.Int("clients", 1_000);
        var messages = args.Int("messages", 20);
        await using var rss = Rss.Watch(args.Values.GetValueOrDefault("pids"));
        var idle = rss.Now();

        using var http =
            new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = gateway,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var stop = new CancellationTokenSource();
        var latencies = new ConcurrentBag<double>();
        var ready = 0;
        var streams = Enumerable.Range(0, clients).Select(async _ =>
        {
            using var response =
                await http.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            var counted = false;
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (!counted && line.Length == 0)
                {
                    counted = true;
                    Interlocked.Increment(ref ready);
                }

                if (line.StartsWith("data: ", StringComparison.Ordinal)
                    && line.Contains("\"account\":\"bench-", StringComparison.Ordinal))
                {
                    var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    using var json = JsonDocument.Parse(line.AsMemory(6));
                    var sent = json.RootElement.GetProperty("data").GetProperty("lastCheck").GetInt64();
                    latencies.Add(received - sent); // whole milliseconds: one clock, one machine
                }
            }
        }).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref ready) < clients && DateTime.UtcNow < deadline && !streams.Any(s => s.IsFaulted))
        {
            await Task.Delay(100);
        }

        if (streams.FirstOrDefault(s => s.IsFaulted) is { } failed)
        {
            Console.Error.WriteLine($"a stream failed: {failed.Exception?.GetBaseException().Message}");
        }

        var connected = Volatile.Read(ref ready);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(args.Text("redis")))
        {
            var subscriber = redis.GetSubscriber();
            for (var i = 0; i < messages; i++)
            {
                // The Api passes on only what a Prober could have sent (LiveSchema): Unix times, a result id.
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var update =
                    StatusUpdate.Create($"bench-{i}", "GET", Core.Checks.Outcome.Up, 100, now, null, now,
                        resultId: i + 1);
                await subscriber.PublishAsync(RedisChannel.Literal(LiveChannels.Status),
                    JsonSerializer.Serialize(update, LiveJsonContext.Default.StatusUpdate));
                await Task.Delay(200);
            }
        }

        var expected = (long)connected * messages;
        var wait = DateTime.UtcNow.AddSeconds(10);
        while (latencies.Count < expected && DateTime.UtcNow < wait)
        {
            await Task.Delay(100);
        }

        var peak = rss.Peak;
        await stop.CancelAsync();
        await Task.WhenAll(streams.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        var sorted = latencies.Order().ToList();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "sse_fanout",
            clients,
            connected,
            messages,
            delivered = sorted.Count,
            lost = expected - sorted.Count,
            p50 = sorted.Count > 0 ? Math.Round(Stats.Percentile(sorted, 50), 1) : (double?)null,
            p95 = sorted.Count > 0 ? Math.Round(Stats.Percentile(sorted, 95), 1) : (double?)null,
            p99 = sorted.Count > 0 ? Math.Round(Stats.Percentile(sorted, 99), 1) : (double?)null,
            max = sorted.Count > 0 ? Math.Round(sorted[^1], 1) : (double?)null,
            rss_idle_mib = idle,
            rss_peak_mib = peak,
        }));
        return 0;
    }
}
