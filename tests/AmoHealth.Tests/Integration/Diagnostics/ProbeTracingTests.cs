using System.Diagnostics;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Diagnostics;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Diagnostics;

/// <summary>A cycle reads as traces: one AmoHealth span per probe, its amoCRM requests as children.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class ProbeTracingTests
{
    [Fact]
    public async Task EachProbeIsOneSpanWithItsOutcomePhasesAndItsAmoCrmRequestsBeneathIt()
    {
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With([]);
        var capture = new TelemetryCapture();
        await using var prober = ProberHost.For(simulator, database, new() { ["CHECK_INTERVAL"] = "2000" },
            capture.AddTo);
        using var client = prober.CreateClient();

        var probes = await Eventually.GetAsync(() =>
        {
            var spans = capture.Activities.Where(a => a.Source.Name == ProbeTracing.SourceName).ToList();
            return Task.FromResult(spans.Any(s => s.DisplayName == "probe GET")
                && spans.Any(s => s.DisplayName == "probe WEB") ? spans : null);
        }, TimeSpan.FromSeconds(30), "probe spans");

        var get = probes.First(s => s.DisplayName == "probe GET");
        Assert.Equal("GET", get.GetTagItem("amohealth.check"));
        Assert.Equal("up", get.GetTagItem("amohealth.outcome"));
        Assert.IsType<int>(get.GetTagItem("amohealth.response_time_ms"));
        Assert.Equal(ActivityStatusCode.Ok, get.Status);
        Assert.Contains(get.Events, e => e.Name == "first_byte");
        // The amoCRM request of that probe is a child span in the same trace.
        Assert.Contains(capture.Activities, a => a.ParentSpanId == get.SpanId && a.TraceId == get.TraceId
            && a.Kind == ActivityKind.Client);
        // Every probe starts its own trace, not inside another probe's.
        Assert.All(probes, s => Assert.Equal(default, s.ParentSpanId));
    }

    [Fact]
    public async Task TheHealthCheckFailsWhenTheProbeLoopStopsTicking()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var health = new ProbeLoopHealth(
            Microsoft.Extensions.Options.Options.Create(new MonitorOptions { CheckIntervalMs = 30_000 }), time);

        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        health.Tick();
        time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        var stalled = await health.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, stalled.Status);
        Assert.Equal("The probe loop has not started a cycle for 91 s (interval 30 s).", stalled.Description);
    }
}
