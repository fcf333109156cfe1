using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Diagnostics;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Diagnostics;

/// <summary>The loop's health and the network self-check measure time on the monotonic clock, not the wall
/// clock.</summary>
[Trait("Ring", "Integration")]
public sealed class ClockStepDiagnosticsTests
{
    private readonly FakeTimeProvider _fake = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    [Fact]
    public async Task AWallClockStepForwardDoesNotFailTheProbeLoopsHealth()
    {
        var clock = new SteppingClock(_fake);
        var health = new ProbeLoopHealth(Options.Create(new MonitorOptions { CheckIntervalMs = 30_000 }), clock);
        health.Tick();

        clock.StepWallClock(TimeSpan.FromHours(2));

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task AWallClockStepBackDoesNotHideAStalledProbeLoop()
    {
        var clock = new SteppingClock(_fake);
        var health = new ProbeLoopHealth(Options.Create(new MonitorOptions { CheckIntervalMs = 30_000 }), clock);
        health.Tick();

        clock.StepWallClock(TimeSpan.FromHours(-1));
        _fake.Advance(TimeSpan.FromSeconds(91));

        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task AWallClockStepBackDoesNotKeepTheNetworkVerdictForAnHour()
    {
        var asked = 0;
        await using var reference = await LoopbackServer.StartAsync(_ =>
        {
            Interlocked.Increment(ref asked);
            return Task.CompletedTask;
        });
        var clock = new SteppingClock(_fake);
        var selfCheck = new NetworkSelfCheck(new PlainHttpClients(),
            Options.Create(new AlertOptions { ReferenceUrl = reference.BaseUri.ToString() }), clock);
        Assert.True(await selfCheck.IsOnlineAsync(CancellationToken.None));

        clock.StepWallClock(TimeSpan.FromHours(-1));
        _fake.Advance(TimeSpan.FromSeconds(11));

        Assert.True(await selfCheck.IsOnlineAsync(CancellationToken.None));
        Assert.Equal(2, asked);
    }
}
