using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class ProbeTimingTests
{
    private static readonly MonitorOptions Options = new() { TimeoutMs = 5_000, CheckIntervalMs = 30_000 };

    [Fact]
    public async Task APlainHttpProbeIsSplitIntoDnsConnectAndTimeToFirstByteWithoutTls()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await Task.Delay(120, context.RequestAborted);
            context.Response.StatusCode = 200;
        });
        var baseUri = new Uri($"http://localhost:{server.BaseUri.Port}/");

        var result = await Probe(baseUri, Options);

        var phases = result.Phases!;
        Assert.NotNull(phases.DnsMs);
        Assert.NotNull(phases.ConnectMs);
        Assert.Null(phases.TlsMs);
        Assert.InRange(phases.TtfbMs!.Value, 115, result.ResponseTimeMs!.Value);
        Assert.True(phases.DnsMs + phases.ConnectMs <= phases.TtfbMs);
    }

    [Fact]
    public async Task AnHttpsProbeMeasuresTheTlsHandshake()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        }, https: true);

        var result = await ProbeClients.Create(Options, trustAnyCertificate: true).SendAsync(
            new AmoAccount("acme", server.BaseUri, "t"), CheckType.Get,
            new ProbeClient.Request(HttpMethod.Get, server.BaseUri),
            response => AnswerClassifier.Judge.Status(response, 200), CancellationToken.None);

        Assert.Equal(Outcome.Up, result.Outcome);
        Assert.Equal("https", server.BaseUri.Scheme);
        Assert.NotNull(result.Phases!.TlsMs);
        Assert.True(result.Phases.TlsMs >= 0);
    }

    [Fact]
    public async Task AnAnswerSlowerThanTheChecksThresholdIsDegradedNotUp()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await Task.Delay(250, context.RequestAborted);
            context.Response.StatusCode = 200;
        });
        var options =
            new MonitorOptions { TimeoutMs = 5_000, CheckIntervalMs = 30_000, DegradedMs = { ["GET"] = 100 } };

        var result = await Probe(server.BaseUri, options);

        Assert.Equal(Outcome.Degraded, result.Outcome);
        Assert.Equal("up", result.Outcome.ToStatus());
        Assert.Contains("100 ms", result.ErrorMessage);
    }

    [Theory]
    [InlineData("{\"title\":\"Too Many Requests\",\"status\":429,\"retry_after\":300}", null, 300)]
    [InlineData("<html>429</html>", null, null)]
    [InlineData("<html>429</html>", "45", 45)]
    public async Task AThrottledAnswerCarriesTheWaitAmoCrmAskedFor(string body, string? retryAfterHeader,
        int? expectedSeconds)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 429;
            if (retryAfterHeader is not null)
            {
                context.Response.Headers.RetryAfter = retryAfterHeader;
            }

            await context.Response.WriteAsync(body);
        });

        var result = await Probe(server.BaseUri, Options);

        Assert.Equal(Outcome.Throttled, result.Outcome);
        Assert.Equal(expectedSeconds, (int?)result.RetryAfter?.TotalSeconds);
    }

    private static Task<ProbeResult> Probe(Uri baseUri, MonitorOptions options) =>
        ProbeClients.Create(options).SendAsync(
            new AmoAccount("acme", baseUri, "t", AccountSettings.Resolve(options)), CheckType.Get,
            new ProbeClient.Request(HttpMethod.Get, baseUri),
            response => AnswerClassifier.Judge.Status(response, 200), CancellationToken.None);
}
