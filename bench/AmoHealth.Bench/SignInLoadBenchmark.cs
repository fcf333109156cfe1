using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace AmoHealth.Bench;

/// <summary>
/// A flood of bad sign-ins against the Gateway (Login mode) while a probe measures on the same machine:
/// <c>--clients</c> parallel clients post wrong passwords without pause for as long as the probe runs. Reports
/// the probe's overhead before and during the flood, and how the Gateway answered (429 = refused before any
/// password hashing). The Gateway hashes one password at a time, so the flood costs at most one core.
/// </summary>
public static class SignInLoadBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var gateway = new Uri(args.Text("gateway"));
        var clients = args.Int("clients", 50);
        var samples = args.Int("samples", 200);
        await using var probe = await TimedProbe.StartAsync(50);

        var quiet = await probe.MeasureAsync(samples, CancellationToken.None);

        var answers = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();
        using var http =
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false,
                MaxConnectionsPerServer = clients }) { BaseAddress = gateway };
        var flood = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["user"] = "admin", ["password"] = $"wrong-{client}-{Random.Shared.Next()}", ["returnUrl"] = "/",
                });
                try
                {
                    using var response = await http.PostAsync("/auth/login", form, stop.Token);
                    answers.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        })).ToArray();
        await Task.Delay(500); // the flood is in full swing before the probe starts measuring
        var loaded = await probe.MeasureAsync(samples, CancellationToken.None, warmup: 0);
        await stop.CancelAsync();
        await Task.WhenAll(flood);

        var total = answers.Values.Sum();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "signin_flood_probe_overhead_ms",
            clients,
            samples,
            quiet_median = Math.Round(Stats.Percentile(quiet, 50), 2),
            quiet_p95 = Math.Round(Stats.Percentile(quiet, 95), 2),
            flood_median = Math.Round(Stats.Percentile(loaded, 50), 2),
            flood_p95 = Math.Round(Stats.Percentile(loaded, 95), 2),
            added_median = Math.Round(Stats.Percentile(loaded, 50) - Stats.Percentile(quiet, 50), 2),
            added_p95 = Math.Round(Stats.Percentile(loaded, 95) - Stats.Percentile(quiet, 95), 2),
            sign_ins = total,
            answered_429 = answers.GetValueOrDefault((int)HttpStatusCode.TooManyRequests),
            answered_failed = answers.GetValueOrDefault((int)HttpStatusCode.Redirect),
            note = "probe overhead (reported minus server wait, 50 ms target) on the same machine, "
                + "before and during the flood",
        }));
        return 0;
    }
}
