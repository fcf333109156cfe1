using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Scheduling;
using AmoHealth.Tests.Infrastructure;
using AmoHealth.Tests.Integration.Probes;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>Confirmation re-checks run on the injected clock, outside the cycle, only for the check asked.</summary>
[Trait("Ring", "Integration")]
public sealed class RecheckSchedulingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AReCheckRunsTheOneCheckAfterItsDelayWithoutWaitingForTheNextCycle()
    {
        var time = new TimerClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var get = new FakeProbe(CheckType.Get);
        var web = new FakeProbe(CheckType.Web);
        var results = new ResultChannel();
        var rechecks = new RecheckQueue(time);
        using var scheduler = Pipeline.Scheduler(
            [get, web], [new AmoAccount("acme", new Uri("https://acme.amocrm.ru"), "t")], results,
            new MonitorOptions { CheckIntervalMs = 30_000, TimeoutMs = 10_000 }, time, rechecks);
        await scheduler.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => get.Calls == 1 && web.Calls == 1, Wait, "the first cycle");

        rechecks.Request(new RecheckRequest("acme", CheckType.Get, TimeSpan.FromSeconds(5)));
        await time.ParkedAsync(TimeSpan.FromSeconds(5), Wait, "the re-check to wait for its delay");
        var fired = time.Fired;
        time.Advance(TimeSpan.FromSeconds(4));
        // No timer came due during the advance: the re-check still waits, so the check cannot have run.
        Assert.Equal(fired, time.Fired);
        Assert.Equal(1, get.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => get.Calls == 2, Wait, "the re-check");

        Assert.Equal(1, web.Calls);
        rechecks.Request(new RecheckRequest("nobody", CheckType.Get, TimeSpan.Zero));
        await scheduler.StopAsync(CancellationToken.None);
    }
}
