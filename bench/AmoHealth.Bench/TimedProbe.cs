using Microsoft.Extensions.Logging.Abstractions;
using System.Collections.Concurrent;
using System.Diagnostics;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Prober.Probes.Safety;
using AmoHealth.Prober.Probes.Tokens;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AmoHealth.Bench;

/// <summary>
/// The Prober's own probe client against a loopback server that waits about <c>delayMs</c> and records how long
/// it really waited. Overhead = the response time the Prober reports minus that wait: what a busy machine adds
/// to a measurement (and what would make a probe report false slowness).
/// </summary>
public sealed class TimedProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<double> _serverWaits = new();
    private WebApplication _app = null!;
    private ProbeClient _client = null!;
    private AmoAccount _account = null!;
    private Uri _address = null!;

    public static async Task<TimedProbe> StartAsync(int delayMs)
    {
        var probe = new TimedProbe();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        probe._app = builder.Build();
        probe._app.Run(async context =>
        {
            var watch = Stopwatch.StartNew();
            await Task.Delay(delayMs);
            probe._serverWaits.Enqueue(watch.Elapsed.TotalMilliseconds);
            context.Response.StatusCode = 200;
        });
        await probe._app.StartAsync();
        probe._address = new Uri(probe._app.Services
            .GetRequiredService<IServer>()
            .Features
            .GetRequiredFeature<IServerAddressesFeature>()
            .Addresses
            .First());
        var options =
            Options.Create(new MonitorOptions { TimeoutMs = 10_000, CheckIntervalMs = 30_000,
                MaxRequestsPerSecond = 5 });
        var http = new SharedHandlerFactory();
        var guards = new AccountGuard.Registry(TimeProvider.System, options);
        probe._client = new ProbeClient(TimeProvider.System, options, guards,
            new TokenSources(http, new ProbeStateStore(null!), null!, options, TimeProvider.System,
                NullLoggerFactory.Instance, guards));
        probe._account = new AmoAccount("bench", probe._address, "t");
        return probe;
    }

    /// <summary>Probes one by one on fresh connections, as the Prober sends them; sorted overheads, ms.</summary>
    public async Task<List<double>> MeasureAsync(int samples, CancellationToken cancellationToken, int warmup = 20)
    {
        var overheads = new List<double>();
        for (var i = 0; i < samples + warmup; i++)
        {
            var result = await _client.SendAsync(_account, CheckType.Web,
                new ProbeClient.Request(HttpMethod.Get, _address), _ => null, cancellationToken);
            if (!_serverWaits.TryDequeue(out var waited) || result.Outcome != Outcome.Up)
            {
                throw new InvalidOperationException($"probe {i} failed: {result.ErrorMessage}");
            }

            if (i >= warmup)
            {
                overheads.Add(result.ResponseTimeMs!.Value - waited);
            }
        }

        overheads.Sort();
        return overheads;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
