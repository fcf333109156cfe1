using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace AmoHealth.Bench;

/// <summary>
/// A crowd at a public status page: <c>--rate</c> requests a second for <c>--seconds</c> to <c>--url</c> (the
/// shipped Nginx site in front of the Gateway), paced at a fixed rate whatever the answers take (an open loop: a
/// slow answer does not slow the crowd, and each latency counts from when its request was due). Reports the rate
/// achieved, p50/p95/p99 latency, errors, the share of Nginx cache hits (<c>X-Cache-Status</c>) and the CPU time
/// each watched process (<c>--pids name:pid,...</c>, the Api among them) spent during the run.
/// </summary>
public static class StatusPageBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var url = new Uri(args.Text("url"));
        var rate = args.Int("rate", 1_000);
        var seconds = args.Int("seconds", 30);
        var watched = Watched(args.Values.GetValueOrDefault("pids"));
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = args.Int("connections", 256),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        for (var i = 0; i < 20; i++)
        {
            using var warm = await http.GetAsync(url);
        }

        var total = rate * seconds;
        var latencies = new double[total];
        var cache = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var statuses = new ConcurrentDictionary<int, int>();
        var errors = 0;
        var cpuBefore = watched.ToDictionary(w => w.Name, w => Cpu(w.Pid));
        var clock = Stopwatch.StartNew();
        var tick = TimeSpan.FromSeconds(1.0 / rate);
        var requests = new Task[total];
        for (var sent = 0; sent < total;)
        {
            // Every request due by now goes out; then wait for the next one's time.
            while (sent < total && tick * sent <= clock.Elapsed)
            {
                requests[sent] = SendAsync(sent, tick * sent);
                sent++;
            }

            if (sent < total && tick * sent - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
            {
                await Task.Delay(wait);
            }
            else
            {
                await Task.Yield();
            }
        }

        await Task.WhenAll(requests);
        var elapsed = clock.Elapsed;
        var cpu = watched.ToDictionary(w => w.Name, w => Math.Round((Cpu(w.Pid) - cpuBefore[w.Name]).TotalSeconds, 2));
        var sorted = latencies.Order().ToList();
        var hits = cache.GetValueOrDefault("HIT");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "status_page_load",
            url = url.AbsolutePath,
            offered_rps = rate,
            seconds,
            requests = total,
            achieved_rps = Math.Round(total / elapsed.TotalSeconds, 1),
            p50_ms = Math.Round(Stats.Percentile(sorted, 50), 2),
            p95_ms = Math.Round(Stats.Percentile(sorted, 95), 2),
            p99_ms = Math.Round(Stats.Percentile(sorted, 99), 2),
            max_ms = Math.Round(sorted[^1], 2),
            errors,
            statuses = statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(), s => s.Value),
            cache = cache.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value),
            hit_share = Math.Round((double)hits / total, 4),
            cpu_seconds = cpu,
            cpu_percent_of_one_core =
                cpu.ToDictionary(c => c.Key, c => Math.Round(c.Value / elapsed.TotalSeconds * 100, 2)),
            note = "open loop at a fixed rate; latency from each request's due time; HTTPS through Nginx",
        }));
        return 0;

        async Task SendAsync(int index, TimeSpan due)
        {
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                var status = response.Headers.TryGetValues("X-Cache-Status", out var values) ? values.First() : "none";
                cache.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                Interlocked.Increment(ref errors);
            }
        }
    }

    private static List<(string Name, int Pid)> Watched(string? pids) =>
        string.IsNullOrEmpty(pids) ? []
            : [.. pids.Split(',').Select(p => p.Split(':')).Select(p => (p[0], int.Parse(p[1],
                System.Globalization.CultureInfo.InvariantCulture)))];

    private static TimeSpan Cpu(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }
}
