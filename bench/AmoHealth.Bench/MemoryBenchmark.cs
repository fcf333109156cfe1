using System.Text.Json;

namespace AmoHealth.Bench;

/// <summary>
/// Resident memory of the running services (<c>--pids name:pid,...</c>), sampled every 100 ms for
/// <c>--seconds</c>: per process and in total, median and maximum; and at the end the proportional set size
/// (RSS counts the shared .NET framework files once per process; PSS shares them out).
/// <c>--label</c> names the situation (idle at the seed's load, under API load, 50 accounts).
/// </summary>
public static class MemoryBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var seconds = args.Int("seconds", 10);
        var label = args.Values.GetValueOrDefault("label", "idle");
        await using var rss = Rss.Watch(args.Text("pids"));
        var samples = new List<Dictionary<string, double>>();
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < end)
        {
            samples.Add(rss.Now());
            await Task.Delay(100);
        }

        var pss = rss.Proportional();
        var names = samples[0].Keys.ToList();
        var totals = samples.Select(s => s.Values.Sum()).Order().ToList();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "memory_rss_mib",
            label,
            seconds,
            median = names.ToDictionary(n => n,
                n => Math.Round(Stats.Percentile(samples.Select(s => s[n]).Order().ToList(), 50), 1)),
            max = names.ToDictionary(n => n, n => samples.Max(s => s[n])),
            total_median = Math.Round(Stats.Percentile(totals, 50), 1),
            total_max = Math.Round(totals[^1], 1),
            pss = pss,
            total_pss = Math.Round(pss.Values.Sum(), 1),
        }));
        return 0;
    }
}
