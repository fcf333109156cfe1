using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Diagnostics;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Prober.Probes.Safety;
using AmoHealth.Prober.Probes.Tokens;
using AmoHealth.Prober.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Bench;

/// <summary>
/// Prober throughput: the real scheduler runs GET and WEB for many accounts against a Simulator process
/// every second. Counts finished checks per second over the measured window, and the start jitter: how
/// late each probe started after its cycle's scheduled start.
/// </summary>
public static class ThroughputBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var simulator = new Uri(args.Text("simulator"));
        var token = args.Text("token");
        var accounts = args.Int("accounts", 600);
        var seconds = args.Int("seconds", 20);
        const int warmupSeconds = 3;
        var monitor = new MonitorOptions { CheckIntervalMs = 1_000, TimeoutMs = 900, MaxRequestsPerSecond = 5 };
        var options = Options.Create(monitor);
        var http = new SharedHandlerFactory();
        var guards = new AccountGuard.Registry(TimeProvider.System, options);
        var client = new ProbeClient(TimeProvider.System, options, guards,
            new TokenSources(http, new ProbeStateStore(null!), null!, options, TimeProvider.System,
                NullLoggerFactory.Instance, guards));
        var list = Enumerable.Range(0, accounts).Select(i => new AmoAccount($"bench-{i}", simulator, token)).ToList();
        var results = new ResultChannel();
        using var scheduler = new ProbeScheduler(
            [new GetProbe(client), new WebProbe(client)], list, results, new RecheckQueue(TimeProvider.System),
            new NetworkSelfCheck(http, Options.Create(new AlertOptions()), TimeProvider.System),
            new Heartbeat(http, options, NullLogger<Heartbeat>.Instance),
            new ProbeLoopHealth(options, TimeProvider.System),
            new AmoHealth.Prober.Cluster.SoleOwnership(),
            options,
            TimeProvider.System,
            NullLogger<ProbeScheduler>.Instance);

        var collected = new List<ProbeResult>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + warmupSeconds));
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(stop.Token))
            {
                collected.Add(result);
            }
        }
        catch (OperationCanceledException)
        {
            // The measuring window is over.
        }

        await scheduler.StopAsync(CancellationToken.None);

        // The scheduler starts account i at i/n of the interval after each tick; account 0 marks the ticks.
        var interval = monitor.CheckIntervalMs;
        var first = collected.Where(r => r.Account == "bench-0").Min(r => r.Timestamp);
        var index = list.Select((a, i) => (a.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var windowStart = first + warmupSeconds * 1000L;
        var windowEnd = first + (warmupSeconds + seconds) * 1000L - 1000;
        var measured = collected.Where(r => r.Timestamp >= windowStart && r.Timestamp < windowEnd).ToList();
        // Start jitter: how far each probe started from its own scheduled time, first + k * interval + offset.
        var jitter = measured
            .Select(r =>
            {
                var offset = (long)interval * index[r.Account] / accounts;
                var late = ((r.Timestamp - first - offset) % interval + interval) % interval;
                return (double)(late > interval / 2 ? interval - late : late);
            })
            .Order()
            .ToList();
        var errors = measured.Where(r => r.ErrorMessage is not null && !r.Outcome.IsSuccess())
            .GroupBy(r => r.ErrorMessage)
            .OrderByDescending(g => g.Count())
            .Take(3)
            .Select(g => $"{g.Count()}× {g.Key}")
            .ToList();
        var failures = measured.Count(r => !r.Outcome.IsSuccess());
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "prober_throughput",
            accounts,
            checks_per_cycle = accounts * 2,
            window_seconds = (windowEnd - windowStart) / 1000.0,
            checks_per_second = Math.Round(measured.Count / ((windowEnd - windowStart) / 1000.0), 1),
            failed = failures,
            errors,
            start_jitter_ms_p50 = Stats.Percentile(jitter, 50),
            start_jitter_ms_p99 = Stats.Percentile(jitter, 99),
            start_jitter_ms_max = jitter.Count > 0 ? jitter[^1] : double.NaN,
        }));
        return failures > measured.Count / 100 ? 1 : 0;
    }
}
