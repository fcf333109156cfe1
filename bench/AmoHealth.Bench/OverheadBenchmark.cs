using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probing;
using AmoHealth.Prober.Safety;
using AmoHealth.Prober.Storage;
using AmoHealth.Prober.Tokens;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

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
        var serverWaits = new ConcurrentQueue<double>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.Run(async context =>
        {
            var watch = Stopwatch.StartNew();
            await Task.Delay(delayMs);
            serverWaits.Enqueue(watch.Elapsed.TotalMilliseconds);
            context.Response.StatusCode = 200;
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        var options = Options.Create(new MonitorOptions { TimeoutMs = 10_000, CheckIntervalMs = 30_000, MaxRequestsPerSecond = 5 });
        var http = new SharedHandlerFactory();
        var client = new ProbeClient(http, TimeProvider.System, options, new AccountGuards(TimeProvider.System, options),
            new TokenSources(options, http, new ProbeStateStore(null!), TimeProvider.System));
        var account = new AmoAccount("bench", address, "t");
        const int warmup = 20;
        var overheads = new List<double>();
        for (var i = 0; i < samples + warmup; i++)
        {
            var result = await client.SendAsync(account, CheckType.Web, new HttpRequestMessage(HttpMethod.Get, address), _ => null,
                CancellationToken.None);
            if (!serverWaits.TryDequeue(out var waited) || result.Outcome != Outcome.Up)
            {
                throw new InvalidOperationException($"probe {i} failed: {result.ErrorMessage}");
            }

            if (i >= warmup)
            {
                overheads.Add(result.ResponseTimeMs!.Value - waited);
            }
        }

        overheads.Sort();
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
