using System.Text.Json;
using AmoHealth.Prober.Extensions;
using AmoHealth.Prober.Probes.Hooks;

namespace AmoHealth.Bench;

/// <summary>
/// Detection latency: the whole Prober (its own DI, scheduler, state machine, outbox, webhook receiver) watches
/// a Simulator process; at a random point of the interval every amoCRM endpoint starts answering 503 (mode
/// <c>api</c>), or amoCRM stops delivering account webhooks and Digital Pipeline webhooks (mode
/// <c>delivery</c>); the figure is the time until the 🔴 alert naming the check arrives at the Simulator's
/// Mattermost. Budgets: interval + 20 s for the API checks; interval + deadline + 20 s for HOOK and DP.
/// </summary>
public static class DetectionBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var simulator = new Uri(args.Text("simulator"));
        var token = args.Text("token");
        var trials = args.Int("trials", 5);
        var intervalMs = args.Int("interval-ms", 10_000);
        var delivery = args.Values.TryGetValue("mode", out var mode) && mode == "delivery";
        var data = Directory.CreateTempSubdirectory("amohealth-bench-");
        var port = FreePort();
        var receiver = $"http://127.0.0.1:{port}";
        const string secret = "benchsecret0123456789";
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(receiver);
        var settings = new Dictionary<string, string?>
        {
            ["AMOCRM_DOMAIN"] = simulator.ToString(),
            ["AMOCRM_ACCESS_TOKEN"] = token,
            ["MATTERMOST_WEBHOOK_URL"] = new Uri(simulator, "/hooks/demo").ToString(),
            ["CHECK_INTERVAL"] = intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:Path"] = Path.Combine(data.FullName, "bench.db"),
            ["Monitor:Account"] = "bench",
        };
        if (delivery)
        {
            settings["PUBLIC_URL"] = receiver;
            settings["Monitor:HookSecret"] = secret;
            settings["Monitor:DpStageId"] = "7000102";
            settings["Monitor:DpReturnStageId"] = "7000101";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        // The migrate step, as the Prober's unit has it run first.
        var storage = new AmoHealth.Core.Storage.StorageOptions { Path = settings["Storage:Path"]! };
        await new AmoHealth.Core.Storage.DatabaseMigrator(
                new AmoHealth.Core.Storage.StorageContextFactory(storage),
                Microsoft.Extensions.Options.Options.Create(storage),
                new AmoHealth.Core.Storage.SchemaState(new AmoHealth.Core.Storage.StoreConnections(storage)))
            .MigrateAsync(CancellationToken.None);
        builder.AddServiceDefaults();
        builder.AddProberServices();
        await using var app = builder.Build();
        app.MapHookReceiver();
        using var control = new HttpClient { BaseAddress = simulator };
        await control.DeleteAsync("/__sim/faults");
        if (delivery)
        {
            (await control.PutAsJsonAsync("/__sim/dp",
                new { statusId = 7000102, url = $"{receiver}/hooks/amocrm/{secret}?account=bench&probe=dp" }))
                .EnsureSuccessStatusCode();
        }

        await app.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        if (delivery)
        {
            // The receiver must have answered once before HOOK and DP probe amoCRM.
            await Task.Delay(TimeSpan.FromMilliseconds(2 * intervalMs));
        }

        var detections = new List<double>();
        var deadlineMs = AmoHealth.Core.Configuration.SeedRules.DefaultDeliveryDeadlineMs(intervalMs);
        for (var trial = 0; trial < trials; trial++)
        {
            await control.DeleteAsync("/__sim/mattermost/messages");
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(intervalMs)));
            var injectedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (delivery)
            {
                // Dropped deliveries: amoCRM answers the writes but no webhook arrives.
                (await control.PostAsJsonAsync("/__sim/faults",
                    new { endpoint = "webhooks", mode = "reset" })).EnsureSuccessStatusCode();
                (await control.PostAsJsonAsync("/__sim/faults",
                    new { endpoint = "dp", mode = "reset" })).EnsureSuccessStatusCode();
                foreach (var check in new[] { "(HOOK)", "(DP)" })
                {
                    var at = await WaitForAsync(control, "🔴", injectedAt,
                        TimeSpan.FromMilliseconds(intervalMs + deadlineMs + 60_000), check);
                    detections.Add((at - injectedAt) / 1000.0);
                }
            }
            else
            {
                (await control.PostAsJsonAsync("/__sim/faults",
                    new { endpoint = "all", status = 503 })).EnsureSuccessStatusCode();
                var downAt =
                    await WaitForAsync(control, "🔴", injectedAt, TimeSpan.FromMilliseconds(intervalMs + 60_000));
                detections.Add((downAt - injectedAt) / 1000.0);
            }

            await control.DeleteAsync("/__sim/faults");
            foreach (var check in delivery ? new string?[] { "(HOOK)", "(DP)" } : [null])
            {
                // Every incident of this trial closes before the next one starts, or its 🔴 would not come again.
                await WaitForAsync(control, "✅", injectedAt, TimeSpan.FromSeconds(90), check);
            }
        }

        await app.StopAsync();
        detections.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = delivery ? "delivery_detection_latency_s" : "detection_latency_s",
            trials,
            samples = detections.Count,
            interval_s = intervalMs / 1000.0,
            median = Math.Round(Stats.Percentile(detections, 50), 1),
            p95 = Math.Round(Stats.Percentile(detections, 95), 1),
            max = Math.Round(detections[^1], 1),
            deadline_s = delivery ? deadlineMs / 1000.0 : 0,
            budget_s = intervalMs / 1000.0 + (delivery ? deadlineMs / 1000.0 : 0) + 20,
        }));
        return 0;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<long> WaitForAsync(HttpClient control, string emoji, long after, TimeSpan limit,
        string? naming = null)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var messages = await control.GetFromJsonAsync<JsonElement>("/__sim/mattermost/messages");
            foreach (var message in messages.EnumerateArray())
            {
                var text = message.GetProperty("payload").GetProperty("text").GetString()!;
                if (text.StartsWith(emoji, StringComparison.Ordinal)
                    && (naming is null || text.Contains(naming, StringComparison.Ordinal))
                    && message.GetProperty("receivedAt").GetInt64() >= after)
                {
                    return message.GetProperty("receivedAt").GetInt64();
                }
            }

            await Task.Delay(200);
        }

        var seen = await control.GetFromJsonAsync<JsonElement>("/__sim/mattermost/messages");
        throw new TimeoutException($"no {emoji} alert {naming} within {limit.TotalSeconds} s; Mattermost has: {seen}");
    }
}
