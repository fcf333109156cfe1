using System.Text.Json;

namespace AmoHealth.Bench;

/// <summary>
/// Measurement overhead: a loopback server waits about <c>--delay-ms</c> and records how long it really
/// waited; the overhead is the response time the Prober reports for that request minus the server's wait.
/// Sequential probes on a fresh connection each, exactly as the Prober sends them.
/// </summary>
public static class OverheadBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var samples = args.Int("samples", 300);
        var delayMs = args.Int("delay-ms", 50);
        await using var probe = await TimedProbe.StartAsync(delayMs);
        var overheads = await probe.MeasureAsync(samples, CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "probe_overhead_ms",
            samples = overheads.Count,
            injected_ms = delayMs,
            median = Math.Round(Stats.Percentile(overheads, 50), 2),
            p95 = Math.Round(Stats.Percentile(overheads, 95), 2),
            p99 = Math.Round(Stats.Percentile(overheads, 99), 2),
            note = "reported response time (whole ms) minus the server's measured wait; fresh connection per probe",
        }));
        return 0;
    }
}
