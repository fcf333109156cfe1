using System.Net.Http.Json;
using System.Text.Json;
using AmoHealth.Prober.Extensions;

namespace AmoHealth.Bench;

/// <summary>
/// Detection latency: the whole Prober (its own DI, scheduler, state machine, outbox) watches a Simulator
/// process; at a random point of the interval every amoCRM endpoint starts answering 503; the figure is the
/// time until the 🔴 alert arrives at the Simulator's Mattermost. Budget: interval + 20 s.
/// </summary>
public static class DetectionBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var simulator = new Uri(args.Text("simulator"));
        var token = args.Text("token");
        var trials = args.Int("trials", 5);
        var intervalMs = args.Int("interval-ms", 10_000);
        var data = Directory.CreateTempSubdirectory("amohealth-bench-");
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AMOCRM_DOMAIN"] = simulator.ToString(),
            ["AMOCRM_ACCESS_TOKEN"] = token,
            ["MATTERMOST_WEBHOOK_URL"] = new Uri(simulator, "/hooks/demo").ToString(),
            ["CHECK_INTERVAL"] = intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TIMEOUT_THRESHOLD"] = "5000",
            ["Storage:Path"] = Path.Combine(data.FullName, "bench.db"),
        });
        builder.AddServiceDefaults();
        builder.AddProberServices();
        await using var app = builder.Build();
        await app.StartAsync();

        using var control = new HttpClient { BaseAddress = simulator };
        await control.DeleteAsync("/__sim/faults");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var detections = new List<double>();
        for (var trial = 0; trial < trials; trial++)
        {
            await control.DeleteAsync("/__sim/mattermost/messages");
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(intervalMs)));
            var injectedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            (await control.PostAsJsonAsync("/__sim/faults", new { endpoint = "all", status = 503 })).EnsureSuccessStatusCode();
            var downAt = await WaitForAsync(control, "🔴", injectedAt, TimeSpan.FromMilliseconds(intervalMs + 60_000));
            await control.DeleteAsync("/__sim/faults");
            detections.Add((downAt - injectedAt) / 1000.0);
            await WaitForAsync(control, "✅", injectedAt, TimeSpan.FromSeconds(90));
        }

        await app.StopAsync();
        detections.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "detection_latency_s",
            trials,
            interval_s = intervalMs / 1000.0,
            median = Math.Round(Stats.Percentile(detections, 50), 1),
            p95 = Math.Round(Stats.Percentile(detections, 95), 1),
            max = Math.Round(detections[^1], 1),
            budget_s = intervalMs / 1000.0 + 20,
        }));
        return 0;
    }

    private static async Task<long> WaitForAsync(HttpClient control, string emoji, long after, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var messages = await control.GetFromJsonAsync<JsonElement>("/__sim/mattermost/messages");
            foreach (var message in messages.EnumerateArray())
            {
                if (message.GetProperty("payload").GetProperty("text").GetString()!.StartsWith(emoji, StringComparison.Ordinal)
                    && message.GetProperty("receivedAt").GetInt64() >= after)
                {
                    return message.GetProperty("receivedAt").GetInt64();
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no {emoji} alert within {limit.TotalSeconds} s");
    }
}
